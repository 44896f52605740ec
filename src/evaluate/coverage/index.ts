/**
 * `calint coverage`: every cell of the sign-in space where no enabled policy requires MFA (or an authentication
 * strength) or blocks, each with a witness scenario and the policies that nearly cover it. It is one requirement —
 * every user (and every user and group the policies name) × every resource × every client app, protected by MFA — asked
 * of the same evaluator the baseline rules ask.
 */
import type { Dimension } from '../whatif/conditions.js';
import type { Evaluator } from '../evaluator.js';
import type { RequiredControl, Requirement } from './requirement.js';
import { provides } from './required-controls.js';
import { YES } from '../whatif/facts.js';
import { evaluateRequirement, type NearMiss, type RequirementGap } from './verdict.js';
import { CLIENT_APP_TYPES } from '../whatif/scenario.js';

export interface CoverageGap extends RequirementGap {
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
  /** More gaps exist than are listed (the listing stops at COVERAGE_GAP_LIMIT). */
  truncated: boolean;
  /** The walk ran out of its node budget: this many cells were never looked at (so "no gaps" would not be an answer). */
  unexploredCells: number;
  nodes: number;
  limits: string[];
}

/** Gaps `calint coverage` lists at most. */
export const COVERAGE_GAP_LIMIT = 1000;

export const COVERAGE_LIMITS: readonly string[] = [
  'Users are classed by the groups, roles, users and guest types the protecting policies name; a user in several of those groups at once is not enumerated (each membership is checked on its own).',
  'Workload identities (service principals) and agents are not part of this walk; the workload-identity and agent rules ask their own requirements.',
  'Resources are applications: user actions and authentication contexts are evaluated by what-if, not by coverage.',
  'MFA trusted IPs (the legacy per-user MFA setting) are not in a Graph export; AllTrusted means the trusted IP named locations.',
  'Membership of dynamic groups and role assignments are not in a Graph export unless exported with the directory objects.',
  'Applications are classed by the app ids the policies name; the Office 365 app group is represented by Exchange Online and Microsoft Admin Portals by the Azure portal.',
  `The walk stops after ${COVERAGE_GAP_LIMIT} gaps and after a fixed number of distinct sub-spaces; either is said in the result, never reported as "no gaps".`,
];

/** The requirement `calint coverage` asks. */
export const COVERAGE_REQUIREMENT: Requirement = {
  users: { kind: 'all' },
  resources: { kind: 'all' },
  clientApps: CLIENT_APP_TYPES,
  control: { kind: 'mfa' },
};

export interface CoverageOptions {
  breakGlass?: { users: readonly string[]; groups: readonly string[] };
  /** Count report-only policies as enabled: the coverage the tenant would have once they are switched on. */
  reportOnlyAsEnabled?: boolean;
}

/** The full coverage run of `calint coverage`. */
export function coverage(evaluator: Evaluator, options: CoverageOptions = {}): CoverageResult {
  const verdict = evaluateRequirement(evaluator, COVERAGE_REQUIREMENT, {
    principals: options.breakGlass ?? true,
    assumeEnabled: Boolean(options.reportOnlyAsEnabled),
    keepExpected: true,
    limits: { maxGaps: COVERAGE_GAP_LIMIT },
    explainGaps: COVERAGE_GAP_LIMIT,
    nearMissBlocks: true,
  });
  return {
    protection: 'requires MFA or an authentication strength, or blocks',
    reportOnlyAsEnabled: Boolean(options.reportOnlyAsEnabled),
    protectingPolicies: evaluator.policies
      .filter((cp) => (cp.state === 'enabled' || (options.reportOnlyAsEnabled === true && cp.state === 'enabledForReportingButNotEnforced')) && provides(evaluator.index, cp, COVERAGE_REQUIREMENT.control as RequiredControl) === YES)
      .map((cp) => ({ policyId: cp.id, policyName: cp.name })),
    classes: Object.fromEntries(Object.entries(verdict.space).map(([d, cls]) => [d, cls!.flatMap((c) => c.members ?? [c.label])])),
    gaps: verdict.gaps,
    expectedGaps: verdict.gaps.filter((g) => g.expected).length,
    truncated: verdict.truncated,
    unexploredCells: verdict.unexploredCells,
    nodes: verdict.nodes,
    limits: [...COVERAGE_LIMITS],
  };
}

export { walkCoverage, defaultScenario, type Gap } from './walk.js';
export { nearMisses, type NearMiss } from './verdict.js';
export * from './classes.js';
