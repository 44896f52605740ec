import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { formatHours } from '../../src/evaluate/session-controls.js';
import { GUEST_TYPES, type GuestType } from '../../src/evaluate/whatif/scenario.js';

interface Options {
  /** Longest accepted sign-in frequency for guests, in hours. */
  maxHours: number;
  /** Guest or external user types that must be covered. */
  guestTypes: string[];
}

const DEFAULT_GUEST_TYPES = ['internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember', 'otherExternalUser'];

export default requirementRule<Options>({
  id: 'session/guest-session-lifetime',
  catalogue: 'CA-059',
  title: 'Guests and external users have a sign-in frequency',
  risk: 'Guest sessions can last up to 90 days, even after the guest\'s own organisation has disabled the account',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'Guests sign in from devices and organisations you do not control, and when their own account is disabled at home ' +
    'or their engagement ends, nothing tells your tenant. A sign-in frequency makes their sessions end on a schedule ' +
    'instead of living on the 90-day rolling default. By default calint requires the guest types that hold their own ' +
    'session in this tenant (local guests, B2B collaboration guests and members, other external users); add ' +
    'b2bDirectConnectUser and serviceProvider to the guestTypes option to require them too. A policy for All users ' +
    'counts when it does not exclude guests; report-only and disabled policies do not.',
  remediation:
    'Create (or fix) an enabled policy: Users = Guest or external users (select every guest type, all external ' +
    'organisations) or All users without guest exclusions, Target resources = All resources, no other conditions, ' +
    'Session = Sign-in frequency, Periodic reauthentication of at most the configured number of hours.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-session-lifetime',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-session-lifetime',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups',
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxHours: { type: 'integer', minimum: 1, description: 'Longest sign-in frequency for guests, in hours (days count as 24).' },
        guestTypes: {
          type: 'array',
          items: { enum: [...GUEST_TYPES] },
          description: 'Guest or external user types a policy must cover.',
        },
      },
    },
    defaults: { maxHours: 24, guestTypes: DEFAULT_GUEST_TYPES },
  },
  messages: {
    missing: (d) =>
      `No enabled policy gives guests and external users (${d.guestTypesText}) a sign-in frequency of ${formatHours(d.maxHours)} ` +
      `or less on all resources, so their sessions last up to the 90-day default. ${d.nearText}`,
  },
  requirement: ({ options }) => ({
    users: { kind: 'guests', guestTypes: options.guestTypes as GuestType[] },
    resources: { kind: 'all' },
    control: { kind: 'signInFrequency', maxHours: options.maxHours },
  }),
  details: (_verdict, { options }) => ({
    data: { maxHours: options.maxHours, guestTypesText: options.guestTypes.join(', ') },
    evidence: { expected: { guestTypes: options.guestTypes, signInFrequencyHoursAtMost: options.maxHours } },
  }),
});
