import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { ROLES_OPTION_SCHEMA, resolveRoles, roleFindingData } from '../../src/evaluate/coverage/role-requirement.js';
import { APP_GROUP_ADMIN_PORTALS } from '../../src/model/well-known-apps.js';
import { ADMIN_MFA_ROLES } from '../../src/model/well-known-roles.js';

interface Options {
  /** Directory role template ids (or built-in role names) that must be covered. */
  roles: string[];
}

export default requirementRule<Options>({
  id: 'baseline/admin-portals',
  catalogue: 'CA-041',
  title: 'MFA is required for Microsoft Admin Portals',
  risk: 'The Microsoft admin centres can be opened with a password alone',
  priority: 1,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
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
  // All users, or at least the administrator roles, on the admin portals: either is what Microsoft recommends.
  requirement: ({ index, options }) => {
    const resources = { kind: 'apps', appIds: [APP_GROUP_ADMIN_PORTALS] } as const;
    const roles = resolveRoles(index, options.roles);
    return [
      { users: { kind: 'all' }, resources, control: { kind: 'mfa' } },
      ...(roles.length > 0 ? [{ users: { kind: 'roles', roleIds: roles }, resources, control: { kind: 'mfa' } } as const] : []),
    ];
  },
  details: (_verdict, { evaluator, index, options }) => {
    const roles = resolveRoles(index, options.roles);
    if (roles.length === 0) return { data: { rolesText: 'the administrator roles (the roles option is empty)', coveredText: '' } };
    const forRoles = evaluator.evaluate({ users: { kind: 'roles', roleIds: roles }, resources: { kind: 'apps', appIds: [APP_GROUP_ADMIN_PORTALS] }, control: { kind: 'mfa' } });
    return roleFindingData(evaluator, forRoles, roles);
  },
});
