import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { exportHolds, policyReferences } from '../../src/evaluate/references.js';
import { isDisabled } from '../../src/model/policy.js';
import type { DirectoryGroup } from '../../src/model/snapshot-types.js';
import { isGuid } from '../../src/model/tenant-index.js';

type Protection = 'protected' | 'unprotected' | 'unknown';

function protection(group: DirectoryGroup): Protection {
  if (group.isAssignableToRole === true || group.isManagementRestricted === true) return 'protected';
  if (!('isAssignableToRole' in group) && !('isManagementRestricted' in group)) return 'unknown';
  return 'unprotected';
}

export default defineRule({
  id: 'references/unprotected-policy-groups',
  catalogue: 'CA-031',
  title: 'Groups that scope policies are role-assignable or in a restricted management unit',
  severity: 'high',
  scope: 'tenant',
  rationale:
    "Whoever can change a group's members changes who a policy applies to. For an ordinary group that includes its owners, " +
    'Groups Administrators, User Administrators and anyone with delegated group rights: adding a user to an exclusion ' +
    'group exempts them from MFA or a block, removing one from an included group takes them out of scope. Role-assignable ' +
    'groups, and groups in a restricted management administrative unit, can be changed only by highly privileged roles. ' +
    'Disabled policies are not checked.',
  remediation:
    'Use a role-assignable group (isAssignableToRole, set at creation: create a new group and move the members) or add ' +
    'the group to a restricted management administrative unit; review its owners. Do this first for exclusion groups.',
  references: [
    'https://learn.microsoft.com/entra/identity/role-based-access-control/admin-units-restricted-management',
    'https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept',
  ],
  messages: {
    excludedGroup: (d) =>
      `"${d.policy}" excludes ${d.groupText}, which is neither role-assignable nor in a restricted management administrative unit; ` +
      `its owners and group administrators can exempt anyone from this policy by adding them to it${d.usageText}.`,
    includedGroup: (d) =>
      `"${d.policy}" includes ${d.groupText}, which is neither role-assignable nor in a restricted management administrative unit; ` +
      `its owners and group administrators can take people out of this policy by removing them${d.usageText}.`,
  },
  check({ index, snapshot, finding, notice }) {
    const policies = index.policies.filter((p) => !isDisabled(p));
    const refs = policies.flatMap((policy) => policyReferences(policy, ['group']).map((ref) => ({ policy, ref })));
    if (refs.length === 0) return [];
    if (!exportHolds(snapshot, 'group')) {
      if (refs.some(({ ref }) => isGuid(ref.value))) {
        notice(
          'not-evaluated',
          'not evaluated: policies use groups, but the export holds no groups to tell whether they are role-assignable or ' +
            'management-restricted (add Graph /groups?$select=id,displayName,isAssignableToRole,isManagementRestricted to the inputs, ' +
            'or directory.groups to a calint snapshot)',
        );
      }
      return [];
    }
    const usage = new Map<string, Set<unknown>>();
    for (const { policy, ref } of refs) {
      const key = ref.value.toLowerCase();
      usage.set(key, (usage.get(key) ?? new Set()).add(policy));
    }
    const findings: FindingDraft[] = [];
    const unknown = new Set<string>();
    for (const { policy, ref } of refs) {
      const group = index.group(ref.value);
      if (!group) continue; // not exported: references/unknown-directory-object reports it
      const state = protection(group);
      if (state === 'protected') continue;
      if (state === 'unknown') {
        unknown.add(group.id.toLowerCase());
        continue;
      }
      const others = (usage.get(ref.value.toLowerCase())?.size ?? 1) - 1;
      findings.push(
        finding(policy, ref.side === 'exclude' ? 'excludedGroup' : 'includedGroup', {
          pointer: ref.pointer,
          evidence: {
            actual: ref.value,
            groupName: group.displayName ?? null,
            isAssignableToRole: group.isAssignableToRole ?? null,
            isManagementRestricted: group.isManagementRestricted ?? null,
            expected: { isAssignableToRole: true, or: { isManagementRestricted: true } },
          },
          data: {
            groupText: group.displayName ? `group "${group.displayName}" (${group.id})` : `group ${group.id}`,
            usageText:
              others > 0 ? ` (the group also scopes ${others} other enabled or report-only polic${others === 1 ? 'y' : 'ies'})` : '',
          },
        }),
      );
    }
    if (unknown.size > 0) {
      notice(
        'not-evaluated',
        `not evaluated: ${unknown.size} exported group(s) used by policies carry neither isAssignableToRole nor isManagementRestricted ` +
          '(export groups with $select=id,displayName,isAssignableToRole,isManagementRestricted)',
      );
    }
    return findings;
  },
});
