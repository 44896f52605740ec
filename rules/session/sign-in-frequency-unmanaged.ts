import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { formatHours } from '../../src/evaluate/session-controls.js';

interface Options {
  /** Longest accepted sign-in frequency, in hours. */
  maxHours: number;
}

export default requirementRule<Options>({
  id: 'session/sign-in-frequency-unmanaged',
  catalogue: 'CA-056',
  title: 'Unmanaged devices get a sign-in frequency and no persistent browser session',
  risk: 'Browsers on personal and shared devices stay signed in for the next person, or for malware, to use',
  priority: 2,
  effort: 'medium',
  userImpact: 'medium',
  severity: 'medium',
  rationale:
    'On a device the organisation does not manage, a browser that stays signed in after it is closed, or a session that ' +
    'lasts the default 90-day rolling window, is left for the next person at a shared or personal computer and for ' +
    'malware that copies session cookies. Microsoft\'s template ("Require reauthentication and disable browser ' +
    'persistence") targets All users and All resources, reaches unmanaged devices through a device filter ' +
    '(device.trustType -ne "ServerAD" -or device.isCompliant -ne True, include mode) and sets a 1-hour sign-in frequency ' +
    'with Never persistent browser sessions. A device filter is accepted when it still reaches every kind of unmanaged ' +
    'device; a browser-only policy is accepted too. Report-only and disabled policies do not count.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (exclude the break-glass accounts), Target resources = All ' +
    'resources, Conditions > Filter for devices = Include filtered devices with device.trustType -ne "ServerAD" -or ' +
    'device.isCompliant -ne True (or no filter at all), Session = Sign-in frequency, Periodic reauthentication of at most ' +
    'the configured number of hours (Microsoft uses 1 hour), and Persistent browser session = Never persistent.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-policy-persistent-browser-session',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-condition-filters-for-devices',
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxHours: {
          type: 'integer',
          minimum: 1,
          description: 'Longest sign-in frequency (in hours; days count as 24) that counts. Microsoft\'s template uses 1.',
        },
      },
    },
    defaults: { maxHours: 24 },
  },
  messages: {
    missing: (d) =>
      `No enabled policy for All users on All resources gives unmanaged devices a sign-in frequency of ${formatHours(d.maxHours)} ` +
      `or less and a non-persistent browser session, so browser sessions on personal and shared devices stay signed in. ${d.nearText}`,
  },
  requirement: ({ options }) => ({
    users: { kind: 'all' },
    resources: { kind: 'all' },
    clientApps: ['browser'],
    when: { devices: 'unmanaged' },
    control: [{ kind: 'signInFrequency', maxHours: options.maxHours }, { kind: 'neverPersistentBrowser' }],
  }),
  details: (_verdict, { options }) => ({
    data: { maxHours: options.maxHours },
    evidence: { expected: { signInFrequencyHoursAtMost: options.maxHours, persistentBrowser: 'never' } },
  }),
});
