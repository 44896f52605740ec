import { defineRule } from '../../src/engine/define-rule.js';
import { breakGlassGroupIds, breakGlassUsers, transitiveUserMembers } from '../../src/evaluate/exclusions.js';
import { isDisabled, policyLabel, usersCondition } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

interface Use {
  groupId: string;
  policy: ConditionalAccessPolicy;
  pointer: string;
  policies: ConditionalAccessPolicy[];
  breakGlassMembers: string[];
}

export default defineRule({
  id: 'break-glass/unprotected-group',
  catalogue: 'CA-004',
  title: 'Break-glass accounts are excluded through a protected group',
  risk: 'Anyone who can manage an ordinary group can add accounts to the emergency exclusion group and so escape Conditional Access',
  priority: 2,
  effort: 'medium',
  userImpact: 'none',
  severity: 'high',
  scope: 'tenant',
  rationale:
    'When the emergency accounts are excluded through a group, whoever can change that group decides who escapes ' +
    'Conditional Access: group owners, Groups and User Administrators, and apps with group-write permissions can add ' +
    'any account to it. Only a role-assignable group (isAssignableToRole) or a group in a restricted-management ' +
    'administrative unit (isManagementRestricted) limits that to Privileged Role Administrators or the unit\'s own ' +
    'administrators. A group is reported once, at the first policy that excludes it; it needs the group objects in the ' +
    'export, and runs on the configured break-glass accounts or, with none configured, on the ones calint infers.',
  remediation:
    'Exclude the break-glass accounts through a role-assignable security group (it can only be made role-assignable at ' +
    'creation: create a new one, move the accounts, and replace the old group in every policy), or move the group into ' +
    'a restricted-management administrative unit. Alternatively, exclude the two accounts directly as users.',
  references: [
    'https://learn.microsoft.com/entra/identity/role-based-access-control/admin-units-restricted-management',
    'https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access',
  ],
  messages: {
    unprotected: (d) =>
      `The break-glass accounts${d.inferredText} are excluded through group "${d.groupName}" (in ${d.policiesText}), which is neither ` +
      `role-assignable nor in a restricted-management administrative unit${d.rmauNote}; anyone who can manage groups can add ` +
      'an account to it and so exclude that account from these policies.',
  },
  check({ index, snapshot, settings, finding, notice }) {
    const bg = settings.breakGlass;
    if (bg.accounts.length === 0) return [];
    const bgUsers = breakGlassUsers(index, bg.accounts).users;
    const configuredGroups = new Set(breakGlassGroupIds(bg.accounts).map((g) => g.toLowerCase()));
    // The break-glass users among a group's exported (transitive) members; none when its membership is not exported.
    const breakGlassMembers = (groupId: string) => {
      const members = transitiveUserMembers(index, groupId);
      if (!members) return [];
      const inGroup = new Set(members);
      return bgUsers.filter((u) => inGroup.has(u.toLowerCase()));
    };
    const uses = new Map<string, Use>();
    for (const policy of index.policies) {
      if (isDisabled(policy)) continue;
      for (const [i, groupId] of usersCondition(policy).excludeGroups.entries()) {
        const configured = configuredGroups.has(groupId.toLowerCase());
        const members = breakGlassMembers(groupId);
        if (!configured && members.length === 0) continue;
        const key = groupId.toLowerCase();
        const use = uses.get(key);
        if (use) {
          if (!use.policies.includes(policy)) use.policies.push(policy);
        } else {
          uses.set(key, { groupId, policy, pointer: `/conditions/users/excludeGroups/${i}`, policies: [policy], breakGlassMembers: members });
        }
      }
    }
    if (uses.size === 0) return [];
    if ((snapshot.directory?.groups ?? []).length === 0) {
      notice(
        'not-evaluated',
        'not evaluated: needs the groups that exclude the break-glass accounts (isAssignableToRole, isManagementRestricted); ' +
          'export GET /groups (beta for isManagementRestricted) into the snapshot\'s directory.groups.',
      );
      return [];
    }
    return [...uses.values()].flatMap((use) => {
      const group = index.group(use.groupId);
      if (!group) {
        notice(
          'not-evaluated',
          `not evaluated for group ${use.groupId}: it excludes the break-glass accounts but is not in the exported groups ` +
            '(export it, or check it is role-assignable or in a restricted-management administrative unit).',
        );
        return [];
      }
      if (group.isAssignableToRole === true || group.isManagementRestricted === true) return [];
      const n = use.policies.length;
      return [
        finding(use.policy, 'unprotected', {
          pointer: use.pointer,
          evidence: {
            actual: { isAssignableToRole: group.isAssignableToRole ?? null, isManagementRestricted: group.isManagementRestricted ?? null },
            expected: 'isAssignableToRole: true, or isManagementRestricted: true',
            groupId: group.id,
            groupName: group.displayName ?? group.id,
            breakGlassMembers: use.breakGlassMembers,
            excludedFrom: use.policies.map(policyLabel),
          },
          data: {
            inferredText: bg.source === 'inferred' ? ' (inferred: none are configured)' : '',
            groupName: group.displayName ?? group.id,
            policiesText: n === 1 ? `"${policyLabel(use.policy)}"` : `${n} policies, first "${policyLabel(use.policy)}"`,
            rmauNote:
              group.isManagementRestricted === undefined
                ? ' (the export does not say whether it is in a restricted-management unit; beta Graph returns isManagementRestricted)'
                : '',
          },
        }),
      ];
    });
  },
});
