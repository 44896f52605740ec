import { defineRule } from '../../src/engine/define-rule.js';
import {
  GUEST_TYPES,
  describeNearMisses,
  flags,
  nearMissEvidence,
  reasonsAgainst,
  type BaselineRequirement,
  type BaselineVerdict,
} from '../../src/evaluate/baseline.js';
import { hasKeyword, policyLabel, usersCondition } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';

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
      `No enabled policy gives guests and external users (${d.guestTypesText}) a sign-in frequency of ${hours(d.maxHours)} ` +
      `or less on all resources, so their sessions last up to the 90-day default. ${d.nearText}`,
  },
  check({ index, options, finding }) {
    const req: BaselineRequirement = {
      users: { kind: 'guests' },
      resources: { kind: 'all' },
      control: {
        label: `set a sign-in frequency of ${hours(options.maxHours)} or less`,
        test: (p) => {
          const h = frequencyHours(p);
          return h !== null && h <= options.maxHours;
        },
        related: (p) => frequencyHours(p) !== null,
      },
    };
    const verdict = evaluate(index, req, (policy, reasons) => [
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

/** evaluateBaseline with the reasons of each policy adjusted by the rule (guest types are the rule's option). */
function evaluate(index: TenantIndex, req: BaselineRequirement, adjust: (p: ConditionalAccessPolicy, r: Reason[]) => Reason[]): BaselineVerdict {
  const verdicts = index.policies.map((policy) => ({ policy, reasons: adjust(policy, reasonsAgainst(index, policy, req)) }));
  const relevant = (p: ConditionalAccessPolicy) => req.control.test(p) || (req.control.related?.(p) ?? false);
  const label = (p: ConditionalAccessPolicy) => policyLabel(p);
  return {
    satisfied: verdicts.some((v) => v.reasons.length === 0),
    satisfiedBy: verdicts.filter((v) => v.reasons.length === 0).map((v) => v.policy),
    nearMisses: verdicts
      .filter((v) => v.reasons.length > 0 && relevant(v.policy))
      .sort((a, b) => a.reasons.length - b.reasons.length || (label(a.policy) < label(b.policy) ? -1 : label(a.policy) > label(b.policy) ? 1 : 0))
      .slice(0, 3),
  };
}

/** The sign-in frequency in hours (0 for "every time"), or null when the control is off or incomplete. */
function frequencyHours(policy: ConditionalAccessPolicy): number | null {
  const s = policy.sessionControls?.signInFrequency;
  if (!s || s.isEnabled !== true) return null;
  if (s.frequencyInterval === 'everyTime') return 0;
  if (typeof s.value !== 'number' || !(s.value > 0)) return null;
  if (s.type === 'hours') return s.value;
  if (s.type === 'days') return s.value * 24;
  return null;
}

function hours(n: unknown): string {
  return n === 1 ? '1 hour' : `${n} hours`;
}
