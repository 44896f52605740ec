/** Coverage gaps: sign-in classes no enabled policy protects, each with a witness sign-in and the closest policies. */
import type { CoverageForReport } from '../coverage-types.js';
import { humaniseText, keyLabel, listLabel } from '../labels.js';
import { compare, plural, verb } from '../words.js';
import type { Core } from './core.js';
import type { SectionPlan, SectionRef } from './index.js';

export interface CoverageView {
  section: SectionRef;
  ran: boolean;
  reason: string;
  intro: string;
  /** For the summary: "1 kind of sign-in needs no MFA …". */
  line: string;
  gaps: Array<{
    anchor: string;
    id: string;
    summary: string;
    cell: Array<{ key: string; value: string }>;
    witness: Array<{ key: string; value: string }>;
    expected: boolean;
    expectedReason: string | null;
    nearMisses: Array<{ policyName: string; reason: string; anchor: string | null }>;
  }>;
  unexpected: number;
  expectedCount: number;
  limits: string[];
}

export function buildCoverage(core: Core, coverage: CoverageForReport | null, plan: SectionPlan): CoverageView {
  const section = plan.byKey.coverage;
  if (!coverage || !coverage.ran) {
    return {
      section,
      ran: false,
      reason: coverage && !coverage.ran ? coverage.reason : 'no coverage analysis was supplied to the report',
      intro: '',
      line: '',
      gaps: [],
      unexpected: 0,
      expectedCount: 0,
      limits: [],
    };
  }
  const byId = new Map(core.policies.filter((p) => p.id).map((p) => [p.id!.toLowerCase(), p.anchor]));
  const pairs = (r: Record<string, string>) =>
    Object.keys(r)
      .sort(compare)
      .map((key) => ({ key: keyLabel(key), value: listLabel(String(r[key])) }));
  const gaps = [...coverage.gaps]
    .sort((a, b) => Number(a.expected) - Number(b.expected) || compare(a.id, b.id))
    .map((g, i) => ({
      anchor: `gap-${i + 1}`,
      id: g.id,
      summary: humaniseText(g.summary),
      cell: pairs(g.cell),
      witness: pairs(g.witness),
      expected: g.expected,
      expectedReason: g.expectedReason ?? null,
      nearMisses: g.nearMisses.map((m) => ({ policyName: m.policyName, reason: humaniseText(m.reason), anchor: byId.get(m.policyId.toLowerCase()) ?? null })),
    }));
  const unexpected = gaps.filter((g) => !g.expected).length;
  const expectedCount = gaps.filter((g) => g.expected).length;
  const line =
    (unexpected
      ? `${plural(unexpected, 'kind of sign-in', 'kinds of sign-in')} ${verb(unexpected, 'needs', 'need')} no MFA and ${verb(unexpected, 'is', 'are')} not blocked by any enabled policy`
      : 'every kind of sign-in the policies distinguish is protected by MFA or a block') + (expectedCount ? ` (${expectedCount} more by design: break-glass accounts)` : '');
  return {
    section,
    ran: true,
    reason: '',
    intro:
      'Every sign-in was divided into classes (who, which resource, platform, location, client, risk) and each class was checked for an enabled ' +
      'policy that protects it. Each gap comes with a witness: one concrete sign-in in that class. ' +
      `${plural(unexpected, 'gap')} ${verb(unexpected, 'looks', 'look')} unintended; ${expectedCount} ${verb(expectedCount, 'is', 'are')} expected by design.`,
    line,
    gaps,
    unexpected,
    expectedCount,
    limits: [...coverage.limits],
  };
}
