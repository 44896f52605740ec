import { defineRule } from '../../src/engine/define-rule.js';
import { flags } from '../../src/model/policy.js';
import { blocks } from '../../src/evaluate/controls.js';
import { requiresMfaOrBlocks } from '../../src/evaluate/exclusions.js';
import { includesAllUsers, isDisabled, isReportOnly, list, sameKeyword, usersCondition } from '../../src/model/policy.js';

export default defineRule({
  id: 'exclusions/baseline-excludes-guests',
  catalogue: 'CA-011',
  title: 'All-users MFA and block policies do not exclude guests or external users',
  risk: 'Guests or external users are exempt from an MFA or block policy meant for all users',
  priority: 2,
  effort: 'medium',
  userImpact: 'medium',
  severity: 'medium',
  rationale:
    'Guests and other external users sign in with credentials the tenant does not manage, so they need the baseline ' +
    'controls at least as much as employees. An All-users policy that requires MFA or blocks but excludes guest or ' +
    'external user types (or all of them through the legacy GuestsOrExternalUsers value), or the guests of chosen ' +
    'external tenants, leaves them out. A persona design that excludes guests here is fine only if a guest policy ' +
    'covers every guest type with the same control (see the guest MFA baseline). Enabled and report-only policies are checked.',
  remediation:
    'Remove the guest and external user types under Assignments > Users > Exclude > Guest or external users, or make ' +
    'sure a dedicated guest policy (All guest and external user types, all external tenants, All resources) requires ' +
    'MFA or an authentication strength for them.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-guests-mfa-strength',
  ],
  messages: {
    legacyKeyword: (d) =>
      `"${d.policy}" ${d.stateText}${d.controlText} for All users but excludes GuestsOrExternalUsers, i.e. every guest and ` +
      'external user: they are exempt from it.',
    guestTypes: (d) =>
      `"${d.policy}" ${d.stateText}${d.controlText} for All users but excludes guest or external users (${d.typesText}) ` +
      `${d.tenantsText}: they are exempt from it.`,
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && includesAllUsers(p) && requiresMfaOrBlocks(p))
      .flatMap((policy) => {
        const u = usersCondition(policy);
        const base = { stateText: isReportOnly(policy) ? '(report-only) ' : '', controlText: blocks(policy) ? 'blocks sign-ins' : 'requires MFA' };
        const out = [];
        for (const [i, value] of u.excludeUsers.entries()) {
          if (!sameKeyword(value, 'GuestsOrExternalUsers')) continue;
          out.push(
            finding(policy, 'legacyKeyword', {
              pointer: `/conditions/users/excludeUsers/${i}`,
              evidence: { actual: value, expected: 'no guest or external user exclusion' },
              data: base,
            }),
          );
        }
        const g = u.excludeGuestsOrExternalUsers as { guestOrExternalUserTypes?: unknown; externalTenants?: unknown } | null;
        const types = g ? flags(g.guestOrExternalUserTypes) : [];
        if (types.length > 0) {
          const tenants = (g!.externalTenants ?? null) as { membershipKind?: unknown; members?: unknown } | null;
          const members = list(tenants?.members);
          const enumerated = tenants?.membershipKind === 'enumerated' || members.length > 0;
          out.push(
            finding(policy, 'guestTypes', {
              pointer: '/conditions/users/excludeGuestsOrExternalUsers',
              evidence: { actual: { guestOrExternalUserTypes: types, externalTenants: tenants }, expected: 'no guest or external user exclusion' },
              data: {
                ...base,
                typesText: types.join(', '),
                tenantsText: enumerated ? `from ${members.length === 1 ? 'the external tenant' : 'the external tenants'} ${members.join(', ') || '(none listed)'}` : 'from any external tenant',
              },
            }),
          );
        }
        return out;
      });
  },
});
