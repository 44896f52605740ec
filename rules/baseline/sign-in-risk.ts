import { defineRule } from '../../src/engine/define-rule.js';
import { describeNearMisses, nearMissEvidence, type BaselineRequirement } from '../../src/evaluate/baseline.js';
import { blocks, mentionsMfa, requiresMfa } from '../../src/evaluate/controls.js';
import { evaluateRequirement, requireRiskCondition, requiresReauthenticationEveryTime } from '../../src/evaluate/risk.js';
import { list, policyLabel } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

const LEVELS = ['medium', 'high'] as const;

const isAboutSignInRisk = (policy: ConditionalAccessPolicy) => list(policy.conditions?.signInRiskLevels).length > 0;

export default defineRule({
  id: 'baseline/sign-in-risk',
  catalogue: 'CA-046',
  title: 'Medium and high sign-in risk require MFA (every time) or are blocked for all users',
  severity: 'high',
  scope: 'tenant',
  rationale:
    'Sign-in risk is Microsoft Entra ID Protection\'s estimate that a sign-in is not made by the account owner (anonymous ' +
    'IP, impossible travel, token anomalies). Microsoft recommends one policy for All users on All resources that requires ' +
    'MFA at medium and high sign-in risk, with sign-in frequency "Every time" so an earlier MFA claim in the session cannot ' +
    'satisfy it; blocking is the stricter alternative. Separate policies for medium and high are fine. Risk conditions ' +
    'need Microsoft Entra ID P2; a report-only or disabled policy enforces nothing.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude only the break-glass accounts), Target resources = All ' +
    'resources, Conditions > Sign-in risk = High and Medium, Grant = Require authentication strength "Multifactor ' +
    'authentication" (or Require multifactor authentication) or Block access, Session > Sign-in frequency = Every time.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-sign-in',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
  ],
  messages: {
    missing: (d) =>
      `No enabled policy requires MFA or blocks at ${d.levelsText} sign-in risk for all users on all resources, so a sign-in ` +
      `Identity Protection considers suspicious is let through with the password alone. ${d.nearText}`,
    notEveryTime: (d) =>
      `"${d.policy}" requires MFA at ${d.levelsText} sign-in risk but its sign-in frequency is not "Every time", so an MFA ` +
      'claim already in the session satisfies it and a stolen session passes without a new challenge.',
  },
  check({ index, finding }) {
    const requirement = (levels: readonly string[]): BaselineRequirement => ({
      users: { kind: 'all' },
      resources: { kind: 'all' },
      expects: { signInRiskLevels: levels },
      control: { label: 'require MFA or block', test: (p) => requiresMfa(p) || blocks(p), related: mentionsMfa },
    });
    const options = { focus: isAboutSignInRisk, adjust: requireRiskCondition('signInRiskLevels', 'sign-in risk') };
    // Medium and high may be covered by one policy or by two (e.g. MFA at medium, block at high).
    const perLevel = LEVELS.map((level) => ({ level, verdict: evaluateRequirement(index, requirement([level]), options) }));
    const open = perLevel.filter((l) => !l.verdict.satisfied).map((l) => l.level);
    if (open.length > 0) {
      const verdict = evaluateRequirement(index, requirement(open), options);
      return [
        finding(null, 'missing', {
          pointer: '',
          evidence: { expected: { signInRiskLevels: open, grant: 'mfa | authenticationStrength | block' }, nearMisses: nearMissEvidence(index, verdict) },
          data: { levelsText: open.join(' and '), nearText: describeNearMisses(verdict) },
        }),
      ];
    }

    // Every level is covered. Where no covering policy blocks or re-authenticates every time, say so on the MFA policies.
    const weak = new Map<ConditionalAccessPolicy, string[]>();
    for (const { level, verdict } of perLevel) {
      if (verdict.satisfiedBy.some((p) => blocks(p) || requiresReauthenticationEveryTime(p))) continue;
      for (const p of verdict.satisfiedBy) weak.set(p, [...(weak.get(p) ?? []), level]);
    }
    return [...weak.entries()].map(([policy, levels]) => {
      const session = policy.sessionControls ?? null;
      const hasFrequency = session !== null && typeof session === 'object' && 'signInFrequency' in session;
      const pointer = hasFrequency ? '/sessionControls/signInFrequency' : 'sessionControls' in policy ? '/sessionControls' : '';
      return finding(policy, 'notEveryTime', {
        pointer,
        evidence: {
          actual: session?.signInFrequency ?? null,
          missing: !hasFrequency || session?.signInFrequency == null,
          expected: { isEnabled: true, frequencyInterval: 'everyTime', authenticationType: 'primaryAndSecondaryAuthentication' },
          policyName: policyLabel(policy),
        },
        data: { levelsText: levels.join(' and ') },
      });
    });
  },
});
