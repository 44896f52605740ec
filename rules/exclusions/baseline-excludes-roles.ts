import { defineRule } from '../../src/engine/define-rule.js';
import { blocks } from '../../src/evaluate/controls.js';
import { requiresMfaOrBlocks } from '../../src/evaluate/exclusions.js';
import { applicationsCondition, includesAllUsers, isDisabled, isReportOnly, sameKeyword, usersCondition } from '../../src/model/policy.js';
import { APP_GROUP_ADMIN_PORTALS, AZURE_SERVICE_MANAGEMENT } from '../../src/model/well-known-apps.js';
import { DIRECTORY_SYNCHRONIZATION_ACCOUNTS } from '../../src/model/well-known-roles.js';

/** Admin tooling: a block on these for All users minus admin roles is the "block non-admins" pattern, not a gap. */
const ADMIN_TOOLING = [APP_GROUP_ADMIN_PORTALS, AZURE_SERVICE_MANAGEMENT];

export default defineRule({
  id: 'exclusions/baseline-excludes-roles',
  catalogue: 'CA-010',
  title: 'All-users MFA and block policies do not exclude directory roles',
  risk: 'Administrators are exempt from an MFA or block policy meant for all users',
  priority: 1,
  effort: 'low',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'Excluding a directory role from an All-users policy that requires MFA or blocks exempts exactly the accounts an ' +
    'attacker wants most: administrators skip the baseline control. Excluding the Directory Synchronization Accounts ' +
    'role is accepted, because Microsoft recommends it (the sync account cannot do MFA). A block on Microsoft Admin ' +
    'Portals or Azure management for everyone except admin roles is the intended "block non-admins" pattern and is not ' +
    'reported. Enabled and report-only policies are checked; disabled ones are not.',
  remediation:
    'Remove the roles under Assignments > Users > Exclude > Directory roles. If administrators need a different ' +
    'control, give them a stricter policy of their own (phishing-resistant MFA, compliant device) rather than an exemption.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-all-users-mfa-strength',
  ],
  messages: {
    excludesRoles: (d) =>
      `"${d.policy}" ${d.stateText}${d.controlText} for All users but excludes directory roles (${d.rolesText}); anyone ` +
      'holding them is exempt from it.',
  },
  check({ index, finding }) {
    return index.policies
      .filter((p) => !isDisabled(p) && includesAllUsers(p) && requiresMfaOrBlocks(p))
      .flatMap((policy) => {
        const excluded = usersCondition(policy).excludeRoles.filter((r) => !sameKeyword(r, DIRECTORY_SYNCHRONIZATION_ACCOUNTS));
        if (excluded.length === 0) return [];
        const apps = applicationsCondition(policy).includeApplications;
        if (blocks(policy) && apps.length > 0 && apps.every((a) => ADMIN_TOOLING.some((t) => sameKeyword(t, a)))) return [];
        return [
          finding(policy, 'excludesRoles', {
            pointer: '/conditions/users/excludeRoles',
            evidence: {
              actual: excluded.map((id) => ({ id, name: index.nameOf('role', id) })),
              expected: `no excluded roles (${index.nameOf('role', DIRECTORY_SYNCHRONIZATION_ACCOUNTS)} accepted)`,
            },
            data: {
              stateText: isReportOnly(policy) ? '(report-only) ' : '',
              controlText: blocks(policy) ? 'blocks sign-ins' : 'requires MFA',
              rolesText: excluded.map((id) => index.nameOf('role', id)).join(', '),
            },
          }),
        ];
      });
  },
});
