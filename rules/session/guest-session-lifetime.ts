import { defineRule } from '../../src/engine/define-rule.js';
import { formatHours, frequencyHours } from '../../src/evaluate/session-controls.js';
import {
  GUEST_TYPES,
  describeNearMisses,
  evaluateBaseline,
  flags,
  nearMissEvidence,
  type BaselineRequirement,
} from '../../src/evaluate/baseline.js';
import { hasKeyword, usersCondition } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

interface Options {
  /** Longest accepted sign-in frequency for guests, in hours. */
  maxHours: number;
  /** Guest or external user types that must be covered. */
  guestTypes: string[];
}

const DEFAULT_GUEST_TYPES = ['internalGuest', 'b2bCollaborationGuest', 'b2bCollaborationMember', 'otherExternalUser'];

export default defineRule<Options>({
  id: 'session/guest-session-lifetime',
  catalogue: 'CA-059',
  title: 'Guests and external users have a sign-in frequency',
  severity: 'medium',
  scope: 'tenant',
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
  check({ index, options, finding }) {
    const req: BaselineRequirement = {
      users: { kind: 'guests' },
      resources: { kind: 'all' },
      control: {
        label: `set a sign-in frequency of ${formatHours(options.maxHours)} or less`,
        test: (p) => {
          const h = frequencyHours(p);
          return h !== null && h <= options.maxHours;
        },
        related: (p) => frequencyHours(p) !== null,
      },
    };
    const verdict = evaluateBaseline(index, req, (policy, reasons) => [
      ...reasons.filter((r) => !r.text.startsWith('it does not include guest types') && !r.text.startsWith('it excludes guest or external users')),
      ...guestReasons(policy, options.guestTypes),
    ]);
    if (verdict.satisfied) return [];
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: {
          nearMisses: nearMissEvidence(index, verdict),
          expected: { guestTypes: options.guestTypes, signInFrequencyHoursAtMost: options.maxHours },
        },
        data: { maxHours: options.maxHours, guestTypesText: options.guestTypes.join(', '), nearText: describeNearMisses(verdict) },
      }),
    ];
  },
});

type Reason = { text: string; pointer: string };

/**
 * Guest coverage judged against the configured guest types (reasonsAgainst requires all six and treats any excluded
 * type as a gap), plus the external tenants the policy is limited to.
 */
function guestReasons(policy: ConditionalAccessPolicy, required: readonly string[]): Reason[] {
  const u = usersCondition(policy);
  const out: Reason[] = [];
  const excluded = flags((u.excludeGuestsOrExternalUsers as { guestOrExternalUserTypes?: unknown } | null)?.guestOrExternalUserTypes);
  const excludedRequired = hasKeyword(u.excludeUsers, 'GuestsOrExternalUsers') ? [...required] : required.filter((t) => excluded.includes(t));
  if (excludedRequired.length > 0) {
    out.push({ text: `it excludes guest or external users (${excludedRequired.join(', ')})`, pointer: '/conditions/users' });
  }
  if (hasKeyword(u.includeUsers, 'All') || hasKeyword(u.includeUsers, 'GuestsOrExternalUsers')) return out;
  const g = u.includeGuestsOrExternalUsers as { guestOrExternalUserTypes?: unknown; externalTenants?: { membershipKind?: unknown; members?: unknown } | null } | null;
  const included = g ? flags(g.guestOrExternalUserTypes) : [];
  const missing = required.filter((t) => !included.includes(t));
  if (missing.length > 0) out.push({ text: `it does not include guest types ${missing.join(', ')}`, pointer: '/conditions/users' });
  const tenants = g?.externalTenants;
  if (included.length > 0 && tenants && tenants.membershipKind === 'enumerated') {
    const n = Array.isArray(tenants.members) ? tenants.members.length : 0;
    out.push({ text: `it applies only to guests from ${n} listed external tenant(s)`, pointer: '/conditions/users/includeGuestsOrExternalUsers/externalTenants' });
  }
  return out;
}



