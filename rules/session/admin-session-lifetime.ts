import { defineRule } from '../../src/engine/define-rule.js';
import {
  PERSISTENT_BROWSER_CLIENT_APPS,
  formatHours,
  frequencyHours,
  persistentBrowserNever,
  withinHours,
} from '../../src/evaluate/session-controls.js';
import { describeNearMisses, evaluateBaseline, nearMissEvidence } from '../../src/evaluate/baseline.js';
import { ADMIN_MFA_ROLES } from '../../src/model/well-known-roles.js';

interface Options {
  /** Directory role template ids that count as administrators. */
  roles: string[];
  /** Longest accepted sign-in frequency for administrators, in hours. */
  maxHours: number;
}

export default defineRule<Options>({
  id: 'session/admin-session-lifetime',
  catalogue: 'CA-057',
  title: 'Administrators re-authenticate periodically and never keep a persistent browser session',
  severity: 'medium',
  scope: 'tenant',
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
  check({ index, options, finding }) {
    const users = { kind: 'roles' as const, roleIds: options.roles };
    const resources = { kind: 'all' as const };
    const out = [];
    const frequency = evaluateBaseline(index, {
      users,
      resources,
      control: {
        label: `set a sign-in frequency of ${formatHours(options.maxHours)} or less`,
        test: (p) => withinHours(p, options.maxHours),
        related: (p) => frequencyHours(p) !== null,
      },
    });
    if (!frequency.satisfied) {
      out.push(
        finding(null, 'noFrequency', {
          pointer: '',
          evidence: { nearMisses: nearMissEvidence(index, frequency), expected: { signInFrequencyHoursAtMost: options.maxHours }, roles: options.roles },
          data: { maxHours: options.maxHours, nearText: describeNearMisses(frequency) },
        }),
      );
    }
    // Persistence concerns browsers only: a "Never persistent" policy limited to Client apps = Browser meets it.
    const persistence = evaluateBaseline(index, {
      users,
      resources,
      clientAppTypes: PERSISTENT_BROWSER_CLIENT_APPS,
      control: {
        label: 'set Never persistent browser sessions',
        test: persistentBrowserNever,
        related: (p) => p.sessionControls?.persistentBrowser?.isEnabled === true,
      },
    });
    if (!persistence.satisfied) {
      out.push(
        finding(null, 'persistentBrowser', {
          pointer: '',
          evidence: {
            nearMisses: nearMissEvidence(index, persistence),
            expected: { persistentBrowser: 'never', clientAppTypes: [...PERSISTENT_BROWSER_CLIENT_APPS] },
            roles: options.roles,
          },
          data: { nearText: describeNearMisses(persistence) },
        }),
      );
    }
    return out;
  },
});




