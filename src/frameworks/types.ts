/**
 * Framework compliance: the controls of a published benchmark (CIS Microsoft 365 Foundations, CISA SCuBA Entra ID),
 * each with the calint rules that implement it or the reason it cannot be checked from an export, and the status a
 * run gives it. The mapping is data (frameworks/<id>.json, schemas/framework.schema.json); the status is computed from
 * a LintResult alone (src/frameworks/compliance.ts), so every formatter shows the same answer.
 */

/**
 * passed: every rule that implements the control ran and found nothing;
 * failed: a rule found something that is not an accepted risk;
 * accepted-risk: every finding is covered by a suppression (owner, justification, expiry shown);
 * not-evaluated: a rule that implements it did not run (scope, licence, missing data), so no verdict;
 * not-checkable: the control needs data a Conditional Access export does not hold (the reason says which).
 */
export type ControlStatus = 'passed' | 'failed' | 'accepted-risk' | 'not-evaluated' | 'not-checkable';

export const CONTROL_STATUSES: readonly ControlStatus[] = ['failed', 'accepted-risk', 'not-evaluated', 'passed', 'not-checkable'];

/** One control as the framework data file states it. */
export interface FrameworkControl {
  /** As the framework prints it: "5.2.2.1", "MS.AAD.3.2v2". */
  id: string;
  /** calint's own short name for it (the frameworks' titles are not copied). */
  title: string;
  /** The framework's section the control sits in, e.g. "5.2.2 Conditional Access". */
  section: string;
  /** Profile or level as the framework names it: "E3 Level 1", "SHALL". */
  level: string;
  /** Whether the framework marks the control Automated or Manual (absent when the source does not say). */
  assessment?: 'automated' | 'manual';
  /** The built-in rules that implement the control (all must pass); empty when notCheckable is set. */
  rules: string[];
  /**
   * For a rule that checks more than the control asks: only its findings with these message ids count for the control
   * (SCuBA MS.AAD.2.3v1 asks to block high sign-in risk; baseline/block-sign-in-risk also reports medium for CIS).
   */
  onlyMessages?: Record<string, string[]>;
  /** Why the control cannot be judged from an export (the data it needs); absent when rules implement it. */
  notCheckable?: string;
  /** How far the rules cover the control, when not all of it ("the rules check the policy; the 3-hour idle timeout is a tenant setting"). */
  note?: string;
}

/** A framework data file (frameworks/<id>.json). */
export interface FrameworkDefinition {
  /** "cis" or "scuba": the key rules use in `frameworks` mappings. */
  id: 'cis' | 'scuba';
  name: string;
  version: string;
  /** The date of the framework version (YYYY-MM-DD). */
  published: string;
  /** Where the control list was read, and when. */
  source: { url: string; read: string };
  controls: FrameworkControl[];
}

/** A finding as a control lists it. */
export interface ControlFinding {
  ruleId: string;
  fingerprint: string;
  severity: string;
  policyId: string | null;
  policyName: string | null;
  message: string;
}

export interface AcceptedRiskForControl extends ControlFinding {
  owner: string | null;
  justification: string;
  expires: string | null;
}

export interface ControlResult {
  control: FrameworkControl;
  status: ControlStatus;
  /** Open findings (status failed). */
  findings: ControlFinding[];
  /** Findings accepted by a suppression. */
  acceptedRisks: AcceptedRiskForControl[];
  /** For not-evaluated and not-checkable: what is missing, for a reader ("requires Microsoft Entra ID P2", "the rule did not run: policy scope"). */
  reason: string | null;
}

export interface FrameworkReport {
  framework: Omit<FrameworkDefinition, 'controls'>;
  controls: ControlResult[];
  counts: Record<ControlStatus, number>;
}
