import { defineRule } from '../../src/engine/define-rule.js';
import type { BaselineRequirement } from '../../src/evaluate/baseline.js';
import { PHISHING_RESISTANT_ADMIN_ROLES } from '../../src/model/well-known-admin-roles.js';
import { evaluateRoleCoverage, missingRolesVerdict, resolveRoles, roleCoverageReport, ROLES_OPTION_SCHEMA } from '../../src/evaluate/role-coverage.js';
import {
  explainControlReasons,
  pendingOnUnknownStrength,
  phishingResistantControl,
  unknownStrengthNotice,
} from '../../src/evaluate/phishing-resistant.js';

interface Options {
  roles: string[];
}

export default defineRule<Options>({
  id: 'baseline/phishing-resistant-admins',
  catalogue: 'CA-038',
  title: 'Phishing-resistant MFA is required for every highly privileged role',
  severity: 'high',
  scope: 'tenant',
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
  frameworks: { cis: ['5.2.2.5'], scuba: ['MS.AAD.3.6v1'] },
  options: { schema: ROLES_OPTION_SCHEMA, defaults: { roles: [...PHISHING_RESISTANT_ADMIN_ROLES] } },
  messages: {
    missing: (d) =>
      `No enabled policy requires phishing-resistant MFA on all resources for ${d.rolesText}, so a relayed sign-in ` +
      `can still take over a privileged account.${d.coveredText} ${d.nearText}`,
  },
  check({ index, options, finding, notice }) {
    const roles = resolveRoles(index, options.roles);
    if (roles.length === 0) return [];
    const control = phishingResistantControl(index);
    const base = { resources: { kind: 'all' as const }, control };
    const coverage = evaluateRoleCoverage(index, roles, base);
    if (coverage.satisfied || !coverage.missingVerdict) return [];
    // A missing role that a policy would cover if its (unexported) custom strength is phishing-resistant is undecided.
    const pendingFor = (role: string) => {
      const requirement: BaselineRequirement = { ...base, users: { kind: 'roles', roleIds: [role] } };
      return pendingOnUnknownStrength(index, requirement, control);
    };
    const pending = coverage.missing.flatMap((role) => pendingFor(role));
    let decided = coverage;
    if (pending.length > 0) {
      notice('not-evaluated', unknownStrengthNotice(index, [...new Map(pending.map((p) => [p.policy, p])).values()]));
      const missing = coverage.missing.filter((role) => pendingFor(role).length === 0);
      if (missing.length === 0) return [];
      decided = { ...coverage, missing, missingVerdict: missingRolesVerdict(index, base, missing) };
    }
    const verdict = explainControlReasons(decided.missingVerdict!, control);
    const { data, evidence } = roleCoverageReport(index, roles, decided, verdict);
    return [finding(null, 'missing', { pointer: '', evidence, data })];
  },
});
