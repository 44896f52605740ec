/** The rule API: what a built-in rule or an external rule pack exports. */
import type { Severity } from './severity.js';
import type { TenantIndex } from '../model/tenant-index.js';
import type { ConditionalAccessPolicy, TenantSnapshot } from '../model/snapshot-types.js';
import type { BreakGlassAccounts } from '../model/break-glass-accounts.js';
import type { Evaluator } from '../evaluate/evaluator.js';
import type { LicenceId } from '../model/licences.js';

export type { LicenceId } from '../model/licences.js';

/** What a rule needs beyond the indexed snapshot: `coverage`, the per-run evaluator (what-if, coverage, requirements). */
export type RuleCapability = 'coverage';

/** What a run lints: each policy on its own, or the tenant as a whole (every rule). */
export type RuleScope = 'policy' | 'tenant';

export type JsonSchema = Record<string, unknown>;

export interface FrameworkMappings {
  /** CIS Microsoft 365 Foundations Benchmark v7.0 section numbers, e.g. "5.2.2.3". */
  cis?: string[];
  /** CISA SCuBA Microsoft Entra ID baseline ids, e.g. "MS.AAD.3.1v1". */
  scuba?: string[];
}

export interface RuleOptionsSpec<O> {
  /** JSON Schema of the options object. */
  schema: JsonSchema;
  defaults: O;
}

/**
 * Which open finding to fix first: 1 = now (an attack path open today: no MFA, a way around every policy, a lock-out
 * waiting to happen), 2 = next (a real gap with a narrower reach, or a control that is weaker than it looks),
 * 3 = later (hygiene, limits, notes that make the policy set harder to reason about).
 */
export type RulePriority = 1 | 2 | 3;

/**
 * What fixing a finding asks of the administrators: `low` = one policy setting, minutes, no rollout; `medium` = a new
 * or reworked policy with a report-only period, or a few policies to change together; `high` = a project: devices to
 * enrol, methods to roll out to users, apps to test, licences to buy.
 */
export type RuleEffort = 'low' | 'medium' | 'high';

/**
 * What the fix means for the people who sign in: `none` = nobody notices (an administrator-only change, a cleanup);
 * `low` = a few users or a rare extra prompt; `medium` = many users see new prompts or shorter sessions, or some lose
 * access to something they used; `high` = most users change how they sign in (register new methods, enrol devices).
 */
export type RuleUserImpact = 'none' | 'low' | 'medium' | 'high';

/** A message renders one finding for a person from the data the rule gave. */
export type MessageFn = (data: Record<string, any>) => string;

export interface RuleMeta<O = Record<string, never>> {
  /** Stable id `<category>/<subject>`; never changes once published. */
  id: string;
  /** The desired state, as a rules appendix lists it: "Phishing-resistant MFA is required for all users". */
  title: string;
  /**
   * What is wrong when the rule fires, in one line for a reader who does not know Graph: "Some users can sign in
   * without phishing-resistant MFA". Headings of open findings use it; it is not the title turned into a negation.
   * Required for built-in rules; a rule pack rule without one is shown as "Not met: <title>".
   */
  risk?: string;
  /** Which open finding to fix first (1 = first). Required for built-in rules; default from the severity. */
  priority?: RulePriority;
  /** Administrator effort to fix. Required for built-in rules; default `medium`. */
  effort?: RuleEffort;
  /** What the fix means for users. Required for built-in rules; default `medium`. */
  userImpact?: RuleUserImpact;
  /**
   * Licences the remediation needs beyond Microsoft Entra ID P1 (which Conditional Access itself needs, so it is never
   * listed), all of them. When the run knows the tenant's licences (config `licences`, or the export's subscribed
   * SKUs) and one is missing, the rule does not run and a notice says which; otherwise the rule runs and its summary
   * names them, so a report can say "requires Microsoft Entra ID P2" instead of recommending what the tenant lacks.
   */
  licences?: readonly LicenceId[];
  severity: Severity;
  /**
   * `policy` (the default): judges each policy on its own, so it runs on one policy file or a folder of templates too.
   * `tenant`: the verdict depends on the rest of the export (other policies, named locations, the directory); it runs
   * only with `--scope tenant`, the default for a complete export.
   */
  scope?: RuleScope;
  /** Catalogue number(s) of the check catalogue the rule set grows towards, e.g. "CA-073" (shown in `calint rules`). */
  catalogue: string | string[];
  rationale: string;
  remediation: string;
  /** Microsoft documentation links. */
  references: string[];
  frameworks?: FrameworkMappings;
  options?: RuleOptionsSpec<O>;
  messages: Record<string, MessageFn>;
  /**
   * Messages whose findings carry another severity than the rule's (a note about form beside real defects, a preview
   * scenario beside a misconfiguration). A severity set in the config applies to every message of the rule.
   */
  messageSeverity?: Partial<Record<string, Severity>>;
  /** Old ids that still select this rule in configs and suppressions. */
  aliases?: string[];
  /** What the rule asks of the engine beyond the snapshot; `coverage` gives it `context.evaluator`. */
  uses?: readonly RuleCapability[];
}

export interface Evidence {
  /** What the rule saw at the pointer (absent values: `undefined`, with `missing: true`). */
  actual?: unknown;
  /** What the rule expected instead. */
  expected?: unknown;
  missing?: boolean;
  [key: string]: unknown;
}

export interface FindingInput {
  /** JSON pointer relative to the policy object (e.g. `/conditions/clientAppTypes/0`). */
  pointer: string;
  evidence?: Evidence;
  /** Values for the message function; they win over evidence keys of the same name (the policy's name is added as `policy`). */
  data?: Record<string, unknown>;
  /**
   * For a tenant-wide finding (no policy): what it is about, stable across runs (a group id, a requirement), so that its
   * fingerprint (baselines, suppressions, code-scanning alerts) does not change when its message does.
   */
  key?: string;
}

/** What check() returns; the engine adds file, line, column, severity, message and docs. */
export interface FindingDraft {
  ruleId: string;
  messageId: string;
  policy: ConditionalAccessPolicy | null;
  pointer: string;
  evidence: Evidence;
  data: Record<string, unknown>;
  key?: string;
}

export type { BreakGlassAccounts, BreakGlassAccount } from '../model/break-glass-accounts.js';

/** Tenant facts every rule may read; they come from the config, not from the rule's own options. */
export interface RuleSettings {
  /** The run's break-glass accounts: configured (config and --break-glass), else inferred, else none. */
  breakGlass: BreakGlassAccounts;
  /** The run's date (ISO 8601; SOURCE_DATE_EPOCH pins it): rules compare ages against it, never against the clock. */
  asOf: string;
  /** `policy` when only per-policy rules run (one policy file, a folder of templates): no tenant-wide inference. */
  scope: RuleScope;
}

export interface RuleContext<O> {
  snapshot: TenantSnapshot;
  index: TenantIndex;
  options: O;
  settings: RuleSettings;
  /** Build a finding on a policy (or on the tenant as a whole with `null`). */
  finding(policy: ConditionalAccessPolicy | null, messageId: string, input: FindingInput): FindingDraft;
  /** A run-level note: "not evaluated: needs <data>", or how an inference was made. Shown once per run. */
  notice(kind: 'not-evaluated' | 'info', message: string): void;
  /**
   * The per-run evaluator (what-if, coverage, requirements), built once and shared by every rule of the run. Only for
   * rules that declare `uses: ['coverage']`; reading it otherwise throws.
   */
  readonly evaluator: Evaluator;
}

export interface Rule<O = any> extends RuleMeta<O> {
  check(context: RuleContext<O>): FindingDraft[];
}
