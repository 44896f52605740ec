import { defineRule } from '../../src/engine/define-rule.js';
import { hasKeyword, isEnabled, isReportOnly, policyLabel, requiresTokenProtection, sameKeyword, stateLabel, usersCondition } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import { TOKEN_PROTECTION_ARTICLES } from '../../src/model/token-protection.js';

export default defineRule({
  id: 'token-protection/all-users-direct',
  catalogue: 'CA-077',
  title: 'Token protection is rolled out through a pilot, not enforced for All users at once',
  risk: 'Token protection is enforced for everyone at once, so apps and devices that cannot support it are blocked for all users',
  priority: 3,
  effort: 'medium',
  userImpact: 'low',
  severity: 'low',
  scope: 'tenant',
  rationale:
    'Token protection blocks every sign-in that cannot present a device-bound token: unsupported apps, older clients, ' +
    'unsupported device registrations. Microsoft advises starting with a pilot group, running the policy in report-only mode ' +
    'first, reviewing interactive and non-interactive sign-in logs long enough to cover normal use, and only then enforcing it ' +
    'for known, reliable users. An enabled policy for All users with no pilot or report-only policy beside it suggests that ' +
    'step was skipped. Once another token-protection policy shows a staged rollout (report-only, or scoped to groups), the ' +
    'rule stays silent; a finished rollout whose pilot policies were deleted can suppress the finding.',
  remediation:
    'Set the policy to Report-only, or under Assignments > Users include a pilot group instead of All users. Review the ' +
    'sign-in logs (Token Protection - Sign In Session, status codes 1002/1003/1008) and widen the scope in rings.',
  references: [
    TOKEN_PROTECTION_ARTICLES.overview,
    TOKEN_PROTECTION_ARTICLES.windows,
    TOKEN_PROTECTION_ARTICLES.apple,
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-report-only',
  ],
  messages: {
    allUsers: (d) =>
      `"${d.policy}" enforces token protection for All users, and no other token-protection policy shows a pilot or report-only ` +
      'stage; apps and devices that cannot bind tokens are blocked for everyone at once.',
  },
  check({ index, finding }) {
    const tokenPolicies = index.policies.filter(requiresTokenProtection);
    const staged = tokenPolicies.filter((p) => isReportOnly(p) || isScopedRollout(p));
    return tokenPolicies
      .filter((p) => isEnabled(p) && hasKeyword(usersCondition(p).includeUsers, 'All'))
      .flatMap((policy) => {
        if (staged.some((p) => p !== policy)) return [];
        const raw = (policy.conditions?.users?.includeUsers ?? []) as unknown[];
        const i = raw.findIndex((v) => typeof v === 'string' && sameKeyword(v, 'All'));
        return [
          finding(policy, 'allUsers', {
            pointer: `/conditions/users/includeUsers/${i}`,
            evidence: {
              actual: 'All',
              expected: 'a pilot group, or report-only first',
              otherTokenProtectionPolicies: tokenPolicies.filter((p) => p !== policy).map((p) => ({ name: policyLabel(p), state: stateLabel(p) })),
            },
          }),
        ];
      });
  },
});

/** A token-protection policy scoped to users, groups or roles rather than All users: a pilot or rollout ring. */
function isScopedRollout(policy: ConditionalAccessPolicy): boolean {
  const u = usersCondition(policy);
  if (hasKeyword(u.includeUsers, 'All')) return false;
  return u.includeUsers.some((v) => !sameKeyword(v, 'None')) || u.includeGroups.length > 0 || u.includeRoles.length > 0;
}
