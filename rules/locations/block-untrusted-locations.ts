import { defineRule } from '../../src/engine/define-rule.js';
import { blocks } from '../../src/evaluate/controls.js';
import type { Requirement } from '../../src/evaluate/coverage/requirement.js';
import { requirementFinding, undecidedNotice } from '../../src/evaluate/coverage/requirement-rule.js';
import type { RequirementVerdict } from '../../src/evaluate/coverage/verdict.js';
import { exportHolds } from '../../src/evaluate/references.js';
import { list, sameKeyword } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy, NamedLocation } from '../../src/model/snapshot-types.js';

const EXPECTED = {
  users: 'All',
  resources: 'All',
  locations: { includeLocations: ['<an untrusted named location, e.g. countries to block>'], excludeLocations: ['AllTrusted'] },
  grant: 'block',
};

/** The location condition of an enabled block policy that names somewhere untrusted to block, or null. */
function untrustedBlock(policy: ConditionalAccessPolicy, untrusted: ReadonlySet<string>): { include: string[]; exclude: string[] } | null {
  if (policy.state !== 'enabled' || !blocks(policy)) return null;
  const include = list(policy.conditions?.locations?.includeLocations);
  const exclude = list(policy.conditions?.locations?.excludeLocations);
  const namesUntrusted = include.some((id) => untrusted.has(id.toLowerCase()));
  // "Any location" except the trusted or allowed ones blocks every untrusted location at once.
  const allButSome = include.some((id) => sameKeyword(id, 'All')) && exclude.length > 0;
  return namesUntrusted || allButSome ? { include, exclude } : null;
}

export default defineRule({
  id: 'locations/block-untrusted-locations',
  catalogue: 'CA-064',
  title: 'Sign-ins from locations the organisation does not trust are blocked for all users',
  risk: 'Sign-ins from countries or networks the organisation never works from are allowed like any other',
  priority: 3,
  effort: 'medium',
  userImpact: 'medium',
  severity: 'low',
  scope: 'tenant',
  uses: ['coverage'],
  rationale:
    'Most organisations sign in from a known set of countries and networks; password-spray and token-replay campaigns ' +
    'often come from elsewhere. A policy that blocks an untrusted named location (typically a list of countries) for ' +
    'All users on All resources, excluding the trusted locations, removes that attack surface. The CIS Microsoft 365 ' +
    'Foundations Benchmark (Level 2) asks for such a policy; a policy that blocks Any location except the trusted or ' +
    'allowed ones meets it as well. Locations are a weak signal on their own (VPNs and proxies move sign-ins), so this ' +
    'is a layer on top of MFA, not a replacement; a report-only or disabled policy blocks nothing.',
  remediation:
    'Create a countries (or IP ranges) named location for the places to block, then an enabled policy: Users = All users ' +
    '(exclude only the break-glass accounts), Target resources = All resources, Conditions > Locations: Include = that ' +
    'location, Exclude = All trusted locations, Grant = Block access.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-block-by-location',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy blocks sign-ins from an untrusted location (for example the countries the organisation never ' +
      `works from) for all users on all resources. ${d.nearText}`,
  },
  check(ctx) {
    const { index, snapshot, evaluator } = ctx;
    if (!exportHolds(snapshot, 'namedLocation')) {
      ctx.notice(
        'not-evaluated',
        'not evaluated: the export holds no named locations, so calint cannot tell which locations a policy treats as ' +
          'untrusted (add Graph /identity/conditionalAccess/namedLocations to the inputs)',
      );
      return [];
    }
    const untrusted = new Set(
      ((snapshot.namedLocations ?? []) as NamedLocation[])
        .filter((l) => typeof l.id === 'string' && l.isTrusted !== true)
        .map((l) => (l.id as string).toLowerCase()),
    );
    const candidates = index.policies.map((p) => untrustedBlock(p, untrusted)).filter((c): c is { include: string[]; exclude: string[] } => c !== null);
    const verdicts: RequirementVerdict[] = [];
    for (const { include, exclude } of candidates) {
      const requirement: Requirement = {
        users: { kind: 'all' },
        resources: { kind: 'all' },
        when: { locations: { kind: 'within', include, exclude } },
        control: { kind: 'block' },
      };
      const verdict = evaluator.evaluate(requirement);
      if (verdict.satisfied) return [];
      verdicts.push(verdict);
    }
    const first = verdicts.find((v) => v.status === 'notMet');
    if (first) return [requirementFinding(ctx, first, 'missing', {}, { expected: EXPECTED })];
    if (verdicts.length > 0) {
      ctx.notice('not-evaluated', undecidedNotice(index, verdicts[0]!));
      return [];
    }
    return [
      ctx.finding(null, 'missing', {
        pointer: '',
        key: 'missing',
        evidence: { expected: EXPECTED, candidates: [] },
        data: { nearText: 'No enabled policy blocks by location at all.' },
      }),
    ];
  },
});
