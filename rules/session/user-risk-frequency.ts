import { defineRule } from '../../src/engine/define-rule.js';
import { everyTimeFinding } from '../../src/evaluate/session-controls.js';
import { blocks, grantAlternatives } from '../../src/evaluate/controls.js';
import { isDisabled, riskLevels } from '../../src/model/policy.js';

export default defineRule({
  id: 'session/user-risk-frequency',
  catalogue: 'CA-045',
  title: 'User risk policies that require a password change also require reauthentication every time',
  risk: 'A user at risk can change the password on the strength of an MFA claim already in the session, perhaps a stolen one',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  licences: ['entra-id-p2'],
  severity: 'medium',
  rationale:
    'A user at high user risk is remediated by a secure password change after a fresh multifactor authentication. If the ' +
    'session already holds an MFA claim (from earlier that day, or carried by a stolen session), Conditional Access ' +
    'accepts it, and whoever holds the session changes the password without being challenged. Sign-in frequency "Every ' +
    'time" forces the prompt on each risky sign-in; the CIS Microsoft 365 Foundations Benchmark (5.2.2.6) asks for it in ' +
    'the user risk policy beside MFA and password change. Blocking policies need no prompt and are skipped, and so are ' +
    'disabled ones; report-only policies are checked because they are usually switched on as they are.',
  remediation:
    'In the user risk policy, under Session, select Sign-in frequency and choose Every time (keep the grant Require ' +
    'multifactor authentication AND Require password change).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-risk-based-user',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
  ],
  messages: {
    noFrequency: (d) =>
      `"${d.policy}" requires a password change at user risk ${d.levelsText} but sets no sign-in frequency, so an MFA claim ` +
      'already in the session is enough to change the password. Set Sign-in frequency to Every time.',
    timeBased: (d) =>
      `"${d.policy}" requires a password change at user risk ${d.levelsText} with a periodic sign-in frequency ` +
      `(${d.actualText}) instead of Every time, so an MFA claim from within that period is enough to change the password.`,
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      if (isDisabled(policy) || blocks(policy)) return [];
      const levels = riskLevels(policy, 'userRiskLevels').filter((l) => l !== 'none' && l !== 'unknownFutureValue');
      // The password-change form is the one CIS describes; Graph accepts passwordChange only beside a user-risk condition.
      if (levels.length === 0 || !grantAlternatives(policy).some((alt) => alt.includes('passwordChange'))) return [];
      const gap = everyTimeFinding(policy, 'userRiskLevels', levels);
      return gap ? [finding(policy, gap.messageId, gap.input)] : [];
    });
  },
});
