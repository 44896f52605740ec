/**
 * Rule discovery. Built-in rules and external rule packs (a folder of rule files, or an installed npm package)
 * are loaded by the same code: every rule file default-exports a rule (or an array) made with defineRule.
 */
import { importModule } from '../load/import-module.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError } from '../load/errors.js';
import { compareStrings, walkFolder } from '../load/discover.js';
import { isSeverity } from './severity.js';
import type { Rule } from './rule-types.js';
import { isLicenceId, LICENCE_IDS } from '../model/licences.js';

export interface LoadedRule {
  rule: Rule;
  /** "builtin" or the pack's name as configured. */
  source: string;
  /** The file that defined it. */
  file: string;
}

export class RulePackError extends InputError {}

const RULE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)+$/;

/** The folder holding the built-in rules: dist/rules when compiled, rules/ when run from source. */
export function builtInRulesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // src/engine (tests) -> rules/; dist/src/engine -> dist/rules; the bundle dist/calint.cjs -> dist/rules.
  return path.basename(here) === 'engine' ? path.resolve(here, '../../rules') : path.resolve(here, 'rules');
}

/** A rule file's module as the bundled CLI carries it: the file it came from and what it exports. */
export interface RuleModule {
  file: string;
  exports: Record<string, unknown>;
}

/**
 * The built-in rules. The single-file CLI (dist/calint.cjs, made by `npm run build`) carries the rule files' modules,
 * found by walking rules/ at build time, and passes them in (`bundled`) so start-up does not import ~90 files one by
 * one; without them the rules/ folder is read. Either way they go through the same checks as every rule pack file.
 */
export async function loadBuiltInRules(bundled?: readonly RuleModule[]): Promise<LoadedRule[]> {
  if (bundled) return bundled.flatMap((m) => rulesFromModule(m.exports, 'builtin', path.resolve(builtInRulesDir(), m.file)));
  return loadRuleFolder(builtInRulesDir(), 'builtin');
}

/** A plugin entry: a path (./x, ../x, /x) to a folder or file, or an npm package name resolved from baseDir. */
export async function loadRulePack(entry: string, baseDir: string): Promise<LoadedRule[]> {
  if (/^(\.{1,2}[\\/]|[\\/]|[a-zA-Z]:[\\/])/.test(entry) || entry === '.' || existsSync(path.resolve(baseDir, entry))) {
    const target = path.resolve(baseDir, entry);
    const stat = statSync(target, { throwIfNoEntry: false });
    if (!stat) throw new RulePackError(`rule pack "${entry}" not found (looked for ${target})`);
    if (stat.isDirectory()) return loadRuleFolder(target, entry);
    return loadRuleFile(target, entry);
  }
  return loadRulePackage(entry, baseDir);
}

async function loadRulePackage(name: string, baseDir: string): Promise<LoadedRule[]> {
  let dir = path.resolve(baseDir);
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    const manifest = path.join(candidate, 'package.json');
    if (existsSync(manifest)) {
      let pkg: { calint?: { rules?: string }; exports?: unknown; main?: string; module?: string };
      try {
        pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      } catch (e) {
        throw new RulePackError(`rule pack "${name}": cannot read ${manifest}: ${(e as Error).message}`);
      }
      if (pkg.calint?.rules) return loadRuleFolder(path.resolve(candidate, pkg.calint.rules), name);
      const entry = packageEntry(pkg);
      return loadRuleFile(path.resolve(candidate, entry), name);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new RulePackError(`rule pack "${name}" is not installed (no node_modules/${name} from ${baseDir}); run npm install ${name}`);
}

function packageEntry(pkg: { exports?: unknown; main?: string; module?: string }): string {
  const pick = (e: unknown): string | null => {
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object') {
      const o = e as Record<string, unknown>;
      for (const key of ['.', 'import', 'node', 'default', 'require']) {
        const r = key in o ? pick(o[key]) : null;
        if (r) return r;
      }
    }
    return null;
  };
  return pick(pkg.exports) ?? pkg.module ?? pkg.main ?? 'index.js';
}

async function loadRuleFolder(dir: string, source: string): Promise<LoadedRule[]> {
  if (!existsSync(dir)) throw new RulePackError(`rule pack "${source}": folder ${dir} does not exist`);
  const files = walkFolder(dir)
    .filter((f) => /\.(m?js|cjs|m?ts)$/.test(f) && !/\.d\.m?ts$/.test(f))
    .sort(compareStrings);
  const rules: LoadedRule[] = [];
  for (const file of files) rules.push(...(await loadRuleFile(file, source)));
  if (rules.length === 0) throw new RulePackError(`rule pack "${source}": no rule files in ${dir}`);
  return rules;
}

async function loadRuleFile(file: string, source: string): Promise<LoadedRule[]> {
  const shown = path.relative(process.cwd(), file).split(path.sep).join('/') || file;
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(pathToFileURL(file).href);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const reason =
      err.code === 'ERR_UNKNOWN_FILE_EXTENSION'
        ? 'TypeScript rule files must be compiled to JavaScript first'
        : `cannot load: ${err.message.split('\n')[0]}`;
    throw new RulePackError(`rule pack "${source}": ${reason}`, { file: shown });
  }
  return rulesFromModule(mod, source, file);
}

/** The rules a rule file exports (default export, or `rules`), each checked; a broken one is an error naming it. */
function rulesFromModule(mod: Record<string, unknown>, source: string, file: string): LoadedRule[] {
  const shown = path.relative(process.cwd(), file).split(path.sep).join('/') || file;
  const exported = mod.default ?? mod.rules;
  const candidates = Array.isArray(exported) ? exported : exported !== undefined ? [exported] : [];
  if (candidates.length === 0) {
    throw new RulePackError(`rule pack "${source}": no rule exported (default-export defineRule({...}) or export const rules = [...])`, { file: shown });
  }
  return candidates.map((candidate, i) => {
    const problem = ruleProblem(candidate, { builtIn: source === 'builtin' });
    if (problem) {
      const id = (candidate as { id?: unknown } | null)?.id;
      const which = typeof id === 'string' ? `rule "${id}"` : `export #${i}`;
      throw new RulePackError(`rule pack "${source}": broken ${which}: ${problem}`, { file: shown });
    }
    return { rule: candidate as Rule, source, file };
  });
}

/**
 * What is wrong with an exported rule object, or null. Built-in rules must also say what is wrong when they fire (risk)
 * and how to order the work (priority, effort, userImpact); a rule pack rule may leave them out (the summary then
 * gets the documented defaults), but what it gives must be well formed.
 */
export function ruleProblem(candidate: unknown, { builtIn = false }: { builtIn?: boolean } = {}): string | null {
  if (!candidate || typeof candidate !== 'object') return 'not an object (use defineRule({...}))';
  const r = candidate as Record<string, unknown>;
  if (typeof r.id !== 'string' || !RULE_ID.test(r.id)) return `id must be "<category>/<name>" in kebab-case, found ${JSON.stringify(r.id)}`;
  for (const key of ['title', 'rationale', 'remediation'] as const) {
    if (typeof r[key] !== 'string' || r[key] === '') return `"${key}" must be a non-empty string`;
  }
  if (!isSeverity(r.severity)) return `severity must be critical, high, medium, low or info, found ${JSON.stringify(r.severity)}`;
  const catalogue = r.catalogue;
  if (!(typeof catalogue === 'string' || (Array.isArray(catalogue) && catalogue.every((c) => typeof c === 'string')))) {
    return '"catalogue" must be a catalogue number such as "CA-073" (or a list)';
  }
  if (!Array.isArray(r.references) || !r.references.every((x) => typeof x === 'string')) return '"references" must be a list of URLs';
  if (!r.messages || typeof r.messages !== 'object' || Object.values(r.messages).some((m) => typeof m !== 'function')) {
    return '"messages" must map message ids to functions';
  }
  if (r.scope !== undefined && r.scope !== 'policy' && r.scope !== 'tenant') return `scope must be "policy" or "tenant", found ${JSON.stringify(r.scope)}`;
  if (r.uses !== undefined && !(Array.isArray(r.uses) && r.uses.every((u) => u === 'coverage'))) return `uses must be a list of capabilities ("coverage"), found ${JSON.stringify(r.uses)}`;
  const ms = r.messageSeverity as Record<string, unknown> | undefined;
  if (ms !== undefined) {
    if (!ms || typeof ms !== 'object') return '"messageSeverity" must map message ids to severities';
    for (const [id, sev] of Object.entries(ms)) {
      if (!Object.hasOwn(r.messages as object, id)) return `"messageSeverity" names message "${id}", which "messages" does not define`;
      if (!isSeverity(sev)) return `"messageSeverity.${id}" must be critical, high, medium, low or info, found ${JSON.stringify(sev)}`;
    }
  }
  const workOrder = workOrderProblem(r, builtIn);
  if (workOrder) return workOrder;
  if (typeof r.check !== 'function') return '"check" must be a function';
  const options = r.options as { schema?: unknown; defaults?: unknown } | undefined;
  if (options !== undefined && (typeof options !== 'object' || typeof options.schema !== 'object' || typeof options.defaults !== 'object')) {
    return '"options" must be {schema, defaults}';
  }
  return null;
}

/** The work-order fields every built-in rule must give, with what each says (for the error naming a missing one). */
const WORK_ORDER_FIELDS: Readonly<Record<string, string>> = {
  risk: 'one line saying what is wrong when the rule fires',
  priority: '1, 2 or 3: which open finding to fix first',
  effort: 'low, medium or high: what the fix asks of the administrators',
  userImpact: 'none, low, medium or high: what the fix means for the people who sign in',
};

/** Risk, priority, effort, user impact and licences: absent (rule packs only) or well formed. */
function workOrderProblem(r: Record<string, unknown>, builtIn: boolean): string | null {
  if (builtIn) {
    const missing = Object.entries(WORK_ORDER_FIELDS).find(([key]) => r[key] === undefined);
    if (missing) return `"${missing[0]}" is required for a built-in rule (${missing[1]})`;
  }
  if (r.risk !== undefined) {
    if (typeof r.risk !== 'string' || r.risk.trim() === '') return '"risk" must be a non-empty string (what is wrong when the rule fires)';
    if (/\n/.test(r.risk)) return '"risk" must be one line';
    if (r.risk.trim().toLowerCase() === String(r.title).trim().toLowerCase()) return '"risk" must say what is wrong, not repeat the title';
  }
  if (r.priority !== undefined && r.priority !== 1 && r.priority !== 2 && r.priority !== 3) {
    return `priority must be 1, 2 or 3 (1 = fix first), found ${JSON.stringify(r.priority)}`;
  }
  if (r.effort !== undefined && !['low', 'medium', 'high'].includes(r.effort as string)) {
    return `effort must be low, medium or high, found ${JSON.stringify(r.effort)}`;
  }
  if (r.userImpact !== undefined && !['none', 'low', 'medium', 'high'].includes(r.userImpact as string)) {
    return `userImpact must be none, low, medium or high, found ${JSON.stringify(r.userImpact)}`;
  }
  if (r.licences !== undefined) {
    if (!Array.isArray(r.licences)) return '"licences" must be a list of licence ids';
    for (const id of r.licences) {
      if (!isLicenceId(id)) return `licences: unknown licence ${JSON.stringify(id)} (known: ${LICENCE_IDS.filter((l) => l !== 'entra-id-p1').join(', ')})`;
      if (id === 'entra-id-p1') return 'licences: leave out "entra-id-p1" (Conditional Access itself needs it; list only what a fix needs beyond it)';
    }
  }
  return null;
}

/** All rules sorted by id; duplicate ids across packs are an error. */
export function mergeRules(packs: LoadedRule[][]): LoadedRule[] {
  const byId = new Map<string, LoadedRule>();
  for (const loaded of packs.flat()) {
    const existing = byId.get(loaded.rule.id);
    if (existing) {
      throw new RulePackError(
        `rule id "${loaded.rule.id}" is defined twice: by ${existing.source} (${path.basename(existing.file)}) and by ${loaded.source} (${path.basename(loaded.file)})`,
      );
    }
    byId.set(loaded.rule.id, loaded);
  }
  return [...byId.values()].sort((a, b) => compareStrings(a.rule.id, b.rule.id));
}

export function ruleCategory(rule: Rule): string {
  return rule.id.slice(0, rule.id.lastIndexOf('/'));
}
