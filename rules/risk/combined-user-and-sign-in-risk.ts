import { defineRule } from '../../src/engine/define-rule.js';
import { riskLevels } from '../../src/model/policy.js';
import { isDisabled, stateLabel } from '../../src/model/policy.js';

export default defineRule({
  id: 'risk/combined-user-and-sign-in-risk',
  catalogue: 'CA-047',
  title: 'User risk and sign-in risk are not combined in one policy',
  risk: 'A risk policy acts only when a risky user also makes a risky sign-in, so most risky events pass untouched',
  priority: 2,
  effort: 'medium',
  userImpact: 'low',
  licences: ['entra-id-p2'],
  severity: 'high',
  rationale:
    'Every condition of a Conditional Access policy must match for it to apply. A policy that sets both a user-risk and a ' +
    'sign-in-risk condition therefore acts only when a risky user also makes a risky sign-in, which is rare: a compromised ' +
    'account signing in quietly, or a suspicious sign-in by a low-risk user, passes untouched. Microsoft recommends one ' +
    'policy per risk type, and only the user-risk policy can require a password change. Disabled policies are not checked.',
  remediation:
    'Split the policy in two: one with Conditions > User risk (High; Grant = Require risk remediation, or MFA AND password ' +
    'change) and one with Conditions > Sign-in risk (Medium and High; Grant = Require MFA, Session > Sign-in frequency = ' +
    'Every time). Each keeps the same users, resources and exclusions.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-policy-risk',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-user',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-sign-in',
  ],
  messages: {
    combined: (d) =>
      `"${d.policy}" (${d.state}) requires user risk ${d.userText} AND sign-in risk ${d.signInText} at the same time, so it ` +
      'applies only when both are detected together; a risky user with a clean-looking sign-in, or a risky sign-in by a ' +
      'low-risk user, is not covered.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p))
      .flatMap((policy) => {
        const user = riskLevels(policy, 'userRiskLevels');
        const signIn = riskLevels(policy, 'signInRiskLevels');
        if (user.length === 0 || signIn.length === 0) return [];
        return [
          finding(policy, 'combined', {
            pointer: '/conditions/signInRiskLevels',
            evidence: {
              actual: { userRiskLevels: user, signInRiskLevels: signIn },
              expected: 'one policy per risk type',
            },
            data: { state: stateLabel(policy), userText: user.join('/'), signInText: signIn.join('/') },
          }),
        ];
      });
  },
});
