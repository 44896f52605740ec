import { defineRule } from '../../src/engine/define-rule.js';
import { formatDays, frequencyHours } from '../../src/evaluate/session-controls.js';
import { requirementFinding } from '../../src/evaluate/coverage/requirement-rule.js';
import { isDisabled } from '../../src/model/policy.js';

interface Options {
  /** Longest accepted sign-in frequency, in days. */
  maxDays: number;
  /** Also report the tenant when no policy sets a frequency for all users on all resources. */
  requireAllUsersPolicy: boolean;
}

export default defineRule<Options>({
  id: 'session/sign-in-frequency-max',
  catalogue: 'CA-058',
  title: 'Sign-in frequency is at most the configured number of days',
  risk: 'Sessions stay valid longer than the organisation\'s maximum, so a stolen session stays useful for that long',
  priority: 3,
  effort: 'low',
  userImpact: 'medium',
  severity: 'low',
  scope: 'tenant',
  uses: ['coverage'],
  rationale:
    'Without a sign-in frequency, Microsoft Entra ID keeps a session alive on a 90-day rolling window; a stolen refresh ' +
    'token or session cookie stays useful for as long. A sign-in frequency bounds that, but a value of weeks or months ' +
    'gives little over the default. calint reports each policy whose periodic reauthentication is longer than the ' +
    'maximum (7 days by default) and, unless switched off, the tenant when no enabled policy sets any sign-in frequency ' +
    'for all users on all resources. Microsoft itself warns that asking too often trains users to type credentials ' +
    'without thinking, so the maximum is a ceiling, not a target; tenants that rely on the 90-day default for managed ' +
    'devices can turn the tenant-wide check off with requireAllUsersPolicy.',
  remediation:
    'Under Session > Sign-in frequency, choose Periodic reauthentication of at most the configured number of days. For the ' +
    'tenant-wide check, add the session control to an enabled All users / All resources policy (for example the MFA ' +
    'baseline), or set requireAllUsersPolicy to false for this rule if the default session lifetime is a deliberate choice.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-session-lifetime',
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxDays: { type: 'integer', minimum: 1, maximum: 365, description: 'Longest accepted periodic reauthentication, in days.' },
        requireAllUsersPolicy: {
          type: 'boolean',
          description: 'Report the tenant when no enabled policy sets a sign-in frequency for All users on All resources.',
        },
      },
    },
    defaults: { maxDays: 7, requireAllUsersPolicy: true },
  },
  messages: {
    tooLong: (d) =>
      `"${d.policy}" sets a sign-in frequency of ${d.actualText}, longer than the ${d.maxDays}-day maximum; a stolen ` +
      'session stays usable for that long.',
    noAllUsersFrequency: (d) =>
      `No enabled policy sets a sign-in frequency of ${formatDays(d.maxDays)} or less for all users on all resources, so sessions ` +
      `follow the 90-day rolling default. ${d.nearText}`,
  },
  check(ctx) {
    const { index, options, finding } = ctx;
    const maxHours = options.maxDays * 24;
    const out = [];
    if (options.requireAllUsersPolicy) {
      const verdict = ctx.evaluator.evaluate({ users: { kind: 'all' }, resources: { kind: 'all' }, control: { kind: 'signInFrequency', maxHours } });
      if (verdict.status === 'notMet') {
        out.push(requirementFinding(ctx, verdict, 'noAllUsersFrequency', { maxDays: options.maxDays }, { expected: { signInFrequencyDaysAtMost: options.maxDays } }));
      }
    }
    for (const policy of index.policies) {
      if (isDisabled(policy)) continue;
      const hours = frequencyHours(policy);
      if (hours === null || hours <= maxHours) continue;
      const s = policy.sessionControls!.signInFrequency!;
      out.push(
        finding(policy, 'tooLong', {
          pointer: '/sessionControls/signInFrequency/value',
          evidence: { actual: { value: s.value, type: s.type }, expected: { value: options.maxDays, type: 'days', comparison: 'at most' } },
          data: { maxDays: options.maxDays, actualText: `${s.value} ${s.type}` },
        }),
      );
    }
    return out;
  },
});


