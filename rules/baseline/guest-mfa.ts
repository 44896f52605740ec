import { defineRule } from '../../src/engine/define-rule.js';
import { describeNearMisses, GUEST_TYPES, nearMissEvidence } from '../../src/evaluate/baseline.js';
import { mentionsMfa, requiresMfa } from '../../src/evaluate/controls.js';
import { evaluateRequirement, SCOPE_WEIGHT, type Reason } from '../../src/evaluate/risk.js';
import { hasKeyword, usersCondition } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

/**
 * reasonsAgainst checks the guest types but not the home tenants: a policy for "all guest types from these partner
 * tenants" leaves every other tenant's guests out.
 */
function tenantReasons(policy: ConditionalAccessPolicy, reasons: Reason[]): Reason[] {
  const u = usersCondition(policy);
  if (hasKeyword(u.includeUsers, 'All') || hasKeyword(u.includeUsers, 'GuestsOrExternalUsers')) return reasons;
  const tenants = (u.includeGuestsOrExternalUsers as { externalTenants?: { membershipKind?: unknown; members?: unknown } | null } | null)
    ?.externalTenants;
  if (!tenants || tenants.membershipKind !== 'enumerated') return reasons;
  const members = Array.isArray(tenants.members) ? tenants.members.length : 0;
  return [
    ...reasons,
    {
      text: `it applies only to guests from ${members} listed external tenant${members === 1 ? '' : 's'}, not all external tenants`,
      pointer: '/conditions/users/includeGuestsOrExternalUsers/externalTenants',
      weight: SCOPE_WEIGHT,
    },
  ];
}

export default defineRule({
  id: 'baseline/guest-mfa',
  catalogue: 'CA-055',
  title: 'MFA is required for every guest and external user type on all resources',
  severity: 'high',
  scope: 'tenant',
  rationale:
    'Guests sign in with credentials the organisation does not manage, and a compromised partner account reaches shared ' +
    'Teams, sites and apps. Microsoft recommends requiring MFA (or an MFA authentication strength) for all guest and ' +
    'external user types from all external tenants on All resources. A policy that lists only some guest types (service ' +
    'provider users, B2B direct connect users are easy to miss), only some tenants, or that excludes guest types leaves ' +
    'those guests with a password alone. An All-users MFA policy that does not exclude guests covers them too. A ' +
    'report-only or disabled policy enforces nothing.',
  remediation:
    'Create (or fix) an enabled policy: Users > Include > Guest or external users = all six types (local guests, B2B ' +
    'collaboration guests and members, B2B direct connect, other external users, service provider users) with External ' +
    'tenants = All, exclude only the break-glass accounts; Target resources = All resources; Grant = Require authentication ' +
    'strength "Multifactor authentication" (or Require multifactor authentication). Accept inbound MFA claims from trusted ' +
    'partners in cross-tenant access settings.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-guests-mfa-strength',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups',
  ],
  messages: {
    missing: (d) =>
      `No enabled policy requires MFA on all resources for every guest and external user type (${d.typesText}) from all ` +
      `external tenants, so some guests sign in with a password alone. ${d.nearText}`,
  },
  check({ index, finding }) {
    const verdict = evaluateRequirement(
      index,
      {
        users: { kind: 'guests' },
        resources: { kind: 'all' },
        control: { label: 'require MFA or an authentication strength on every path', test: requiresMfa, related: mentionsMfa },
      },
      { adjust: tenantReasons },
    );
    if (verdict.satisfied) return [];
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: {
          expected: {
            includeGuestsOrExternalUsers: { guestOrExternalUserTypes: GUEST_TYPES.join(','), externalTenants: { membershipKind: 'all' } },
            grant: 'mfa | authenticationStrength',
          },
          nearMisses: nearMissEvidence(index, verdict),
        },
        data: { typesText: GUEST_TYPES.join(', '), nearText: describeNearMisses(verdict) },
      }),
    ];
  },
});
