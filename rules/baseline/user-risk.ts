import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';

export default requirementRule({
  id: 'baseline/user-risk',
  catalogue: 'CA-045',
  title: 'High user risk is blocked or remediated for all users',
  risk: 'Accounts that Identity Protection considers compromised can keep signing in',
  priority: 2,
  effort: 'medium',
  userImpact: 'low',
  licences: ['entra-id-p2'],
  severity: 'high',
  rationale:
    'User risk is Microsoft Entra ID Protection\'s estimate that an account is already compromised (leaked credentials, ' +
    'threat intelligence). Without a policy that acts on it, an attacker holding a valid password keeps signing in. ' +
    'Microsoft recommends one policy for All users on All resources that, at high user risk, requires MFA together with a ' +
    'secure password change (or risk remediation), or blocks. Risk conditions need Microsoft Entra ID P2; a report-only or ' +
    'disabled policy enforces nothing.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts), Target resources = All ' +
    'resources, Conditions > User risk = High, Grant = Require risk remediation, or Grant access with "Require multifactor ' +
    'authentication" AND "Require password change" (Require all the selected controls), Session > Sign-in frequency = Every ' +
    'time. Blocking is the alternative where self-service remediation is not possible.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-user',
    'https://learn.microsoft.com/entra/id-protection/howto-identity-protection-configure-risk-policies',
  ],
  messages: {
    missing: (d) =>
      `No enabled policy blocks or remediates high user risk (MFA and password change, or risk remediation) for all users ` +
      `on all resources, so an account Identity Protection considers compromised can keep signing in. ${d.nearText}`,
  },
  requirement: {
    users: { kind: 'all' },
    resources: { kind: 'all' },
    when: { userRisk: ['high'] },
    control: { kind: 'userRiskRemediation' },
  },
  details: () => ({ evidence: { expected: { userRiskLevels: ['high'], grant: 'block | mfa AND passwordChange | riskRemediation' } } }),
});
