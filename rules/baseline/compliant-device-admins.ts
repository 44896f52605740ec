import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { ROLES_OPTION_SCHEMA, resolveRoles, roleFindingData } from '../../src/evaluate/coverage/role-requirement.js';
import { ADMIN_MFA_ROLES } from '../../src/model/well-known-roles.js';

interface Options {
  /** Directory role template ids (or built-in role names) that must be covered. */
  roles: string[];
}

export default requirementRule<Options>({
  id: 'baseline/compliant-device-admins',
  catalogue: 'CA-051',
  title: 'Administrator roles require a compliant or hybrid joined device',
  risk: 'Administrators can work from unmanaged devices that the organisation cannot see or secure',
  priority: 2,
  effort: 'high',
  userImpact: 'medium',
  licences: ['intune'],
  severity: 'high',
  rationale:
    'An administrator signing in from an unmanaged device exposes privileged sessions to malware and token theft on a ' +
    'machine the organisation cannot see. Microsoft recommends requiring a compliant or Microsoft Entra hybrid joined ' +
    'device for the privileged roles on All resources. Every way through the grant must need such a device ("compliant ' +
    'OR MFA" lets any device in); several role-scoped policies may share the work, and an All-users device policy covers ' +
    'the roles too. Only built-in, tenant-wide role assignments count in Conditional Access.',
  remediation:
    'Create (or fix) an enabled policy: Users > Include > Directory roles = the roles listed in the finding, exclude only ' +
    'the break-glass accounts; Target resources = All resources; no other conditions; Grant = "Require device to be marked ' +
    'as compliant" and/or "Require Microsoft Entra hybrid joined device" (Require one of the selected controls).',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-conditional-access-policy-compliant-device-admin',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
  ],
  options: { schema: ROLES_OPTION_SCHEMA, defaults: { roles: [...ADMIN_MFA_ROLES] } },
  messages: {
    missing: (d) =>
      `No enabled policy requires a compliant or hybrid joined device on all resources for ${d.rolesText}, so ` +
      `administrators can work from unmanaged devices.${d.coveredText} ${d.nearText}`,
  },
  requirement: ({ index, options }) => {
    const roles = resolveRoles(index, options.roles);
    return roles.length === 0 ? null : { users: { kind: 'roles', roleIds: roles }, resources: { kind: 'all' }, control: { kind: 'managedDevice' } };
  },
  details: (verdict, { evaluator, index, options }) => roleFindingData(evaluator, verdict, resolveRoles(index, options.roles)),
});
