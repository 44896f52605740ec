import { requirementFinding, requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { requiresMfa } from '../../src/evaluate/controls.js';
import { frequencyHours } from '../../src/evaluate/session-controls.js';
import { list, policyLabel } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

const LEVELS = ['medium', 'high'] as const;

const isAboutSignInRisk = (policy: ConditionalAccessPolicy) => list(policy.conditions?.signInRiskLevels).length > 0;

export default requirementRule({
  id: 'baseline/sign-in-risk',
  catalogue: 'CA-046',
  title: 'Medium and high sign-in risk require MFA (every time) or are blocked for all users',
  risk: 'Sign-ins that Identity Protection rates as suspicious are neither blocked nor challenged with a fresh MFA prompt',
  priority: 2,
  effort: 'medium',
  userImpact: 'low',
  licences: ['entra-id-p2'],
  severity: 'high',
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
  // MFA with reauthentication every time (or a block) at medium and high sign-in risk; one policy or several.
  requirement: {
    users: { kind: 'all' },
    resources: { kind: 'all' },
    when: { signInRisk: LEVELS },
    control: [{ kind: 'mfa' }, { kind: 'signInFrequency', maxHours: 0 }],
  },
  report: (verdict, ctx) => {
    const levelsOf = (gaps: typeof verdict.gaps) => LEVELS.filter((l) => gaps.some((g) => !g.classes.signInRisk || g.classes.signInRisk.includes(`sign-in risk ${l}`)));
    const mfaGaps = verdict.gaps.filter((g) => g.control.kind === 'mfa');
    // MFA is required at every level, but not every time: say so on the sign-in risk policies that require it.
    const weak = mfaGaps.length === 0 ? ctx.index.policies.filter((p) => isAboutSignInRisk(p) && requiresMfa(p) && frequencyHours(p) !== 0 && p.state === 'enabled') : [];
    if (weak.length === 0) {
      const levels = levelsOf(mfaGaps.length > 0 ? mfaGaps : verdict.gaps);
      return [requirementFinding(ctx, verdict, 'missing', { levelsText: levels.join(' and ') }, { expected: { signInRiskLevels: levels, grant: 'mfa | authenticationStrength | block', signInFrequency: 'everyTime' } })];
    }
    return weak.map((policy) => {
      const session = policy.sessionControls ?? null;
      const hasFrequency = session !== null && typeof session === 'object' && 'signInFrequency' in session;
      const pointer = hasFrequency ? '/sessionControls/signInFrequency' : 'sessionControls' in policy ? '/sessionControls' : '';
      const levels = LEVELS.filter((l) => list(policy.conditions?.signInRiskLevels).some((x) => x.toLowerCase() === l));
      return ctx.finding(policy, 'notEveryTime', {
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
