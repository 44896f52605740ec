import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { exportHolds, policyReferences } from '../../src/evaluate/references.js';
import { filePointer } from '../../src/model/build-snapshot.js';
import { isDisabled, policyLabel, policyState } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy, DirectoryGroup } from '../../src/model/snapshot-types.js';
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
  risk: 'Group owners and group administrators can change whom a policy applies to by editing an ordinary group',
  priority: 2,
  effort: 'medium',
  userImpact: 'none',
  severity: 'high',
  scope: 'tenant',
  rationale:
    "Whoever can change a group's members changes who a policy applies to. For an ordinary group that includes its owners, " +
    'Groups Administrators, User Administrators and anyone with delegated group rights: adding a user to an exclusion ' +
    'group exempts them from MFA or a block, removing one from an included group takes them out of scope. Role-assignable ' +
    'groups, and groups in a restricted management administrative unit, can be changed only by highly privileged roles. ' +
    'Disabled policies are not checked. The finding is about the group, so there is one per group, tenant-wide, listing ' +
    'every enabled or report-only policy it is included in or excluded from.',
  remediation:
    'Use a role-assignable group (isAssignableToRole, set at creation: create a new group and move the members) or add ' +
    'the group to a restricted management administrative unit; review its owners. Do this first for exclusion groups.',
  references: [
    'https://learn.microsoft.com/entra/identity/role-based-access-control/admin-units-restricted-management',
    'https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept',
  ],
  messages: {
    excludedGroup: (d) =>
      `${d.groupText} is neither role-assignable nor in a restricted management administrative unit, and ${d.scopeText}; ` +
      `its owners and group administrators can exempt anyone from ${d.excludedCount === 1 ? 'that policy' : 'those policies'} ` +
      `by adding them to it${d.includedCount > 0 ? `, and take people out of the ${d.includedCount === 1 ? 'policy that includes' : 'policies that include'} it by removing them` : ''}.`,
    includedGroup: (d) =>
      `${d.groupText} is neither role-assignable nor in a restricted management administrative unit, and ${d.scopeText}; ` +
      `its owners and group administrators can take people out of ${d.includedCount === 1 ? 'that policy' : 'those policies'} by removing them.`,
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
    // One finding per group: the fix (a role-assignable group, a restricted management unit) is made once, on the group,
    // and it protects every policy the group scopes. The policies are listed in the evidence.
    const byGroup = new Map<string, { group: DirectoryGroup; scopes: Scope[] }>();
    const unknown = new Set<string>();
    for (const { policy, ref } of refs) {
      const group = index.group(ref.value);
      if (!group) continue; // not exported: references/unknown-directory-object reports it
      const state = protection(group);
      if (state === 'protected') continue;
      const key = group.id.toLowerCase();
      if (state === 'unknown') {
        unknown.add(key);
        continue;
      }
      const entry = byGroup.get(key) ?? { group, scopes: [] };
      entry.scopes.push({ policy, pointer: ref.pointer, role: ref.side === 'exclude' ? 'exclude' : 'include' });
      byGroup.set(key, entry);
    }
    const findings: FindingDraft[] = [];
    for (const { group, scopes } of byGroup.values()) {
      const excluded = distinctPolicies(scopes, 'exclude');
      const included = distinctPolicies(scopes, 'include');
      const parts = [
        ...(excluded.length > 0 ? [`it is excluded from ${countText(excluded.length)} (${namesText(excluded)})`] : []),
        ...(included.length > 0 ? [`${excluded.length > 0 ? 'included in' : 'it is included in'} ${countText(included.length)} (${namesText(included)})`] : []),
      ];
      findings.push(
        finding(null, excluded.length > 0 ? 'excludedGroup' : 'includedGroup', {
          pointer: '',
          evidence: {
            actual: group.id,
            groupName: group.displayName ?? null,
            isAssignableToRole: group.isAssignableToRole ?? null,
            isManagementRestricted: group.isManagementRestricted ?? null,
            expected: { isAssignableToRole: true, or: { isManagementRestricted: true } },
            policies: scopes.map(({ policy, pointer, role }) => {
              const source = index.sourceOf(policy);
              return {
                policyId: typeof policy.id === 'string' ? policy.id : null,
                policyName: policyLabel(policy),
                state: policyState(policy),
                role,
                file: source?.file ?? null,
                pointer: source ? filePointer(source, pointer) : pointer,
              };
            }),
          },
          data: {
            groupText: group.displayName ? `Group "${group.displayName}" (${group.id})` : `Group ${group.id}`,
            scopeText: parts.join(' and '),
            excludedCount: excluded.length,
            includedCount: included.length,
            policyCount: new Set(scopes.map((s) => s.policy)).size,
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

interface Scope {
  policy: ConditionalAccessPolicy;
  /** Relative to the policy, e.g. `/conditions/users/excludeGroups/0`. */
  pointer: string;
  role: 'include' | 'exclude';
}

/** The policies a group scopes in one role, each once, in the order of the export. */
function distinctPolicies(scopes: Scope[], role: Scope['role']): ConditionalAccessPolicy[] {
  return [...new Set(scopes.filter((s) => s.role === role).map((s) => s.policy))];
}

function countText(n: number): string {
  return n === 1 ? '1 policy' : `${n} policies`;
}

/** Up to five names; the evidence lists every policy. */
function namesText(policies: ConditionalAccessPolicy[]): string {
  const shown = policies.slice(0, MAX_NAMES).map((p) => `"${policyLabel(p)}"`);
  return policies.length > MAX_NAMES ? `${shown.join(', ')} and ${policies.length - MAX_NAMES} more` : shown.join(', ');
}

const MAX_NAMES = 5;
