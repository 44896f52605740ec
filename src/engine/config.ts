/** calint.config.json: reading, validation against schemas/config.schema.json, and clear errors. */
import { existsSync } from 'node:fs';
import { describeReadError, readRegularFile } from '../load/read-regular-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../load/load-inputs.js';
import path from 'node:path';
import { closeMatches, didYouMean } from '../model/close-matches.js';
import { createHash } from 'node:crypto';
import type { ErrorObject } from 'ajv';
import { InputError } from '../load/errors.js';
import { decodeText } from '../load/decode.js';
import { parseJson, JsonSyntaxError } from '../load/parse-json.js';
import { splitPointer } from '../load/pointer.js';
import { validateConfig } from '../model/generated/validators.js';
import { isSeverity, type Severity } from './severity.js';
import type { CalintConfig, RuleSetting } from './config-types.js';
import type { GivenSource } from '../model/resolve-given.js';

export const CONFIG_FILE_NAME = 'calint.config.json';

export type { CalintConfig, RuleSetting } from './config-types.js';

export interface LoadedConfig {
  config: CalintConfig;
  /** The config file, or null when none was found. */
  file: string | null;
  /** Folder that relative plugin paths are resolved from. */
  baseDir: string;
  /** The config file as shown in messages (relative to the working directory). */
  shownFile: string | null;
  /** sha256 of the config file's bytes (null without one): the report names the exact settings it was made with. */
  sha256?: string | null;
  /** Line and column of a pointer in the config file. */
  locate: (pointer: string) => { line: number; column: number } | undefined;
}

export class ConfigError extends InputError {}

/** `--config <file>` if given; else the nearest calint.config.json from the first input's folder up to cwd. */
export function findConfigFile(explicit: string | undefined, inputs: string[], cwd: string): string | null {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError('config file not found', { file: explicit });
    return file;
  }
  const start = inputs[0] ? path.resolve(cwd, inputs[0]) : cwd;
  let dir = existsSync(start) && !start.endsWith('.json') ? start : path.dirname(start);
  const root = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dir === root || !dir.startsWith(root + path.sep)) break;
    dir = path.dirname(dir);
  }
  const atCwd = path.join(root, CONFIG_FILE_NAME);
  return existsSync(atCwd) ? atCwd : null;
}

export function loadConfig(file: string | null, cwd: string): LoadedConfig {
  if (!file) return { config: {}, file: null, baseDir: cwd, shownFile: null, locate: () => undefined };
  const shown = path.relative(cwd, file).split(path.sep).join('/') || file;
  let value: unknown;
  let locate: (pointer: string) => { line: number; column: number } | undefined = () => undefined;
  let sha256: string | null = null;
  try {
    const bytes = readRegularFile(file, DEFAULT_MAX_FILE_BYTES);
    sha256 = createHash('sha256').update(bytes).digest('hex');
    const { text } = decodeText(bytes);
    const parsed = parseJson(text);
    value = parsed.value;
    locate = (pointer) => {
      const offset = parsed.offsets.get(pointer);
      return offset === undefined ? undefined : parsed.lines.position(offset);
    };
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ConfigError(`invalid JSON in config: ${e.reason}`, { file: shown });
    throw new ConfigError(`cannot read config: ${describeReadError(e)}`, { file: shown });
  }
  if (!validateConfig(value)) {
    const error = pickConfigError(validateConfig.errors ?? []);
    const pos = locate(error.pointer);
    throw new ConfigError(error.reason, { file: shown, pointer: error.pointer, line: pos?.line, column: pos?.column });
  }
  const pattern = (value as CalintConfig).breakGlass?.namePattern;
  if (pattern !== undefined) {
    try {
      new RegExp(pattern, 'i');
    } catch (e) {
      const pos = locate('/breakGlass/namePattern');
      throw new ConfigError(`breakGlass.namePattern is not a regular expression: ${(e as Error).message}`, { file: shown, pointer: '/breakGlass/namePattern', line: pos?.line, column: pos?.column });
    }
  }
  return { config: value as CalintConfig, file, baseDir: path.dirname(file), shownFile: shown, sha256, locate };
}

function pickConfigError(errors: ErrorObject[]): { pointer: string; reason: string } {
  const e = errors.find((x) => x.keyword === 'additionalProperties') ?? errors.find((x) => x.keyword !== 'anyOf') ?? errors[0]!;
  const params = e.params as Record<string, any>;
  const key = splitPointer(e.instancePath).join('.') || '(top level)';
  if (e.keyword === 'additionalProperties') {
    // The keys the schema allows there (the validators are generated verbose, so the error carries its schema).
    const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
    const unknown = String(params.additionalProperty);
    const hint = known.length > 0 ? `; known keys: ${known.join(', ')}` : '';
    return { pointer: `${e.instancePath}/${unknown}`, reason: `unknown key "${unknown}" in ${key}${didYouMean(closeMatches(unknown, known))}${hint}` };
  }
  if (e.keyword === 'enum') {
    const allowed = (params.allowedValues as unknown[]).map(String);
    const near = typeof e.data === 'string' ? didYouMean(closeMatches(e.data, allowed)) : '';
    return { pointer: e.instancePath, reason: `${key} must be one of ${allowed.join(', ')}, found ${JSON.stringify(e.data)}${near}` };
  }
  const anyOfRequired = errors.filter((x) => x.keyword === 'required' && /^\/suppressions\/\d+$/.test(x.instancePath));
  if (e.keyword === 'required' && anyOfRequired.length > 1) {
    return { pointer: e.instancePath, reason: `${key} needs "policy" (a policy id, display name or "*") or "pointer" (a JSON pointer pattern)` };
  }
  if (e.keyword === 'required') {
    return { pointer: e.instancePath, reason: `${key} needs "${params.missingProperty}"` };
  }
  if (e.instancePath.startsWith('/rules/')) {
    return { pointer: e.instancePath, reason: `${key}: expected "off", "on", a severity (critical|high|medium|low|info) or {enabled, severity, options}` };
  }
  return { pointer: e.instancePath, reason: `${key} ${e.message ?? 'is invalid'}` };
}

/** Where a config value stands, for an error about it: `breakGlass.users[0]` at its file, line and column. */
export function configValueSource(config: LoadedConfig, pointer: string): GivenSource {
  const pos = config.locate(pointer);
  const label = pointer
    .slice(1)
    .split('/')
    .map((p, i) => (i === 0 ? p : /^\d+$/.test(p) ? `[${p}]` : `.${p}`))
    .join('');
  return { label, file: config.shownFile ?? undefined, pointer, line: pos?.line, column: pos?.column };
}

export interface ResolvedRuleSetting {
  enabled: boolean;
  severity: Severity | null;
  options: Record<string, unknown>;
}

export function resolveRuleSetting(setting: RuleSetting | undefined): ResolvedRuleSetting {
  if (setting === undefined || setting === true || setting === 'on') return { enabled: true, severity: null, options: {} };
  if (setting === false || setting === 'off') return { enabled: false, severity: null, options: {} };
  if (isSeverity(setting)) return { enabled: true, severity: setting, options: {} };
  return { enabled: setting.enabled ?? true, severity: setting.severity ?? null, options: setting.options ?? {} };
}
