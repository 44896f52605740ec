import { defineRule } from '../../src/engine/define-rule.js';
import { describeNearMisses, evaluateBaseline, nearMissEvidence } from '../../src/evaluate/baseline.js';
import { mentionsMfa, requiresMfa } from '../../src/evaluate/controls.js';
import { APP_GROUP_ADMIN_PORTALS } from '../../src/model/well-known-apps.js';
import { ADMIN_MFA_ROLES } from '../../src/model/well-known-roles.js';
import { evaluateRoleCoverage, resolveRoles, roleCoverageReport, ROLES_OPTION_SCHEMA } from '../../src/evaluate/role-coverage.js';

interface Options {
  roles: string[];
}

export default defineRule<Options>({
  id: 'baseline/admin-portals',
  catalogue: 'CA-041',
  title: 'MFA is required for Microsoft Admin Portals',
  severity: 'medium',
  scope: 'tenant',
  rationale:
    'The Microsoft Admin Portals app covers the Azure portal and the Entra, Microsoft 365, Exchange, Intune, Defender, ' +
    'Purview and Teams admin centres. Anyone who opens one with a stolen password can at least read tenant ' +
    'configuration, and a role holder can change it. Microsoft recommends requiring MFA there for all users, or at ' +
    'least for the administrator roles; an All-resources MFA policy already does it.',
  remediation:
    'Create (or fix) an enabled policy: Users = All users (or at least the administrator roles), exclude only the ' +
    'break-glass accounts; Target resources = Microsoft Admin Portals (or All resources); no other conditions; Grant = ' +
    'Require authentication strength (or Require multifactor authentication).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/how-to-policy-mfa-admin-portals',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
  ],
  options: { schema: ROLES_OPTION_SCHEMA, defaults: { roles: [...ADMIN_MFA_ROLES] } },
  messages: {
    missing: (d) =>
      `No enabled policy requires MFA on Microsoft Admin Portals for all users, nor for ${d.rolesText}, so the admin ` +
      `centres open with a password alone.${d.coveredText} ${d.nearText}`,
  },
  check({ index, options, finding }) {
    const requirement = {
      resources: { kind: 'apps' as const, appIds: [APP_GROUP_ADMIN_PORTALS] },
      control: { label: 'require MFA or an authentication strength on every path', test: requiresMfa, related: mentionsMfa },
    };
    const allUsers = evaluateBaseline(index, { ...requirement, users: { kind: 'all' } });
    if (allUsers.satisfied) return [];
    const roles = resolveRoles(index, options.roles);
    const coverage = evaluateRoleCoverage(index, roles, requirement);
    if (roles.length > 0 && coverage.satisfied) return [];
    const { data, evidence } = roleCoverageReport(index, roles, coverage, allUsers);
    return [
      finding(null, 'missing', {
        pointer: '',
        evidence: { ...evidence, nearMisses: nearMissEvidence(index, allUsers) },
        data: { ...data, nearText: describeNearMisses(allUsers) },
      }),
    ];
  },
});
