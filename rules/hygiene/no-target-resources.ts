import { defineRule } from '../../src/engine/define-rule.js';
import { applicationsCondition, conditionPointer, sameKeyword } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import { APP_NONE } from '../../src/model/well-known-apps.js';

/** Global Secure Access traffic profiles (beta `globalSecureAccess` / `networkAccess`): a non-null value is a target. */
function targetsTrafficProfile(policy: ConditionalAccessPolicy): boolean {
  const a = policy.conditions?.applications as Record<string, unknown> | null | undefined;
  return a?.globalSecureAccess != null || a?.networkAccess != null;
}

/** An include-mode application filter (custom security attributes) selects applications on its own. */
function hasIncludeFilter(policy: ConditionalAccessPolicy): boolean {
  const f = applicationsCondition(policy).applicationFilter as { mode?: unknown; rule?: unknown } | null;
  return !!f && f.mode === 'include' && typeof f.rule === 'string' && f.rule.trim() !== '';
}

export default defineRule({
  id: 'hygiene/no-target-resources',
  catalogue: 'CA-023',
  title: 'Every policy targets some resource',
  risk: 'A policy targets no app, user action or context, so it never applies',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  severity: 'medium',
  rationale:
    'A policy applies only to sign-ins for the resources it targets: applications, a user action, an authentication ' +
    'context or Global Secure Access traffic. With none of them (or applications set to "None"), it never applies, however ' +
    'its users and controls look, so it gives a false impression of coverage and clutters reviews. All states are checked.',
  remediation:
    'Under Target resources, select the applications (or All resources), user action or authentication context the policy ' +
    'is meant for; if it is a leftover, delete it.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps'],
  messages: {
    noResources: (d) =>
      `"${d.policy}" targets no resources (no applications, user actions, authentication contexts or Global Secure Access traffic)` +
      `${d.noneText}, so it never applies.`,
  },
  check({ index, finding }) {
    return index.policies.flatMap((policy) => {
      const a = applicationsCondition(policy);
      const apps = a.includeApplications.filter((v) => !sameKeyword(v, APP_NONE));
      if (
        apps.length > 0 ||
        a.includeUserActions.length > 0 ||
        a.includeAuthenticationContextClassReferences.length > 0 ||
        targetsTrafficProfile(policy) ||
        hasIncludeFilter(policy)
      ) {
        return [];
      }
      const applications = policy.conditions?.applications;
      const hasList = !!applications && 'includeApplications' in applications && a.includeApplications.length > 0;
      const pointer = hasList
        ? '/conditions/applications/includeApplications'
        : applications
          ? '/conditions/applications'
          : conditionPointer(policy, 'applications');
      return [
        finding(policy, 'noResources', {
          pointer,
          evidence: {
            actual: applications
              ? {
                  includeApplications: a.includeApplications,
                  includeUserActions: a.includeUserActions,
                  includeAuthenticationContextClassReferences: a.includeAuthenticationContextClassReferences,
                }
              : (applications ?? null),
            missing: !hasList,
            expected: 'applications, a user action, an authentication context or a traffic profile',
          },
          data: { noneText: a.includeApplications.length > 0 ? ' (applications are set to "None")' : '' },
        }),
      ];
    });
  },
});
