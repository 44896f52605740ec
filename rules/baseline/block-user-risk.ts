import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';

export default requirementRule({
  id: 'baseline/block-user-risk',
  catalogue: 'CA-045',
  title: 'High user risk is blocked for all users',
  risk: 'Accounts that Identity Protection rates as compromised can still sign in after a password change',
  priority: 3,
  effort: 'medium',
  userImpact: 'low',
  licences: ['entra-id-p2'],
  severity: 'low',
  rationale:
    'Microsoft recommends letting users at high user risk remediate themselves (risk remediation, or MFA with a secure ' +
    'password change; baseline/user-risk). The CISA SCuBA Entra ID baseline is stricter: users detected as high risk ' +
    'are blocked until an administrator has looked at the account, because a user who can still answer MFA may be the ' +
    'attacker. Risk conditions need Microsoft Entra ID P2. Turn the rule off if the tenant follows Microsoft\'s ' +
    'self-remediation recommendation on purpose.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts), Target resources = All ' +
    'resources, Conditions > User risk = High, Grant = Block access; have an administrator investigate and remediate ' +
    'each blocked user.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-user',
    'https://learn.microsoft.com/entra/id-protection/concept-identity-protection-risks',
  ],
  messages: {
    missing: (d) =>
      'No enabled policy blocks high user risk for all users on all resources, so an account Identity Protection ' +
      `considers compromised can still sign in without an administrator looking at it. ${d.nearText}`,
  },
  requirement: { users: { kind: 'all' }, resources: { kind: 'all' }, when: { userRisk: ['high'] }, control: { kind: 'block' } },
  details: () => ({ evidence: { expected: { userRiskLevels: ['high'], grant: 'block' } } }),
});
