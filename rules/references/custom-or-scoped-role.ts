import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { exportedRole, exportHolds, policyReferences } from '../../src/evaluate/references.js';
import { isDisabled } from '../../src/model/policy.js';
import { isGuid } from '../../src/model/tenant-index.js';
import { WELL_KNOWN_ROLES } from '../../src/model/well-known-roles.js';

const builtIn: ReadonlySet<string> = new Set(Object.keys(WELL_KNOWN_ROLES).map((id) => id.toLowerCase()));

export default defineRule({
  id: 'references/custom-or-scoped-role',
  catalogue: 'CA-032',
  title: 'Policies target only built-in directory roles',
  risk: 'A policy names a custom role, which Conditional Access ignores, so its holders are not covered as intended',
  priority: 2,
  effort: 'medium',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'Conditional Access resolves a role assignment only for built-in Microsoft Entra roles assigned at tenant scope. ' +
    'Custom roles, and assignments scoped to an administrative unit, are ignored: a policy that includes a custom role ' +
    'silently misses its holders, and excluding one exempts nobody. Exports carry role definitions but not assignments, ' +
    'so calint reports custom roles; check administrative-unit scoped assignments of included roles by hand.',
  remediation:
    'Under Assignments > Users > Directory roles, remove the custom role and target its holders another way: a ' +
    'role-assignable group holding the same people, or the built-in roles they also hold. Assign included roles at ' +
    'tenant scope if the policy must cover them.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups',
    'https://learn.microsoft.com/entra/identity/role-based-access-control/custom-overview',
  ],
  messages: {
    customIncluded: (d) =>
      `"${d.policy}" includes the custom role ${d.roleText}; Conditional Access ignores custom roles, so the people who hold ` +
      'it are not covered by this assignment.',
    customExcluded: (d) =>
      `"${d.policy}" excludes the custom role ${d.roleText}; Conditional Access ignores custom roles, so the exclusion exempts ` +
      'nobody and its holders are still subject to the policy.',
  },
  check({ index, snapshot, finding, notice }) {
    const findings: FindingDraft[] = [];
    const unchecked = new Set<string>();
    for (const policy of index.policies.filter((p) => !isDisabled(p))) {
      for (const ref of policyReferences(policy, ['role'])) {
        const role = exportedRole(snapshot, ref.value);
        if (role) {
          if (role.isBuiltIn !== false) continue;
          const roleText = role.displayName ? `"${role.displayName}" (${ref.value})` : ref.value;
          findings.push(
            finding(policy, ref.side === 'exclude' ? 'customExcluded' : 'customIncluded', {
              pointer: ref.pointer,
              evidence: {
                actual: ref.value,
                roleName: role.displayName ?? null,
                isBuiltIn: false,
                expected: 'a built-in role template id',
              },
              data: { roleText },
            }),
          );
        } else if (!exportHolds(snapshot, 'role') && isGuid(ref.value) && !builtIn.has(ref.value.toLowerCase())) {
          unchecked.add(ref.value.toLowerCase());
        }
      }
    }
    if (unchecked.size > 0) {
      notice(
        'not-evaluated',
        `not evaluated: ${unchecked.size} role ${unchecked.size === 1 ? 'id' : 'ids'} in enabled or report-only policies are not built-in roles calint knows, and the ` +
          'export holds no role definitions to tell built-in from custom (add Graph /roleManagement/directory/roleDefinitions to the ' +
          'inputs, or directory.roles to a calint snapshot)',
      );
    }
    return findings;
  },
});
