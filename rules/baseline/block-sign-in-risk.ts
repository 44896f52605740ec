import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import type { Requirement } from '../../src/evaluate/coverage/requirement.js';

const atLevel = (level: 'high' | 'medium'): Requirement => ({
  users: { kind: 'all' },
  resources: { kind: 'all' },
  when: { signInRisk: [level] },
  control: { kind: 'block' },
});

export default requirementRule({
  id: 'baseline/block-sign-in-risk',
  catalogue: 'CA-046',
  title: 'High and medium sign-in risk are blocked for all users',
  risk: 'Sign-ins that Identity Protection rates as risky are let through with MFA instead of being blocked',
  priority: 3,
  effort: 'medium',
  userImpact: 'low',
  licences: ['entra-id-p2'],
  severity: 'low',
  rationale:
    'Microsoft\'s own recommendation for risky sign-ins is MFA with reauthentication every time (baseline/sign-in-risk), ' +
    'so that the account owner can prove it is them. Stricter baselines block instead: the CISA SCuBA Entra ID baseline ' +
    'requires high-risk sign-ins to be blocked, and the CIS Microsoft 365 Foundations Benchmark (Level 2) blocks medium ' +
    'and high sign-in risk for all users on all resources, with no application excluded. An MFA prompt can be phished or ' +
    'approved by mistake; a block cannot. Risk conditions need Microsoft Entra ID P2. Turn the rule off if the tenant ' +
    'follows Microsoft\'s MFA recommendation on purpose.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts), Target resources = All ' +
    'resources with no exclusions, Conditions > Sign-in risk = High and Medium, Grant = Block access. Users blocked this ' +
    'way need an administrator (or a dismissed risk) to get back in.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-sign-in',
    'https://learn.microsoft.com/entra/id-protection/concept-identity-protection-risks',
  ],
  messages: {
    high: (d) =>
      'No enabled policy blocks high sign-in risk for all users on all resources, so a sign-in Identity Protection ' +
      `rates as probably not the account owner can still get in once its MFA prompt is answered. ${d.nearText}`,
    medium: (d) =>
      'No enabled policy blocks medium sign-in risk for all users on all resources, so a suspicious sign-in can still ' +
      `get in once its MFA prompt is answered. ${d.nearText}`,
  },
  // One finding per level: SCuBA asks only for high, CIS Level 2 for both.
  requirement: { high: atLevel('high'), medium: atLevel('medium') },
  details: (_verdict, _ctx, messageId) => ({ evidence: { expected: { signInRiskLevels: [messageId], grant: 'block' } } }),
});
