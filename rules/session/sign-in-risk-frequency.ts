import { defineRule } from '../../src/engine/define-rule.js';
import { everyTimeFinding } from '../../src/evaluate/session-controls.js';
import { blocks, mentionsMfa } from '../../src/evaluate/controls.js';
import { isDisabled, list } from '../../src/model/policy.js';

export default defineRule({
  id: 'session/sign-in-risk-frequency',
  catalogue: 'CA-087',
  title: 'Sign-in risk policies that require MFA also require reauthentication every time',
  risk: 'A risky sign-in passes on an earlier MFA prompt instead of being challenged again',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  licences: ['entra-id-p2'],
  severity: 'medium',
  rationale:
    'A risky sign-in is remediated by a fresh multifactor authentication. If the user already holds an MFA claim in ' +
    'the session (from earlier that day, or carried by a stolen session), Conditional Access accepts it and the risky ' +
    'sign-in passes without a new prompt. Microsoft\'s sign-in risk policy therefore pairs the MFA grant with the ' +
    'session control Sign-in frequency = Every time, which forces the prompt on each risky sign-in. Disabled policies ' +
    'are skipped; report-only policies are checked because they are usually switched on as they are.',
  remediation:
    'In the sign-in risk policy, under Session, select Sign-in frequency and choose Every time (keep the grant Require ' +
    'authentication strength / Require multifactor authentication).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-sign-in',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
  ],
  messages: {
    noFrequency: (d) =>
      `"${d.policy}" requires MFA for sign-in risk ${d.levelsText} but sets no sign-in frequency, so an MFA claim ` +
      'already in the session satisfies it and the risky sign-in is not challenged again. Set Sign-in frequency to Every time.',
    timeBased: (d) =>
      `"${d.policy}" requires MFA for sign-in risk ${d.levelsText} with a periodic sign-in frequency (${d.actualText}) ` +
      'instead of Every time, so an MFA claim from within that period satisfies the risky sign-in.',
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      if (isDisabled(policy)) return [];
      const levels = list(policy.conditions?.signInRiskLevels).filter((l) => l !== 'none' && l !== 'unknownFutureValue');
      if (levels.length === 0 || blocks(policy) || !mentionsMfa(policy)) return [];
      const gap = everyTimeFinding(policy, 'signInRiskLevels', levels);
      return gap ? [finding(policy, gap.messageId, gap.input)] : [];
    });
  },
});
