import { requirementRule } from '../../src/evaluate/coverage/requirement-rule.js';
import { ROLES_OPTION_SCHEMA, resolveRoles, roleFindingData } from '../../src/evaluate/coverage/role-requirement.js';
import { PHISHING_RESISTANT_ADMIN_ROLES } from '../../src/model/well-known-admin-roles.js';

interface Options {
  /** Directory role template ids (or built-in role names) that must be covered. */
  roles: string[];
}

export default requirementRule<Options>({
  id: 'baseline/phishing-resistant-admins',
  catalogue: 'CA-038',
  title: 'Phishing-resistant MFA is required for every highly privileged role',
  risk: 'Some administrators can still be phished through a site that relays their MFA',
  priority: 2,
  effort: 'high',
  userImpact: 'medium',
  severity: 'high',
  rationale:
    'Administrators are the accounts adversary-in-the-middle phishing kits are built to catch, and ordinary MFA (SMS, ' +
    'voice, one-time codes, push) can be relayed. Microsoft recommends the Phishing-resistant MFA strength on All ' +
    'resources for at least fourteen highly privileged built-in roles. A role left out of the policy — often one added ' +
    'to the recommendation later, or dropped by an edit — keeps the weaker MFA. Several policies may share the roles, ' +
    'but each role must be covered by an enabled one.',
  remediation:
    'Make sure the administrators have a phishing-resistant method registered (passkey/FIDO2, Windows Hello for ' +
    'Business or certificate-based authentication), then add the missing roles under Users > Include > Directory roles ' +
    'of an enabled policy with Target resources = All resources (no exclusions) and Grant = Require authentication ' +
    'strength "Phishing-resistant MFA".',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/policy-admin-phish-resistant-mfa',
    'https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths',
  ],
  options: { schema: ROLES_OPTION_SCHEMA, defaults: { roles: [...PHISHING_RESISTANT_ADMIN_ROLES] } },
  messages: {
    missing: (d) =>
      `No enabled policy requires phishing-resistant MFA on all resources for ${d.rolesText}, so a relayed sign-in ` +
      `can still take over a privileged account.${d.coveredText} ${d.nearText}`,
  },
  requirement: ({ index, options }) => {
    const roles = resolveRoles(index, options.roles);
    return roles.length === 0 ? null : { users: { kind: 'roles', roleIds: roles }, resources: { kind: 'all' }, control: { kind: 'phishingResistantMfa' } };
  },
  details: (verdict, { evaluator, index, options }) => roleFindingData(evaluator, verdict, resolveRoles(index, options.roles)),
});
