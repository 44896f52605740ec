/** The LintResult: a plain, serializable, versioned record of one run. Formatters see only this. */
import type { InputRecord, LoadWarning, TenantInfo } from '../load/types.js';
import type { BreakGlassAccounts, Evidence, FrameworkMappings, RuleEffort, RulePriority, RuleScope, RuleUserImpact } from './rule-types.js';
import type { LicenceId, TenantLicences } from '../model/licences.js';
import type { Severity } from './severity.js';
import type { PolicyDescription } from '../model/describe-policy.js';
import type { TenantIdentity } from '../model/tenant-identity.js';

export const RESULT_SCHEMA_VERSION = 1;

export interface RuleSummary {
  id: string;
  /** The desired state (a rules appendix lists it); never the heading of an open finding. */
  title: string;
  /** What is wrong when the rule fires, one line for a reader; "Not met: <title>" for a rule pack rule without one. */
  risk: string;
  /** 1 = fix first, 3 = later (see RulePriority); a rule pack rule without one: 1 for critical and high, 2 for medium, 3 below. */
  priority: RulePriority;
  /** Administrator effort to fix (see RuleEffort); `medium` when a rule pack rule does not say. */
  effort: RuleEffort;
  /** What the fix means for users (see RuleUserImpact); `medium` when a rule pack rule does not say. */
  userImpact: RuleUserImpact;
  /** Licences the rule's remediation needs beyond Microsoft Entra ID P1 (empty: none). */
  licences: LicenceId[];
  severity: Severity;
  /** Messages whose findings carry another severity than the rule's (absent when none, or when the config set one). */
  messageSeverity?: Record<string, Severity>;
  category: string;
  catalogue: string[];
  rationale: string;
  remediation: string;
  references: string[];
  frameworks: FrameworkMappings;
  /** "builtin", or the rule pack the rule came from. */
  source: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  messageId: string;
  message: string;
  /** null for findings about the tenant as a whole. */
  policyId: string | null;
  policyName: string | null;
  policyState: string | null;
  file: string | null;
  pointer: string | null;
  line: number | null;
  column: number | null;
  evidence: Evidence;
  remediation: string;
  docs: string[];
  /** Stable across reformatting and reordering: sha256 of rule id, policy id and pointer. */
  fingerprint: string;
  /** Set when a config suppression accepts this finding; suppressed findings never fail the run. */
  suppression: AppliedSuppression | null;
  /** With --baseline: "new" (fails the run) or "unchanged" (in the baseline, does not fail); otherwise null. */
  baselineState: 'new' | 'unchanged' | null;
}

export interface AppliedSuppression {
  justification: string;
  owner: string | null;
  /** YYYY-MM-DD, or null for no expiry. */
  expires: string | null;
  /** JSON pointer of the suppression entry in the config file. */
  configPointer: string;
}

/** Every policy read, for formatters that list policies (JUnit test cases, the report's appendix). */
export interface PolicySummary {
  id: string | null;
  name: string;
  state: string;
  file: string;
  pointer: string;
  line: number | null;
  /** The policy in plain language (who, what, conditions, grant, session, state), names resolved from the export. */
  description: PolicyDescription;
}

/**
 * The audit report's document control, from the config's `report` section (options of `calint report` override it).
 * Every field a reader sees on the cover or in the sign-off block; null when not given.
 */
export interface DocumentControl {
  organization: string | null;
  title: string | null;
  preparedBy: string | null;
  reviewedBy: string | null;
  /** The report's own version ("1.0", "draft 2"). */
  version: string | null;
  /** The marking printed on every page; "Confidential" unless set. */
  classification: string;
  /** What was assessed and what was not, in a sentence or two. */
  scope: string | null;
  /** Why the assessment was made. */
  objectives: string | null;
  /** Who signs the report off: a role each, and the name when known. */
  signOff: Array<{ role: string; name: string | null }>;
}

/** The config file the run used. */
export interface ConfigRecord {
  /** As shown to the user (relative to the working folder when under it). */
  file: string;
  sha256: string;
}

export interface Notice {
  ruleId: string;
  kind: 'not-evaluated' | 'info';
  message: string;
}

export interface RunError {
  kind: 'input' | 'rule' | 'config';
  ruleId: string | null;
  file: string | null;
  pointer: string | null;
  line: number | null;
  column: number | null;
  message: string;
}

export interface LintResult {
  schemaVersion: typeof RESULT_SCHEMA_VERSION;
  tool: { name: 'calint'; version: string; rulesetVersion: string };
  generatedAt: string;
  tenant: TenantInfo | null;
  inputs: InputRecord[];
  rules: RuleSummary[];
  policies: PolicySummary[];
  /**
   * What the run linted: every rule (`tenant`) or only the rules that judge each policy on its own (`policy`), and why
   * (`given`: --scope; `single-policy`: one file holding one policy; `default`: an export).
   */
  scope: { scope: RuleScope; reason: 'given' | 'single-policy' | 'default' };
  /** The break-glass accounts the rules used: configured, given on the command line, inferred, or none. */
  breakGlass: BreakGlassAccounts;
  /**
   * The tenant's licences as the run knew them: from the config's `licences`, from the export's subscribed SKUs, or
   * unknown. A rule that needs a licence the tenant does not hold did not run; a `not-evaluated` notice says so.
   */
  licences: TenantLicences;
  /**
   * Who the tenant is (name, id, domain, each with where it came from) and when its data was exported: the snapshot's
   * export time when it has one, else unknown (with the latest change the data shows, from Graph timestamps).
   */
  identity: TenantIdentity;
  /** Display names of the ids that policies and findings name (users, groups, roles, apps, locations, strengths). */
  names: Record<string, string>;
  /** The config file the run read, or null when it ran without one. */
  config: ConfigRecord | null;
  /** The report's document control from the config (cover, sign-off); defaults when the config has none. */
  document: DocumentControl;
  findings: Finding[];
  notices: Notice[];
  warnings: LoadWarning[];
  errors: RunError[];
  summary: {
    policies: number;
    findings: number;
    /** Findings accepted by a suppression or present in the baseline: reported, but they do not fail the run. */
    suppressed: number;
    baselined: number;
    bySeverity: Record<Severity, number>;
    failOn: Severity;
    /** 0 clean, 1 findings at or above failOn, 2 input/usage error or incomplete result. */
    exitCode: 0 | 1 | 2;
  };
}
