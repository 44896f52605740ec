import { defineRule } from '../../src/engine/define-rule.js';
import { describeNearMisses, nearMissEvidence } from '../../src/evaluate/baseline.js';
import { blocks, mentionsControl, requiresControl, requiresMfa } from '../../src/evaluate/controls.js';
import { evaluateRequirement, requireRiskCondition } from '../../src/evaluate/risk.js';
import { builtInControls, hasKeyword, list } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

/**
 * Microsoft's Conditional Access templates (GET /identity/conditionalAccess/templates) write "MFA and password change"
 * as the single built-in control `MfaAndChangePassword`; calint reads templates, so it counts as both.
 */
const TEMPLATE_MFA_AND_PASSWORD_CHANGE = 'MfaAndChangePassword';

/** Block, or MFA AND password change on every path, or Microsoft-managed risk remediation. */
function remediatesUserRisk(policy: ConditionalAccessPolicy): boolean {
  return (
    blocks(policy) ||
    hasKeyword(builtInControls(policy), TEMPLATE_MFA_AND_PASSWORD_CHANGE) ||
    (requiresMfa(policy) && requiresControl(policy, 'passwordChange')) ||
    requiresControl(policy, 'riskRemediation')
  );
}

/** Worth naming as a near miss: it is about user risk (a user-risk condition or a remediation control). */
function isAboutUserRisk(policy: ConditionalAccessPolicy): boolean {
  return (
    list(policy.conditions?.userRiskLevels).length > 0 ||
    mentionsControl(policy, 'passwordChange') ||
    hasKeyword(builtInControls(policy), TEMPLATE_MFA_AND_PASSWORD_CHANGE) ||
    mentionsControl(policy, 'riskRemediation')
  );
}

export default defineRule({
  id: 'baseline/user-risk',
  catalogue: 'CA-045',
  title: 'High user risk is blocked or remediated for all users',
  severity: 'high',
  scope: 'tenant',
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
  check({ index, finding }) {
    const verdict = evaluateRequirement(
      index,
      {
        users: { kind: 'all' },
        resources: { kind: 'all' },
        expects: { userRiskLevels: ['high'] },
        control: {
          label: 'block, or require MFA and password change together, or require risk remediation',
          test: remediatesUserRisk,
          related: isAboutUserRisk,
        },
      },
      { focus: isAboutUserRisk, adjust: requireRiskCondition('userRiskLevels', 'user-risk') },
    );
    if (verdict.satisfied) return [];
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: { expected: { userRiskLevels: ['high'], grant: 'block | mfa AND passwordChange | riskRemediation' }, nearMisses: nearMissEvidence(index, verdict) },
        data: { nearText: describeNearMisses(verdict) },
      }),
    ];
  },
});
