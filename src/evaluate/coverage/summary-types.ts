/**
 * What a reader needs from the coverage analysis: each gap as a sentence, its class, a witness sign-in with names, and
 * the near misses. Plain data: the report formats it without the index or the evaluator.
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
