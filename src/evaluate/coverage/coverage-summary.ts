/**
 * The coverage analysis as plain data for a reader (the audit report): each gap with a sentence, its class, a witness
 * sign-in with names, and the near misses. Break-glass accounts (configured, given or inferred) are expected gaps.
 */
import { createHash } from 'node:crypto';
import type { Evaluator } from '../evaluator.js';
import type { BreakGlassAccounts } from '../../model/break-glass-accounts.js';
import { coverage } from './index.js';
import { breakGlassIdSets, describeBreakGlass } from '../break-glass.js';
import { gapSummary, witnessFields } from './coverage-words.js';
import type { CoverageForReport } from './summary-types.js';

export function coverageSummary(evaluator: Evaluator, breakGlass: BreakGlassAccounts): CoverageForReport {
  const index = evaluator.index;
  const result = coverage(evaluator, { breakGlass: breakGlassIdSets(breakGlass) });
  const limits = [...result.limits];
  if (breakGlass.source === 'inferred') limits.unshift(`Break-glass accounts were not configured; inferred: ${describeBreakGlass(breakGlass)}.`);
  return {
    ran: true,
    gaps: result.gaps.map((g) => {
      const cell = Object.fromEntries(Object.entries(g.cell).filter((e): e is [string, string] => typeof e[1] === 'string'));
      return {
        id: `gap-${createHash('sha256').update(JSON.stringify(cell)).digest('hex').slice(0, 12)}`,
        summary: gapSummary(cell),
        cell,
        witness: witnessFields(index, g.witness),
        expected: g.expected !== null,
        ...(g.expected !== null ? { expectedReason: g.expected } : {}),
        nearMisses: g.nearMisses.map((n) => ({ policyId: n.policyId, policyName: n.policyName, reason: n.reasons.map((r) => r.text).join('; ') })),
      };
    }),
    limits,
  };
}
