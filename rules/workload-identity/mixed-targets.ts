import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { applicationsCondition, includesAnyUser, isDisabled, targetsWorkloadIdentities, usersCondition } from '../../src/model/policy.js';

export default defineRule({
  id: 'workload-identity/mixed-targets',
  catalogue: 'CA-095',
  title: 'Workload-identity policies target only workload identities',
  risk: 'A policy mixes apps\' own identities with users or an authentication context, so part of it cannot apply',
  priority: 3,
  effort: 'medium',
  userImpact: 'none',
  licences: ['workload-id'],
  severity: 'low',
  rationale:
    'A Conditional Access policy applies either to users or to workload identities (service principals, agents), ' +
    'never to both: a workload-identity policy must include no users (includeUsers "None"), and authentication ' +
    'contexts work with users or workload identities but not in the same policy. Microsoft supports neither ' +
    'combination; a policy that has one (usually written by hand or with the API) does not do what it reads, because ' +
    'either its user part or its service-principal part cannot apply. Disabled policies are skipped.',
  remediation:
    'Split the policy: one policy for the service principals (Users = None, Workload identities = the service ' +
    'principals, Target resources = All resources, Grant = Block) and a separate one for the users or for the ' +
    'authentication context.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/workload-identity',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
  ],
  messages: {
    usersAndWorkloads: (d) =>
      `"${d.policy}" targets workload identities and also users (${d.usersText}); a policy applies to one or the other, ` +
      'so part of it is not enforced.',
    authContextAndWorkloads: (d) =>
      `"${d.policy}" targets workload identities together with the authentication context ${d.contextsText}; ` +
      'authentication contexts cannot be combined with workload identities in one policy.',
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      if (isDisabled(policy) || !targetsWorkloadIdentities(policy)) return [];
      const out: FindingDraft[] = [];
      if (includesAnyUser(policy)) {
        const u = usersCondition(policy);
        const parts = [
          ...u.includeUsers.filter((v) => v.toLowerCase() !== 'none').map((v) => index.nameOf('user', v)),
          ...u.includeGroups.map((v) => `group ${index.nameOf('group', v)}`),
          ...u.includeRoles.map((v) => `role ${index.nameOf('role', v)}`),
          ...(u.includeGuestsOrExternalUsers != null ? ['guest or external users'] : []),
        ];
        out.push(
          finding(policy, 'usersAndWorkloads', {
            pointer: '/conditions/users',
            evidence: {
              actual: { includeUsers: u.includeUsers, includeGroups: u.includeGroups, includeRoles: u.includeRoles, includeGuestsOrExternalUsers: u.includeGuestsOrExternalUsers },
              expected: { includeUsers: ['None'] },
            },
            data: { usersText: parts.join(', ') },
          }),
        );
      }
      const contexts = applicationsCondition(policy).includeAuthenticationContextClassReferences;
      if (contexts.length > 0) {
        out.push(
          finding(policy, 'authContextAndWorkloads', {
            pointer: '/conditions/applications/includeAuthenticationContextClassReferences',
            evidence: { actual: contexts, expected: [] },
            data: { contextsText: contexts.map((c) => index.nameOf('authenticationContext', c)).join(', ') },
          }),
        );
      }
      return out;
    });
  },
});
