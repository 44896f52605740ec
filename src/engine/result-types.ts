/** The LintResult: a plain, serializable, versioned record of one run. Formatters see only this. */
import type { InputRecord, LoadWarning, TenantInfo } from '../load/types.js';
import type { BreakGlassAccounts, Evidence, FrameworkMappings, RuleScope } from './rule-types.js';
import type { Severity } from './severity.js';

export const RESULT_SCHEMA_VERSION = 1;

export interface RuleSummary {
  id: string;
  title: string;
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
