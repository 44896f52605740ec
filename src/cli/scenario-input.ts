/**
 * The sign-ins `calint whatif` is asked about: a scenario file (`--scenario`, validated against
 * schemas/scenario.schema.json), a JSON Lines file of many (`--scenarios`), and flags that override their fields.
 * Every id or name in them is resolved against the export and the built-in catalogues; a value that resolves to
 * nothing stops the run with one line naming the value, where it came from, and the closest names.
 */
import type { ErrorObject } from 'ajv';
import { InputError } from '../load/errors.js';
import { decodeText, DecodeError } from '../load/decode.js';
import { JsonSyntaxError, parseJson } from '../load/parse-json.js';
import { LineIndex } from '../load/line-index.js';
import { splitPointer } from '../load/pointer.js';
import { describeReadError, readRegularFile } from '../load/read-regular-file.js';
import { validateScenario } from '../model/generated/validators.js';
import { resolveGiven, type GivenSource } from '../model/resolve-given.js';
import { SPECIAL_APP_NAMES } from '../model/well-known-apps.js';
import type { ReferenceKind, TenantIndex } from '../model/tenant-index.js';
import { normalizeScenario, ScenarioError, type Scenario } from '../evaluate/whatif/scenario.js';

/** A scenario as read, with its label (`name`) and where it came from. */
export interface ScenarioEntry {
  scenario: Scenario;
  name: string | null;
  /** 1-based line of a --scenarios file; null for --scenario and flags. */
  line: number | null;
}

/** The flags that describe a sign-in (all optional; they override a scenario file's fields). */
export interface ScenarioFlags {
  user?: string;
  group?: string[];
  role?: string[];
  guestType?: string;
  homeTenant?: string;
  servicePrincipal?: string;
  agent?: string;
  agentRisk?: string;
  app?: string;
  userAction?: string;
  authContext?: string;
  platform?: string;
  ip?: string;
  country?: string;
  location?: string[];
  mfaTrustedIp?: boolean;
  clientApp?: string;
  risk?: string;
  signInRisk?: string;
  userRisk?: string;
  servicePrincipalRisk?: string;
  insiderRisk?: string;
  flow?: string;
  device?: string;
}

/** Where a value of a scenario stands: a flag, or a pointer in a file (with its position). */
type SourceAt = (pointer: string, flag: string) => GivenSource;

// ---------------------------------------------------------------------------------------------- reading files

interface ParsedDocument {
  value: unknown;
  locate(pointer: string): { line: number; column: number } | undefined;
}

function readText(file: string, label: string, maxBytes: number): string {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, maxBytes);
  } catch (e) {
    throw new InputError(`cannot read the ${label}: ${describeReadError(e)}`, { file });
  }
  try {
    return decodeText(bytes).text;
  } catch (e) {
    if (e instanceof DecodeError) throw new InputError(`the ${label} is ${e.message}`, { file });
    throw e;
  }
}

function parseDocument(text: string, file: string, lineOffset = 0): ParsedDocument {
  const shift = (p: { line: number; column: number }) => ({ line: p.line + lineOffset, column: p.column });
  try {
    const parsed = parseJson(text);
    return {
      value: parsed.value,
      locate: (pointer) => {
        // The value's own position, else its nearest enclosing one (a missing key is reported on its object).
        for (let p = pointer; ; p = p.slice(0, Math.max(0, p.lastIndexOf('/')))) {
          const offset = parsed.offsets.get(p);
          if (offset !== undefined) return shift(parsed.lines.position(offset));
          if (p === '') return undefined;
        }
      },
    };
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      const pos = shift(new LineIndex(text).position(e.offset));
      throw new InputError(`invalid JSON: ${e.reason}`, { file, line: pos.line, column: pos.column });
    }
    throw e;
  }
}

/** `--scenario <file>`: one sign-in as a JSON object. */
export function readScenarioFile(file: string, maxBytes: number): { value: unknown; sourceAt: SourceAt; file: string } {
  const doc = parseDocument(readText(file, 'scenario file', maxBytes), file);
  checkSchema(doc, file);
  return { value: doc.value, sourceAt: fileSource(file, doc), file };
}

/** `--scenarios <file.jsonl>`: one sign-in per line (blank lines are skipped). */
export function readScenarioLines(file: string, maxBytes: number): Array<{ value: unknown; sourceAt: SourceAt; line: number }> {
  const text = readText(file, 'scenarios file', maxBytes);
  const out: Array<{ value: unknown; sourceAt: SourceAt; line: number }> = [];
  text.split(/\r?\n/).forEach((lineText, i) => {
    if (lineText.trim() === '') return;
    const doc = parseDocument(lineText, file, i);
    checkSchema(doc, file);
    out.push({ value: doc.value, sourceAt: fileSource(file, doc), line: i + 1 });
  });
  if (out.length === 0) throw new InputError('the scenarios file holds no sign-in (one JSON object per line)', { file });
  return out;
}

function fileSource(file: string, doc: ParsedDocument): SourceAt {
  return (pointer) => {
    const pos = doc.locate(pointer);
    return { label: `scenario ${labelOf(pointer)}`, file, pointer, line: pos?.line, column: pos?.column };
  };
}

/** `/identity/groupIds/0` → `identity.groupIds[0]`. */
function labelOf(pointer: string): string {
  return splitPointer(pointer)
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('') || '(top level)';
}

// ---------------------------------------------------------------------------------------------- schema errors

function checkSchema(doc: ParsedDocument, file: string): void {
  if (validateScenario(doc.value)) return;
  const { pointer, reason } = pickSchemaError(validateScenario.errors ?? []);
  const pos = doc.locate(pointer);
  throw new InputError(reason, { file, pointer, line: pos?.line, column: pos?.column });
}

/** The one error a person should fix first, in words (ajv's own wording is for schema authors). */
function pickSchemaError(errors: ErrorObject[]): { pointer: string; reason: string } {
  const useful = errors.filter((e) => e.keyword !== 'if' && e.keyword !== 'allOf');
  const rank = ['type', 'additionalProperties', 'required', 'enum', 'const', 'pattern', 'minLength', 'oneOf'];
  const score = (e: ErrorObject) => {
    const r = rank.indexOf(e.keyword);
    return r === -1 ? rank.length : r;
  };
  // The shallowest problem first (a wrong type of `identity` before anything inside it), then by kind.
  const e = [...(useful.length ? useful : errors)].sort(
    (a, b) => splitPointer(a.instancePath).length - splitPointer(b.instancePath).length || score(a) - score(b),
  )[0]!;
  const params = e.params as Record<string, unknown>;
  const key = labelOf(e.instancePath);
  const found = (v: unknown) => (v === undefined ? '' : `, found ${describeValue(v)}`);
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys(((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}) as object).filter((k) => k !== '$schema');
      const where = e.instancePath === '' ? 'the scenario' : key;
      return {
        pointer: `${e.instancePath}/${String(params.additionalProperty)}`,
        reason: `unknown key "${String(params.additionalProperty)}" in ${where}${known.length ? ` (known keys: ${known.join(', ')})` : ''}`,
      };
    }
    case 'required':
      return { pointer: e.instancePath, reason: `${e.instancePath === '' ? 'the scenario' : key} needs "${String(params.missingProperty)}"` };
    case 'enum':
      return { pointer: e.instancePath, reason: `${key} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${found(e.data)}` };
    case 'const':
      return { pointer: e.instancePath, reason: `${key} must be ${JSON.stringify(params.allowedValue)}${found(e.data)}` };
    case 'type':
      return { pointer: e.instancePath, reason: `${e.instancePath === '' ? 'a scenario' : key} must be ${article(String(params.type))}${found(e.data)}` };
    case 'pattern':
    case 'minLength': {
      const description = (e.parentSchema as { description?: string } | undefined)?.description;
      return { pointer: e.instancePath, reason: `${key} is not valid${description ? ` (${description})` : ''}${found(e.data)}` };
    }
    case 'oneOf':
      if (e.instancePath === '/device') return { pointer: e.instancePath, reason: `device must be an object of device attributes (strings, booleans or lists of strings), or null for an unregistered device${found(e.data)}` };
      return { pointer: e.instancePath, reason: `${key} is not valid${found(e.data)}` };
    default:
      return { pointer: e.instancePath, reason: `${key} ${e.message ?? 'is not valid'}${found(e.data)}` };
  }
}

function article(type: string): string {
  const words: Record<string, string> = { object: 'an object', array: 'a list', string: 'a string', boolean: 'true or false', null: 'null', number: 'a number' };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

// ---------------------------------------------------------------------------------------------- names

const ANY_APP_KEYWORDS: ReadonlySet<string> = new Set(Object.keys(SPECIAL_APP_NAMES));

function resolveOne(index: TenantIndex, kind: ReferenceKind, value: string, source: GivenSource): string {
  return resolveGiven(index, kind, value, source).key;
}

/** A sign-in is to one application: an app id or name, never an app group or `All`. */
function resolveApp(index: TenantIndex, value: string, source: GivenSource): string {
  const ref = resolveGiven(index, 'application', value, source);
  if (ANY_APP_KEYWORDS.has(ref.key)) {
    throw new InputError(
      `${source.label} "${value}": a sign-in is to one application, and ${ref.name} is not one; give an application id or name ` +
        '(for example "Office 365 Exchange Online")',
      source.file ? { file: source.file, pointer: source.pointer, line: source.line, column: source.column } : {},
    );
  }
  return ref.key;
}

function resolveLocation(index: TenantIndex, value: string, source: GivenSource): string {
  const ref = resolveGiven(index, 'namedLocation', value, source);
  if (ref.status === 'keyword') {
    throw new InputError(
      `${source.label} "${value}": a sign-in is in named locations, not "${ref.name}"; give location ids or names, or --ip/--country`,
      source.file ? { file: source.file, pointer: source.pointer, line: source.line, column: source.column } : {},
    );
  }
  return ref.key;
}

/** Every id or name in a scenario resolved to the id the evaluator reads (throws NameError / InputError). */
export function resolveScenarioNames(index: TenantIndex, s: Scenario, at: SourceAt): Scenario {
  const out: Scenario = { ...s };
  const id = s.identity;
  if (id.kind === 'user') {
    out.identity = {
      ...id,
      ...(id.userId !== undefined ? { userId: resolveOne(index, 'user', id.userId, at('/identity/userId', '--user')) } : {}),
      ...(id.groupIds !== undefined ? { groupIds: id.groupIds.map((g, i) => resolveOne(index, 'group', g, at(`/identity/groupIds/${i}`, '--group'))) } : {}),
      ...(id.roleIds !== undefined ? { roleIds: id.roleIds.map((r, i) => resolveOne(index, 'role', r, at(`/identity/roleIds/${i}`, '--role'))) } : {}),
    };
  } else if (id.kind === 'servicePrincipal') {
    out.identity = { ...id, servicePrincipalId: resolveOne(index, 'servicePrincipal', id.servicePrincipalId, at('/identity/servicePrincipalId', '--service-principal')) };
  } else {
    out.identity = { ...id, agentId: resolveOne(index, 'servicePrincipal', id.agentId, at('/identity/agentId', '--agent')) };
  }
  if (s.target.kind === 'application') out.target = { ...s.target, appId: resolveApp(index, s.target.appId, at('/target/appId', '--app')) };
  if (s.target.kind === 'authenticationContext') {
    out.target = { ...s.target, id: resolveOne(index, 'authenticationContext', s.target.id, at('/target/id', '--auth-context')) };
  }
  if (s.namedLocationIds) out.namedLocationIds = s.namedLocationIds.map((l, i) => resolveLocation(index, l, at(`/namedLocationIds/${i}`, '--location')));
  return out;
}

/** normalizeScenario, with its errors located: a file's pointer, or the flag. */
function normalizeAt(s: Scenario, at: SourceAt): Scenario {
  try {
    return normalizeScenario(s);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const source = at(`/${e.field.split('.').join('/')}`, `--${e.field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    const rest = e.message.startsWith(`${e.field} `) ? e.message.slice(e.field.length + 1) : e.message;
    if (!source.file) throw new InputError(`${source.label} ${rest}`);
    throw new InputError(e.message, { file: source.file, pointer: source.pointer, line: source.line, column: source.column });
  }
}

// ---------------------------------------------------------------------------------------------- flags

const flagSource: SourceAt = (_pointer, flag) => ({ label: flag });

/** The fields the flags set, as a partial scenario (names not yet resolved). */
function flagsScenario(flags: ScenarioFlags, base: Partial<Scenario>): Partial<Scenario> {
  const s: Partial<Scenario> = {};
  if (flags.servicePrincipal && flags.agent) throw new InputError('give one of --service-principal and --agent');
  if (flags.servicePrincipal) s.identity = { kind: 'servicePrincipal', servicePrincipalId: flags.servicePrincipal };
  else if (flags.agent) s.identity = { kind: 'agent', agentId: flags.agent };
  else if (flags.user || flags.group || flags.role || flags.guestType || flags.homeTenant) {
    const prev = base.identity?.kind === 'user' ? base.identity : { kind: 'user' as const };
    const roles = flags.role?.filter((r) => r.toLowerCase() !== 'none');
    s.identity = {
      ...prev,
      ...(flags.user ? { userId: flags.user } : {}),
      ...(flags.group ? { groupIds: flags.group } : {}),
      ...(roles ? { roleIds: roles } : {}),
      ...(flags.guestType ? { guestType: flags.guestType.toLowerCase() === 'none' ? null : (flags.guestType as never) } : {}),
      ...(flags.homeTenant ? { homeTenantId: flags.homeTenant } : {}),
    };
  }
  const targets = [flags.app, flags.userAction, flags.authContext].filter(Boolean).length;
  if (targets > 1) throw new InputError('give one of --app, --user-action, --auth-context');
  if (flags.app) s.target = { kind: 'application', appId: flags.app };
  if (flags.userAction) {
    const a = flags.userAction.toLowerCase();
    s.target = { kind: 'userAction', action: a.startsWith('urn:') ? a : `urn:user:${a}` };
  }
  if (flags.authContext) s.target = { kind: 'authenticationContext', id: flags.authContext };
  const set = <K extends keyof Scenario>(key: K, v: unknown) => {
    if (v !== undefined) s[key] = v as Scenario[K];
  };
  set('platform', flags.platform);
  set('ip', flags.ip);
  set('country', flags.country);
  set('namedLocationIds', flags.location);
  if (flags.mfaTrustedIp) s.mfaTrustedIp = true;
  set('clientApp', flags.clientApp);
  set('signInRisk', flags.signInRisk ?? flags.risk);
  set('userRisk', flags.userRisk);
  set('servicePrincipalRisk', flags.servicePrincipalRisk);
  set('agentIdRisk', flags.agentRisk);
  set('insiderRisk', flags.insiderRisk);
  set('authenticationFlow', flags.flow);
  if (flags.device !== undefined) {
    if (flags.device === 'unregistered' || flags.device === 'null') s.device = null;
    else {
      let device: unknown;
      try {
        device = JSON.parse(flags.device);
      } catch (e) {
        throw new InputError(`--device: expected device attributes as JSON (e.g. '{"trustType":"AzureAD","isCompliant":true}') or "unregistered" (${(e as Error).message})`);
      }
      if (device === null || typeof device !== 'object' || Array.isArray(device)) throw new InputError('--device: expected a JSON object of device attributes, or "unregistered"');
      s.device = device as Scenario['device'];
    }
  }
  return s;
}

/**
 * One scenario: a file's fields (already schema-checked), overridden by the flags; names resolved; normalised.
 * Values from the file are located in it; values from flags are named by their flag.
 */
export function buildScenario(index: TenantIndex, flags: ScenarioFlags, base?: { value: unknown; sourceAt: SourceAt }): ScenarioEntry & { line: null } {
  const fromFile = (base?.value ?? {}) as Partial<Scenario> & { name?: string; $schema?: string };
  const { name, $schema: _schema, ...fileFields } = fromFile;
  const resolvedFile = base ? resolvePartial(index, fileFields, base.sourceAt) : {};
  const overrides = resolvePartial(index, flagsScenario(flags, resolvedFile), flagSource);
  const merged = { ...resolvedFile, ...overrides } as Partial<Scenario>;
  if (!merged.identity) merged.identity = { kind: 'user' };
  if (!merged.target) throw new InputError('what is signed in to? give --app <id|name>, --user-action or --auth-context (or a --scenario file)');
  const at = (pointer: string, flag: string) => (Object.hasOwn(overrides, splitPointer(pointer)[0] ?? '') || !base ? flagSource(pointer, flag) : base.sourceAt(pointer, flag));
  return { scenario: normalizeAt(merged as Scenario, at), name: name ?? null, line: null };
}

/** Resolves the names of whichever parts a partial scenario has. */
function resolvePartial(index: TenantIndex, s: Partial<Scenario>, at: SourceAt): Partial<Scenario> {
  const placeholder: Scenario = {
    identity: s.identity ?? { kind: 'user' },
    target: s.target ?? { kind: 'userAction', action: 'urn:user:registersecurityinfo' },
    ...(s.namedLocationIds ? { namedLocationIds: s.namedLocationIds } : {}),
  };
  const r = resolveScenarioNames(index, placeholder, at);
  return {
    ...s,
    ...(s.identity ? { identity: r.identity } : {}),
    ...(s.target ? { target: r.target } : {}),
    ...(s.namedLocationIds ? { namedLocationIds: r.namedLocationIds } : {}),
  };
}

/** Every line of a --scenarios file, each overridden by the flags (as --scenario is). */
export function buildScenarios(index: TenantIndex, flags: ScenarioFlags, file: string, maxBytes: number): ScenarioEntry[] {
  return readScenarioLines(file, maxBytes).map((entry) => ({ ...buildScenario(index, flags, entry), line: entry.line }));
}
