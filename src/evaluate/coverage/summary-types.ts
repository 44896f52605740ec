/**
 * What the report needs from the evaluation engine's coverage analysis (src/evaluate/). The report only reads this
 * shape; report-command.ts builds it with one call, so the engine can change inside without touching the report.
 */

/** One scenario class that no enabled policy protects. */
export interface CoverageGapForReport {
  /** Stable id of the gap (used as an anchor and for sorting). */
  id: string;
  /** One sentence for a person: "Guests signing in to Azure DevOps from Linux need no MFA." */
  summary: string;
  /** The equivalence class, condition by condition: { users: "guests", resource: "Azure DevOps", platform: "Linux" }. */
  cell: Record<string, string>;
  /** A concrete sign-in in that class: { user: "ext-jane@partner.example", app: "Azure DevOps", platform: "linux" }. */
  witness: Record<string, string>;
  /** True when the gap is by design (e.g. break-glass accounts excluded from blocking policies). */
  expected: boolean;
  expectedReason?: string;
  /** Policies that almost cover the class, with what keeps each from applying. */
  nearMisses: Array<{ policyId: string; policyName: string; reason: string }>;
}

export type CoverageForReport =
  | { ran: true; gaps: CoverageGapForReport[]; limits: string[] }
  | { ran: false; reason: string };
