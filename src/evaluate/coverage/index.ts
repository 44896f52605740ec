/**
 * Coverage gaps: every cell of the sign-in space where no enabled policy requires MFA (or an authentication strength)
 * or blocks, each with a witness scenario and the policies that nearly cover it.
 */
import type { TenantIndex } from '../../model/tenant-index.js';
import { compiledPolicies, protects, type CompiledPolicy } from '../whatif/evaluate.js';
import { grantAlternatives } from '../controls.js';
import { isAgentPolicy } from '../../model/policy.js';
import { identityClasses, spaceFor, targetClasses } from './classes.js';
import { nearMisses, walkCoverage, type Gap, type NearMiss } from './walk.js';
import type { Dimension } from '../whatif/conditions.js';

export interface CoverageGap extends Gap {
  nearMisses: NearMiss[];
}

export interface CoverageResult {
  /** What counts as protection. */
  protection: string;
  /** Report-only policies were counted as enabled (--assume-enabled). */
  reportOnlyAsEnabled: boolean;
  /** Enabled policies that protect (their conditions decide coverage). */
  protectingPolicies: Array<{ policyId: string; policyName: string }>;
  /** Classes per dimension that was split. */
  classes: Partial<Record<Dimension, string[]>>;
  gaps: CoverageGap[];
  expectedGaps: number;
  nodes: number;
  limits: string[];
}

export const COVERAGE_LIMITS: readonly string[] = [
  'Users are classed by the groups, roles, users and guest types the protecting policies name; a user in several of those groups at once is not enumerated (each membership is checked on its own).',
  'Workload identities (service principals) and agents are not part of the coverage walk; see the workload-identity rules.',
  'Resources are applications: user actions and authentication contexts are evaluated by what-if, not by coverage.',
  'MFA trusted IPs (the legacy per-user MFA setting) are not in a Graph export; AllTrusted means the trusted IP named locations.',
  'Membership of dynamic groups and role assignments are not in a Graph export unless exported with the directory objects.',
  'Applications are classed by the app ids the policies name; the Office 365 app group is represented by Exchange Online and Microsoft Admin Portals by the Azure portal.',
];

/** Enabled policies that force MFA, an authentication strength, or block, on every path through their grant. */
export function protectingPolicies(index: TenantIndex, reportOnlyAsEnabled = false): CompiledPolicy[] {
  return compiledPolicies(index).filter((cp) => (cp.state === 'enabled' || (reportOnlyAsEnabled && cp.state === 'enabledForReportingButNotEnforced')) && protects(cp));
}

/** Policies worth naming as near misses: anything that blocks or mentions MFA / an authentication strength, in any state. */
export function relatedPolicies(index: TenantIndex): CompiledPolicy[] {
  return compiledPolicies(index).filter((cp) =>
    !isAgentPolicy(cp.policy) &&
    grantAlternatives(cp.policy).some((alt) => alt.includes('block') || alt.includes('mfa') || alt.includes('authenticationStrength')),
  );
}

export interface CoverageOptions {
  breakGlass?: { users: readonly string[]; groups: readonly string[] };
  /** Count report-only policies as enabled: the coverage the tenant would have once they are switched on. */
  reportOnlyAsEnabled?: boolean;
}

/** The full coverage run of `calint coverage`. */
export function coverage(index: TenantIndex, options: CoverageOptions = {}): CoverageResult {
  const protecting = protectingPolicies(index, options.reportOnlyAsEnabled);
  const space = spaceFor(index, protecting, identityClasses(index, protecting, { principals: true, breakGlass: options.breakGlass }), targetClasses(index, protecting));
  const walk = walkCoverage(index, protecting, space);
  const related = relatedPolicies(index);
  const gaps = walk.gaps.map((g) => ({ ...g, nearMisses: nearMisses(index, related, g.witness) }));
  return {
    protection: 'requires MFA or an authentication strength, or blocks',
    reportOnlyAsEnabled: Boolean(options.reportOnlyAsEnabled),
    protectingPolicies: protecting.map((cp) => ({ policyId: cp.id, policyName: cp.name })),
    classes: Object.fromEntries(Object.entries(space).map(([d, cls]) => [d, cls!.map((c) => c.label)])),
    gaps,
    expectedGaps: gaps.filter((g) => g.expected).length,
    nodes: walk.nodes,
    limits: [...COVERAGE_LIMITS],
  };
}

export { walkCoverage, nearMisses, defaultScenario, type Gap, type NearMiss } from './walk.js';
export * from './classes.js';
