import { defineRule } from '../../src/engine/define-rule.js';
import { mentionsMfa, requiresMfa } from '../../src/evaluate/controls.js';
import { ROLES_OPTION_SCHEMA, evaluateRoleCoverage, resolveRoles, roleCoverageReport } from '../../src/evaluate/role-coverage.js';
import { ADMIN_MFA_ROLES } from '../../src/model/well-known-roles.js';

interface Options {
  /** Directory role template ids (or built-in role names) that must be covered. */
  roles: string[];
}

export default defineRule<Options>({
  id: 'baseline/mfa-admins',
  catalogue: 'CA-037',
  title: 'MFA is required for the administrator roles on all resources',
  severity: 'high',
  scope: 'tenant',
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
  frameworks: { cis: ['5.2.2.1'] },
  options: { schema: ROLES_OPTION_SCHEMA, defaults: { roles: [...ADMIN_MFA_ROLES] } },
  messages: {
    missing: (d) =>
      `No enabled policy requires MFA on all resources for ${d.rolesText}, so a stolen password is enough to act as ` +
      `an administrator.${d.coveredText} ${d.nearText}`,
  },
  check({ index, options, finding }) {
    const roles = resolveRoles(index, options.roles);
    if (roles.length === 0) return [];
    const coverage = evaluateRoleCoverage(index, roles, {
      resources: { kind: 'all' },
      control: { label: 'require MFA or an authentication strength on every path', test: requiresMfa, related: mentionsMfa },
    });
    if (coverage.satisfied || !coverage.missingVerdict) return [];
    const { data, evidence } = roleCoverageReport(index, roles, coverage, coverage.missingVerdict);
    return [finding(null, 'missing', { pointer: '', evidence, data })];
  },
});
