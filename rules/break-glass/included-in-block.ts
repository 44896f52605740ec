import { defineRule } from '../../src/engine/define-rule.js';
import { blocks } from '../../src/evaluate/controls.js';
import {
  breakGlassGroupIds,
  breakGlassUsers,
  describePrincipals,
  exclusionTest,
  principalName,
  type Principal,
} from '../../src/evaluate/exclusions.js';
import { isDisabled, isReportOnly, sameKeyword, usersCondition } from '../../src/model/policy.js';
import { GLOBAL_ADMINISTRATOR } from '../../src/model/well-known-roles.js';

interface Options {
  /** Role template ids the break-glass accounts hold, so a block on the role reaches them. */
  breakGlassRoles: string[];
}

export default defineRule<Options>({
  id: 'break-glass/included-in-block',
  catalogue: 'CA-007',
  title: 'No block policy targets the break-glass accounts',
  risk: 'A block policy applies to the emergency access accounts, so the way back in can be shut when it is needed',
  priority: 1,
  effort: 'low',
  userImpact: 'none',
  severity: 'critical',
  rationale:
    'An emergency access account that a block policy targets is not an emergency way in: the block applies to it ' +
    'whenever the conditions match, for example from an unexpected country or platform during an outage. This happens ' +
    'when the accounts are named in a block policy, sit in an included group, or hold a role the policy blocks (break-glass ' +
    'accounts are permanent Global Administrators, so a block on that role reaches them) without being excluded. ' +
    'Exclusion wins over inclusion in Conditional Access, so an included account that is also excluded is not reported.',
  remediation:
    'Remove the break-glass users or group from Assignments > Users > Include of the block policy, and add them under ' +
    'Exclude. If the block is meant for administrators, keep the role included and exclude the break-glass accounts.',
  references: ['https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access'],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        breakGlassRoles: {
          type: 'array',
          items: { type: 'string' },
          description: 'Directory role template ids the break-glass accounts hold (default: Global Administrator).',
        },
      },
    },
    defaults: { breakGlassRoles: [GLOBAL_ADMINISTRATOR] },
  },
  messages: {
    includedUser: (d) =>
      `"${d.policy}" ${d.stateText}blocks the break-glass ${d.principalText}, which it includes by name; ` +
      'the emergency way in is closed whenever the policy applies.',
    includedGroup: (d) =>
      `"${d.policy}" ${d.stateText}blocks the break-glass ${d.principalText}, which it includes; ` +
      'the emergency way in is closed whenever the policy applies.',
    includedViaGroup: (d) =>
      `"${d.policy}" ${d.stateText}blocks group "${d.groupName}", which holds the break-glass ${d.principalText}; ` +
      'the emergency way in is closed whenever the policy applies.',
    roleTargeted: (d) =>
      `"${d.policy}" ${d.stateText}blocks the role ${d.roleName}, which the break-glass accounts hold, and does not exclude ` +
      `${d.principalText}; the emergency way in is closed whenever the policy applies.`,
  },
  check({ index, settings, options, finding }) {
    const principals = settings.breakGlass.accounts;
    if (principals.length === 0) return [];
    const configuredGroups = breakGlassGroupIds(principals);
    const { users: bgUsers, unknownGroups } = breakGlassUsers(index, settings.breakGlass.accounts);
    // Who a role-based block reaches: every break-glass user the export shows, and configured groups whose members it does not.
    const roleHolders: Principal[] = [
      ...bgUsers.map((id) => ({ kind: 'user' as const, id })),
      ...unknownGroups.map((id) => ({ kind: 'group' as const, id })),
    ];
    const notExcluded = (policy: (typeof index.policies)[number], ps: Principal[]) => {
      const excluded = exclusionTest(index, policy, configuredGroups);
      return ps.filter((p) => !excluded(p));
    };

    return index.policies
      .filter((p) => !isDisabled(p) && blocks(p))
      .flatMap((policy) => {
        const u = usersCondition(policy);
        const stateText = isReportOnly(policy) ? '(report-only now) ' : '';
        const out = [];
        for (const [i, value] of u.includeUsers.entries()) {
          const p = principals.find((x) => x.kind !== 'group' && sameKeyword(x.id, value));
          if (!p || notExcluded(policy, [p]).length === 0) continue;
          out.push(
            finding(policy, 'includedUser', {
              pointer: `/conditions/users/includeUsers/${i}`,
              evidence: { actual: value, expected: 'break-glass accounts excluded, never included', name: index.nameOf('user', value) },
              data: { stateText, principalText: describePrincipals(index, [p]) },
            }),
          );
        }
        for (const [i, value] of u.includeGroups.entries()) {
          const pointer = `/conditions/users/includeGroups/${i}`;
          const configured = principals.find((x) => x.kind !== 'user' && sameKeyword(x.id, value));
          if (configured) {
            if (notExcluded(policy, [configured]).length === 0) continue;
            out.push(
              finding(policy, 'includedGroup', {
                pointer,
                evidence: { actual: value, expected: 'break-glass accounts excluded, never included', name: index.nameOf('group', value) },
                data: { stateText, principalText: describePrincipals(index, [configured]) },
              }),
            );
            continue;
          }
          const members = notExcluded(
            policy,
            bgUsers.filter((id) => index.isMemberOf(id, value)).map((id) => ({ kind: 'user' as const, id })),
          );
          if (members.length === 0) continue;
          out.push(
            finding(policy, 'includedViaGroup', {
              pointer,
              evidence: {
                actual: value,
                expected: 'break-glass accounts excluded, never included',
                breakGlassMembers: members.map((m) => ({ ...m, name: index.nameOf('user', m.id) })),
              },
              data: { stateText, groupName: index.nameOf('group', value), principalText: describePrincipals(index, members) },
            }),
          );
        }
        for (const [i, value] of u.includeRoles.entries()) {
          if (!options.breakGlassRoles.some((r) => sameKeyword(r, value))) continue;
          const missing = notExcluded(policy, roleHolders);
          if (missing.length === 0) continue;
          out.push(
            finding(policy, 'roleTargeted', {
              pointer: `/conditions/users/includeRoles/${i}`,
              evidence: {
                actual: value,
                expected: principals.map((p) => ({ kind: p.kind, id: p.id, name: principalName(index, p) })),
                notExcluded: missing.map((p) => ({ kind: p.kind, id: p.id, name: principalName(index, p) })),
              },
              data: { stateText, roleName: index.nameOf('role', value), principalText: describePrincipals(index, missing) },
            }),
          );
        }
        return out;
      });
  },
});
