import { defineRule } from '../../src/engine/define-rule.js';
import { policyReferences, sameId } from '../../src/evaluate/references.js';
import { isEnabled, policyLabel, stateLabel } from '../../src/model/policy.js';
import { AUTHENTICATION_CONTEXT_ID } from '../../src/model/well-known-limits.js';

export default defineRule({
  id: 'references/unused-authentication-context',
  catalogue: 'CA-021',
  title: 'Every published authentication context is enforced by an enabled policy',
  risk: 'Apps and admin tools that ask for a step-up before sensitive operations get none, because no enabled policy enforces it',
  priority: 2,
  effort: 'medium',
  userImpact: 'low',
  severity: 'medium',
  scope: 'tenant',
  rationale:
    'Publishing an authentication context lets SharePoint sensitivity labels, Defender for Cloud Apps, Privileged Identity ' +
    'Management and protected actions ask for it before sensitive operations. Conditional Access decides what the step-up ' +
    'requires; when no enabled policy targets the context, the request is satisfied without any extra control, so the ' +
    'protection the admins who configured those features expect is silently missing. Report-only and disabled policies do not enforce anything.',
  remediation:
    'Create (or enable) a policy with Target resources > Authentication context set to this context and a grant such as ' +
    'phishing-resistant MFA or a compliant device; or, if the context is no longer used, untick "Publish to apps" or delete it.',
  references: [
    'https://learn.microsoft.com/entra/identity/role-based-access-control/protected-actions-overview',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps#authentication-context',
  ],
  messages: {
    unused: (d) =>
      `Authentication context ${d.contextId}${d.nameText} is ${d.availability}, but no enabled policy targets it${d.othersText}; ` +
      'apps, protected actions and PIM that request it get no step-up.',
  },
  check({ index, snapshot, finding, notice }) {
    if (index.policies.length === 0) {
      if ((snapshot.authenticationContexts ?? []).length > 0) {
        notice(
          'not-evaluated',
          'not evaluated: the export holds authentication contexts but no policies, so calint cannot tell whether any policy targets them (lint the policies together with the contexts)',
        );
      }
      return [];
    }
    const contexts = (snapshot.authenticationContexts ?? []).filter(
      (c) => typeof c.id === 'string' && AUTHENTICATION_CONTEXT_ID.test(c.id) && c.isAvailable !== false,
    );
    return contexts.flatMap((context) => {
      const id = context.id!;
      const targeting = index.policies.filter((p) =>
        policyReferences(p, ['authenticationContext']).some((r) => sameId(r.value.trim(), id)),
      );
      if (targeting.some(isEnabled)) return [];
      const others = targeting.map((p) => `"${policyLabel(p)}" (${stateLabel(p)})`);
      return [
        finding(null, 'unused', {
          pointer: '',
          evidence: {
            contextId: id,
            displayName: context.displayName ?? null,
            isAvailable: context.isAvailable ?? null,
            targetedOnlyBy: targeting.map((p) => ({
              policyId: typeof p.id === 'string' ? p.id : null,
              policyName: policyLabel(p),
              state: stateLabel(p),
            })),
          },
          data: {
            availability: context.isAvailable === true ? 'published to apps' : 'defined',
            nameText: context.displayName ? ` ("${context.displayName}")` : '',
            othersText:
              others.length > 0 ? ` (only ${others.join(', ')}, which ${others.length === 1 ? 'enforces' : 'enforce'} nothing)` : '',
          },
        }),
      ];
    });
  },
});
