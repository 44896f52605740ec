import { defineRule } from '../../src/engine/define-rule.js';
import { conditionPointer, includesAnyUser, targetsAgentUsers, targetsWorkloadIdentities, usersCondition } from '../../src/model/policy.js';

export default defineRule({
  id: 'hygiene/no-users',
  catalogue: 'CA-024',
  title: 'Every policy has someone in scope',
  risk: 'A policy applies to nobody, so it protects nothing while looking like part of the design',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  severity: 'low',
  rationale:
    'A policy applies only to the users, groups, roles, guest types, agents or workload identities it includes. With "None" ' +
    'or an empty include list and nothing else, it applies to nobody: it is a draft, a policy whose scope was removed during ' +
    'an incident and never restored, or a template that was never filled in. A policy for agents (preview: agent users in ' +
    'conditions.agents, agent identities in conditions.clientApplications) has "None" as users by design and is not ' +
    'reported. All states are checked.',
  remediation:
    'Under Assignments > Users, include the users, groups, roles or guest types the policy is meant for (or workload ' +
    'identities or agents for a policy that is not about people); delete the policy if it is no longer needed.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups',
    'https://learn.microsoft.com/entra/identity/conditional-access/howto-target-agent-identities',
  ],
  messages: {
    noUsers: (d) =>
      `"${d.policy}" includes ${d.actualText} and no groups, roles, guest types, agents or workload identities, so it applies to nobody.`,
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      if (includesAnyUser(policy) || targetsWorkloadIdentities(policy) || targetsAgentUsers(policy)) return [];
      const users = policy.conditions?.users;
      const u = usersCondition(policy);
      const hasList = !!users && 'includeUsers' in users && u.includeUsers.length > 0;
      const pointer = hasList ? '/conditions/users/includeUsers' : users ? '/conditions/users' : conditionPointer(policy, 'users');
      return [
        finding(policy, 'noUsers', {
          pointer,
          evidence: {
            actual: users ? { includeUsers: u.includeUsers } : (users ?? null),
            missing: !hasList,
            expected: 'some user, group, role, guest type, agent or workload identity',
          },
          data: { actualText: u.includeUsers.length > 0 ? '"None" as users' : 'no users' },
        }),
      ];
    });
  },
});
