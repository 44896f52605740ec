import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { formatHours } from '../../src/evaluate/session-controls.js';
import { ADMIN_MFA_ROLES } from '../../src/model/well-known-roles.js';

interface Options {
  roles: string[];
  maxHours: number;
}

export default requirementRule<Options>({
  id: 'session/admin-session-lifetime',
  catalogue: 'CA-057',
  title: 'Administrators re-authenticate periodically and never keep a persistent browser session',
  risk: 'Administrator sessions, and stolen administrator session cookies, can last up to 90 days',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'An administrator\'s session is worth more to an attacker than anyone else\'s: a stolen or left-behind session ' +
    'cookie carries directory-wide rights until it expires, which by default is a 90-day rolling window. A short ' +
    'sign-in frequency bounds how long a stolen session is useful, and "Never persistent" keeps the browser from ' +
    'staying signed in after it is closed. Microsoft\'s session-lifetime guidance names privileged users as the case ' +
    'for adaptive session limits without fixing a number; calint defaults to 4 hours, the limit the CIS Microsoft 365 ' +
    'Foundations Benchmark sets for administrative roles. The two settings may come from different policies (e.g. an ' +
    'All-users policy that disables browser persistence), but each must reach every listed role on All resources ' +
    'without narrowing conditions; report-only and disabled policies do not count. The sign-in frequency must reach every ' +
    'modern client; the persistent browser session setting concerns browsers only, so it may come from a policy limited ' +
    'to Client apps = Browser.',
  remediation:
    'Create (or fix) an enabled policy: Users = Directory roles (at least the 14 roles of "Require MFA for ' +
    'administrators"; exclude the break-glass accounts), Target resources = All resources, no other conditions, ' +
    'Session = Sign-in frequency, Periodic reauthentication of at most the configured number of hours, and Persistent ' +
    'browser session = Never persistent (this one may also sit in a policy whose only condition is Client apps = Browser).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-session-lifetime',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-old-require-mfa-admin',
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        roles: {
          type: 'array',
          items: { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' },
          description: 'Directory role template ids that must be covered (default: the 14 roles of "Require MFA for administrators").',
        },
        maxHours: {
          type: 'integer',
          minimum: 1,
          description: 'Longest sign-in frequency for administrators, in hours (days count as 24). CIS recommends 4 or less.',
        },
      },
    },
    defaults: { roles: [...ADMIN_MFA_ROLES], maxHours: 4 },
  },
  messages: {
    noFrequency: (d) =>
      `No enabled policy makes the administrator roles re-authenticate at least every ${formatHours(d.maxHours)} on all resources, ` +
      `so an admin session (or a stolen admin session cookie) lasts up to the 90-day default. ${d.nearText}`,
    persistentBrowser: (d) =>
      'No enabled policy sets "Never persistent" browser sessions for the administrator roles\' browser sign-ins to all ' +
      `resources, so an admin browser can stay signed in after it is closed. ${d.nearText}`,
  },
  requirement: ({ options }) => ({
    noFrequency: { users: { kind: 'roles', roleIds: options.roles }, resources: { kind: 'all' }, control: { kind: 'signInFrequency', maxHours: options.maxHours } },
    // Persistence concerns browsers only: a "Never persistent" policy limited to Client apps = Browser meets it.
    persistentBrowser: { users: { kind: 'roles', roleIds: options.roles }, resources: { kind: 'all' }, clientApps: ['browser'], control: { kind: 'neverPersistentBrowser' } },
  }),
  details: (_verdict, { options }, messageId) =>
    messageId === 'noFrequency'
      ? { data: { maxHours: options.maxHours }, evidence: { expected: { signInFrequencyHoursAtMost: options.maxHours }, roles: options.roles } }
      : { evidence: { expected: { persistentBrowser: 'never', clientAppTypes: ['browser'] }, roles: options.roles } },
});
