import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';

export default requirementRule({
  id: 'baseline/mfa-all-users',
  catalogue: 'CA-035',
  title: 'MFA is required for all users on all resources',
  risk: 'Some users can sign in without MFA',
  priority: 1,
  effort: 'medium',
  userImpact: 'medium',
  severity: 'high',
  rationale:
    'Multifactor authentication blocks most account-compromise attacks. Microsoft recommends one policy that requires ' +
    'MFA (or an authentication strength) for All users on All resources, excluding only the emergency accounts. A policy ' +
    'narrowed by a platform, location, client-app, risk or device-filter condition, or one that excludes roles or guests, ' +
    'leaves a population without MFA; a report-only or disabled policy enforces nothing.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts), Target resources = All ' +
    'resources with no exclusions, no other conditions, Grant = Require authentication strength "Multifactor authentication" ' +
    '(or Require multifactor authentication).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength',
    'https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access',
  ],
  messages: {
    missing: (d) => `No enabled policy requires MFA for all users on all resources. ${d.nearText}`,
  },
  requirement: { users: { kind: 'all' }, resources: { kind: 'all' }, control: { kind: 'mfa' } },
});
