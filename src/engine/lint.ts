/** One lint run end to end: config -> load -> validate/snapshot -> index -> rules -> LintResult. */
import { createHash } from 'node:crypto';
import { loadInputs, DEFAULT_MAX_FILE_BYTES } from '../load/load-inputs.js';
import { InputError } from '../load/errors.js';
import { closeMatches, didYouMean } from '../model/close-matches.js';
import { buildSnapshot } from '../model/build-snapshot.js';
import { configValueSource, findConfigFile, loadConfig, ConfigError, type LoadedConfig } from './config.js';
import { loadBuiltInRules, loadRulePack, mergeRules, ruleCategory, type LoadedRule, type RuleModule } from './registry.js';
import { activateRules, runRules, sortFindings, type ActiveRule } from './run-rules.js';
import { applySuppressions } from './suppressions.js';
import { markBaseline, readBaseline } from './baseline-file.js';
import { RESULT_SCHEMA_VERSION, type LintResult, type PolicySummary, type RunError, type RuleSummary } from './result-types.js';
import type { TenantIndex } from '../model/tenant-index.js';
import type { SourcePosition } from '../load/types.js';
import { policyLabel, stateLabel } from '../model/policy.js';
import { SEVERITIES, meetsThreshold, type Severity } from './severity.js';
import { toolVersion } from './tool-version.js';
import type { RuleScope } from './rule-types.js';
import { resolveBreakGlass } from '../evaluate/break-glass.js';
import { Evaluator } from '../evaluate/evaluator.js';
import { licenceNames, missingLicences, tenantLicences, type TenantLicences } from '../model/licences.js';
import { compareStrings } from '../load/discover.js';
import type { DocumentControl, Notice } from './result-types.js';
import type { ReportConfig } from './config-types.js';
import type { CoverageForReport } from '../evaluate/coverage/summary-types.js';
import { describePolicy } from '../model/describe-policy.js';
import { tenantIdentity } from '../model/tenant-identity.js';
import { referencedNames } from '../model/referenced-names.js';
import { frameworkMappingsFor } from '../frameworks/definitions.js';

export interface LintOptions {
  inputs: string[];
  cwd: string;
  configFile?: string;
  /**
   * --break-glass: users or groups by id, UPN or name, added to the config's. The export decides each one's kind; an id
   * it does not hold counts wherever a user or a group id may stand. A name that resolves to nothing is an error.
   */
  breakGlass?: string[];
  /**
   * `tenant` runs every rule; `policy` only the rules that judge each policy on its own (one policy file, a folder of
   * templates). Default: `policy` when the input is one file holding one policy, else `tenant`.
   */
  scope?: RuleScope;
  /** --rules folders, loaded after the config's plugins. */
  ruleDirs?: string[];
  /** --rule: run only these rules (ids or aliases); an unknown id is a config error. */
  only?: string[];
  failOn?: Severity;
  /** --baseline: only findings not in this file fail the run. */
  baselineFile?: string;
  maxFileBytes?: number;
  /** The report date; SOURCE_DATE_EPOCH pins it. */
  now: Date;
  /** The built-in rules' modules as the bundled CLI carries them (default: read from rules/). */
  builtInRules?: readonly RuleModule[];
}

/** Rules as configured (built-ins, then config plugins, then --rules folders). Throws InputError subclasses. */
export async function prepareRules(
  config: LoadedConfig,
  ruleDirs: string[],
  cwd: string,
  builtInRules?: readonly RuleModule[],
): Promise<{ loaded: LoadedRule[]; active: ActiveRule[] }> {
  const packs: LoadedRule[][] = [await loadBuiltInRules(builtInRules)];
  for (const plugin of config.config.plugins ?? []) packs.push(await loadRulePack(plugin, config.baseDir));
  for (const dir of ruleDirs) packs.push(await loadRulePack(dir.startsWith('.') || dir.startsWith('/') ? dir : `./${dir}`, cwd));
  const loaded = mergeRules(packs);
  try {
    return { loaded, active: activateRules(loaded, config.config) };
  } catch (e) {
    if (e instanceof ConfigError && config.file) {
      throw new ConfigError(e.reason, { file: config.file, pointer: e.pointer });
    }
    throw e;
  }
}

/**
 * A lint run and, on demand, the coverage analysis of the same tenant (the report needs both). Nothing else leaves
 * the run: formatters read the LintResult and the coverage summary, never the index.
 */
export interface LintRun {
  result: LintResult;
  /** The coverage analysis with the run's evaluator and break-glass accounts; unavailable when nothing was read. */
  coverage(): Promise<CoverageForReport>;
}

export async function lint(options: LintOptions): Promise<LintResult> {
  return (await lintRun(options)).result;
}

export async function lintRun(options: LintOptions): Promise<LintRun> {
  const configFile = findConfigFile(options.configFile, options.inputs, options.cwd);
  const config = loadConfig(configFile, options.cwd);
  const { loaded, active } = await prepareRules(config, options.ruleDirs ?? [], options.cwd, options.builtInRules);
  checkSuppressionRules(config, loaded);

  const load = await loadInputs(options.inputs, {
    cwd: options.cwd,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    exclude: configFile ? [configFile] : [],
  });
  const built = buildSnapshot(load);

  // With no input read at all there is no tenant to judge: rules would only report the absence of everything.
  const anyLoaded = load.inputs.some((i) => i.status === 'loaded');
  const scope = runScope(options.scope, load.inputs, built.snapshot.policies?.length ?? 0);
  const breakGlass = resolveBreakGlass(built.index, {
    configured: config.config.breakGlass,
    configSource: (pointer) => configValueSource(config, pointer),
    given: options.breakGlass,
    infer: scope.scope === 'tenant',
    namePattern: config.config.breakGlass?.namePattern,
  });
  // One evaluator per run, built when a rule (or the report) first needs it.
  let evaluator: Evaluator | null = null;
  const evaluatorOf = () => (evaluator ??= new Evaluator(built.index));

  const asOf = options.now.toISOString();
  const selected = options.only ? selectRules(active, options.only) : active;
  const inScope = scope.scope === 'tenant' ? selected : selected.filter((a) => (a.rule.scope ?? 'policy') === 'policy');
  // A rule whose remediation needs a licence the tenant is known not to hold does not run: a notice says so instead.
  const licences = tenantLicences(config.config.licences, built.snapshot.subscribedSkus ?? null);
  const licenceGaps = licenceNotices(inScope, licences);
  const runnable = licenceGaps.length === 0 ? inScope : inScope.filter((a) => !licenceGaps.some((n) => n.ruleId === a.rule.id));
  const ran = anyLoaded ? runRules(runnable, built.index, { breakGlass, asOf, scope: scope.scope }, load.locate, evaluatorOf) : { findings: [], notices: [], errors: [] };
  const run = anyLoaded && licenceGaps.length > 0 ? { ...ran, notices: mergeNotices(ran.notices, licenceGaps) } : ran;
  const aliases = new Map<string, string>();
  for (const a of active) for (const alias of a.rule.aliases ?? []) aliases.set(alias, a.rule.id);
  const suppressed = applySuppressions(run.findings, config.config, config.shownFile, asOf, config.locate, aliases);
  let findings = sortFindings([...suppressed.metaFindings, ...suppressed.findings]);
  if (options.baselineFile) findings = markBaseline(findings, readBaseline(options.baselineFile));
  const inputErrors: RunError[] = [...load.errors, ...built.errors].map((e) => toRunError(e));
  const errors = [...inputErrors, ...run.errors];
  const failOn = options.failOn ?? config.config.failOn ?? 'medium';
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  const usable = load.inputs.some((i) => i.status === 'loaded');
  if (!usable && load.errors.length === 0) {
    errors.push({
      kind: 'input',
      ruleId: null,
      file: null,
      pointer: null,
      line: null,
      column: null,
      message: `nothing to lint: none of the ${load.inputs.length} input file(s) holds Conditional Access data (${load.inputs
        .slice(0, 3)
        .map((i) => `${i.path}: ${i.reason}`)
        .join('; ')}${load.inputs.length > 3 ? '; …' : ''})`,
    });
  }
  const failing = findings.filter((f) => !f.suppression && f.baselineState !== 'unchanged' && meetsThreshold(f.severity, failOn));
  const exitCode: 0 | 1 | 2 = errors.length > 0 ? 2 : failing.length > 0 ? 1 : 0;

  const document = documentControl(config.config.report);
  const result: LintResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'calint', version: toolVersion(), rulesetVersion: rulesetVersion(active) },
    generatedAt: options.now.toISOString(),
    tenant: load.tenant,
    inputs: load.inputs,
    rules: [...inScope.map(summarizeRule), ...suppressed.metaRules],
    scope,
    breakGlass,
    licences,
    policies: summarizePolicies(built.index, load.locate),
    identity: tenantIdentity(load.tenant, built.index, document.organization ?? undefined),
    names: referencedNames(built.index, [built.snapshot.policies ?? [], findings.map((f) => f.evidence)]),
    config: config.file && config.shownFile && config.sha256 ? { file: config.shownFile, sha256: config.sha256 } : null,
    document,
    findings,
    notices: run.notices,
    warnings: [...load.warnings, ...built.warnings],
    errors,
    summary: {
      policies: built.snapshot.policies?.length ?? 0,
      findings: findings.length,
      suppressed: findings.filter((f) => f.suppression).length,
      baselined: findings.filter((f) => f.baselineState === 'unchanged').length,
      bySeverity,
      failOn,
      exitCode,
    },
  };
  return {
    result,
    coverage: async () => {
      if (!anyLoaded) return { ran: false, reason: 'no Conditional Access data could be read' };
      const { coverageSummary } = await import('../evaluate/coverage/coverage-summary.js');
      return coverageSummary(evaluatorOf(), breakGlass);
    },
  };
}

/** The config's report settings with the defaults a reader sees when they are not given. */
function documentControl(report: ReportConfig | undefined): DocumentControl {
  return {
    organization: report?.organization ?? null,
    title: report?.title ?? null,
    preparedBy: report?.preparedBy ?? null,
    reviewedBy: report?.reviewedBy ?? null,
    version: report?.version ?? null,
    classification: report?.classification ?? 'Confidential',
    scope: report?.scope ?? null,
    objectives: report?.objectives ?? null,
    signOff: (report?.signOff ?? []).map((s) => ({ role: s.role, name: s.name ?? null })),
  };
}

function summarizePolicies(index: TenantIndex, locate: (file: string, pointer: string) => SourcePosition | null): PolicySummary[] {
  return index.policies.map((p) => {
    const source = index.sourceOf(p);
    return {
      id: typeof p.id === 'string' ? p.id : null,
      name: policyLabel(p),
      state: stateLabel(p),
      file: source?.file ?? '',
      pointer: source?.pointer ?? '',
      line: source ? (locate(source.file, source.pointer)?.line ?? null) : null,
      description: describePolicy(p, index),
    };
  });
}

/** The scope a run lints at, and why: asked for, one policy in one file, or a whole export. */
function runScope(asked: RuleScope | undefined, inputs: LintResult['inputs'], policies: number): LintResult['scope'] {
  if (asked) return { scope: asked, reason: 'given' };
  const loaded = inputs.filter((i) => i.status === 'loaded');
  if (loaded.length === 1 && policies === 1) return { scope: 'policy', reason: 'single-policy' };
  return { scope: 'tenant', reason: 'default' };
}

/** The active rules `--rule` names (ids or aliases); a name that matches none is an error with the closest ids. */
function selectRules(active: ActiveRule[], only: string[]): ActiveRule[] {
  const ids = new Set<string>();
  for (const wanted of only) {
    const hit = active.find((a) => a.rule.id === wanted || (a.rule.aliases ?? []).includes(wanted));
    if (!hit) {
      const near = closeMatches(wanted, active.map((a) => a.rule.id));
      throw new InputError(`--rule "${wanted}": no enabled rule with this id${didYouMean(near)}`);
    }
    ids.add(hit.rule.id);
  }
  return active.filter((a) => ids.has(a.rule.id));
}

/** A suppression naming a rule that does not exist is a typo that would silently never apply. */
function checkSuppressionRules(config: LoadedConfig, loaded: LoadedRule[]): void {
  const known = new Set(loaded.flatMap((l) => [l.rule.id, ...(l.rule.aliases ?? [])]));
  (config.config.suppressions ?? []).forEach((s, i) => {
    if (!known.has(s.rule)) {
      const pointer = `/suppressions/${i}/rule`;
      const pos = config.locate(pointer);
      throw new ConfigError(`suppressions.${i}.rule: unknown rule id "${s.rule}" (run "calint rules" to list them)`, {
        file: config.shownFile,
        pointer,
        line: pos?.line,
        column: pos?.column,
      });
    }
  });
}

function toRunError(e: InputError): RunError {
  return { kind: 'input', ruleId: null, file: e.file, pointer: e.pointer, line: e.line, column: e.column, message: e.message };
}

/** One `not-evaluated` notice per rule that needs a licence the tenant does not hold. */
function licenceNotices(rules: ActiveRule[], licences: TenantLicences): Notice[] {
  const from = licences.source === 'config' ? 'the licences listed in the config' : "the export's subscribed SKUs";
  return rules.flatMap((a) => {
    const missing = missingLicences(a.rule.licences, licences);
    if (missing.length === 0) return [];
    const which = missing.length === 1 ? 'which the tenant does not have' : 'which the tenant does not all have';
    return [{ ruleId: a.rule.id, kind: 'not-evaluated' as const, message: `requires ${licenceNames(missing)}, ${which} (going by ${from}), so it was not evaluated` }];
  });
}

/** The rules' notices and the licence notices in rule order (a stable sort keeps each rule's own order). */
function mergeNotices(notices: Notice[], more: Notice[]): Notice[] {
  return [...notices, ...more].sort((a, b) => compareStrings(a.ruleId, b.ruleId));
}

/** A rule pack rule that does not say how urgent its fix is: critical and high first, medium next, the rest later. */
function defaultPriority(severity: Severity): 1 | 2 | 3 {
  return severity === 'critical' || severity === 'high' ? 1 : severity === 'medium' ? 2 : 3;
}

export function summarizeRule(active: ActiveRule): RuleSummary {
  const r = active.rule;
  return {
    id: r.id,
    title: r.title,
    // A rule pack rule may not say what is wrong when it fires; its title read as unmet is the honest fallback.
    risk: r.risk ?? `Not met: ${r.title}`,
    priority: r.priority ?? defaultPriority(r.severity),
    effort: r.effort ?? 'medium',
    userImpact: r.userImpact ?? 'medium',
    licences: [...(r.licences ?? [])],
    severity: active.severity,
    ...(r.messageSeverity && !active.severityOverridden && Object.keys(r.messageSeverity).length > 0
      ? { messageSeverity: Object.fromEntries(Object.entries(r.messageSeverity).filter((e): e is [string, Severity] => e[1] !== undefined)) }
      : {}),
    category: ruleCategory(r),
    catalogue: Array.isArray(r.catalogue) ? [...r.catalogue] : [r.catalogue],
    rationale: r.rationale,
    remediation: r.remediation,
    references: [...r.references],
    // A built-in rule's framework controls come from the data files (frameworks/*.json); a rule pack's from its metadata.
    frameworks: active.source === 'builtin' ? frameworkMappingsFor(r.id) : { ...(r.frameworks ?? {}) },
    source: active.source,
  };
}

/** Tool version plus a digest of the active rules, their severities, options and sources. */
function rulesetVersion(active: ActiveRule[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(active.map((a) => [a.rule.id, a.severity, a.options, a.source])))
    .digest('hex')
    .slice(0, 12);
  return `${toolVersion()}+${active.length}r.${digest}`;
}
