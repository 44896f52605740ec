import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { GUEST_TYPES } from '../../src/evaluate/whatif/scenario.js';

export default requirementRule({
  id: 'baseline/guest-mfa',
  catalogue: 'CA-055',
  title: 'MFA is required for every guest and external user type on all resources',
  risk: 'Some guests and external users can sign in with a password alone',
  priority: 1,
  effort: 'medium',
  userImpact: 'medium',
  severity: 'high',
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
  requirement: { users: { kind: 'guests' }, resources: { kind: 'all' }, control: { kind: 'mfa' } },
  details: () => ({ data: { typesText: GUEST_TYPES.join(', ') } }),
});
