import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';

export default requirementRule({
  id: 'baseline/all-users-all-resources',
  catalogue: 'CA-034',
  title: 'Some enabled policy governs every user on every resource',
  risk: 'Some apps can be reached with no Conditional Access control at all, because no policy covers every user on every resource',
  priority: 1,
  effort: 'medium',
  userImpact: 'medium',
  severity: 'high',
  rationale:
    'Conditional Access only acts where a policy applies. Without at least one enabled policy for All users on All ' +
    'resources, with no resource excluded, any app nobody thought to target (including ones that cannot be picked ' +
    'individually, such as Windows Azure Active Directory) is reached with a password alone. Which control the policy ' +
    'enforces is judged by other rules; this one only asks that nothing is left entirely ungoverned.',
  remediation:
    'Create (or fix) an enabled policy with Users = All users (exclude only the break-glass accounts), Target resources = ' +
    'All resources with nothing under Exclude, no conditions that narrow it, and a grant control — normally Require ' +
    'authentication strength "Multifactor authentication".',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps#all-resources',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy with a grant control covers all users on all resources without exclusions, so an app no policy ' +
      `names is reached with no Conditional Access control at all. ${d.nearText}`,
  },
  requirement: { users: { kind: 'all' }, resources: { kind: 'all' }, control: { kind: 'anyGrantControl' } },
});
