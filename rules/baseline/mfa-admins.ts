import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { ROLES_OPTION_SCHEMA, resolveRoles, roleFindingData } from '../../src/evaluate/coverage/role-requirement.js';
import { ADMIN_MFA_ROLES } from '../../src/model/well-known-roles.js';

interface Options {
  /** Directory role template ids (or built-in role names) that must be covered. */
  roles: string[];
}

export default requirementRule<Options>({
  id: 'baseline/mfa-admins',
  catalogue: 'CA-037',
  title: 'MFA is required for the administrator roles on all resources',
  risk: 'Some administrator roles can be used with a stolen password alone',
  priority: 1,
  effort: 'low',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'Accounts holding administrator roles are the first target of an attacker, and one stolen password is enough without ' +
    'MFA. Microsoft recommends a policy that requires MFA for at least fourteen privileged built-in roles on All resources. ' +
    'An All-users MFA policy covers them too; several role-scoped policies may share the work, but every role must be ' +
    'covered by an enabled policy that nothing narrows. Conditional Access ignores custom and administrative-unit-scoped ' +
    'role assignments, so only built-in roles count.',
  remediation:
    'Create (or fix) an enabled policy: Users > Include > Directory roles = the roles listed in the finding (or All users), ' +
    'exclude only the break-glass accounts; Target resources = All resources with no exclusions; no other conditions; ' +
    'Grant = Require authentication strength (or Require multifactor authentication).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-old-require-mfa-admin',
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-admin-phish-resistant-mfa',
  ],
  options: { schema: ROLES_OPTION_SCHEMA, defaults: { roles: [...ADMIN_MFA_ROLES] } },
  messages: {
    missing: (d) =>
      `No enabled policy requires MFA on all resources for ${d.rolesText}, so a stolen password is enough to act as ` +
      `an administrator.${d.coveredText} ${d.nearText}`,
  },
  requirement: ({ index, options }) => {
    const roles = resolveRoles(index, options.roles);
    return roles.length === 0 ? null : { users: { kind: 'roles', roleIds: roles }, resources: { kind: 'all' }, control: { kind: 'mfa' } };
  },
  details: (verdict, { evaluator, index, options }) => roleFindingData(evaluator, verdict, resolveRoles(index, options.roles)),
});
