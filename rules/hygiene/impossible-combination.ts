import { defineRule } from '../../src/engine/define-rule.js';
import { applicationsCondition, builtInControls, hasKeyword, list, sameKeyword } from '../../src/model/policy.js';
import { strengthId } from '../../src/evaluate/controls.js';
import { APP_ALL, APP_NONE } from '../../src/model/well-known-apps.js';

const TARGET_KINDS = [
  { key: 'includeApplications', label: 'applications' },
  { key: 'includeUserActions', label: 'user actions' },
  { key: 'includeAuthenticationContextClassReferences', label: 'authentication contexts' },
] as const;

export default defineRule({
  id: 'hygiene/impossible-combination',
  catalogue: 'CA-023',
  title: 'Every policy is one Graph accepts and means one thing',
  risk: 'A policy combines settings that Microsoft rejects or that cancel each other out, so it does not do what it reads',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'A policy targets one kind of resource: applications (or All resources), a user action, or an authentication ' +
    'context. Graph rejects a policy that names two kinds (All resources together with "Register security information", ' +
    'for example); an export or a hand-written template that holds one was never applied as written, and no one can say ' +
    'which part was meant. Block cannot be combined with any other grant control or an authentication strength: block ' +
    'means "no way through", so another control beside it is either rejected or silently meaningless, and the policy ' +
    'reads as something it is not.',
  remediation:
    'Split the policy: one per kind of target (applications, each user action, authentication contexts). For a block, ' +
    'remove the other grant controls and the authentication strength, or, if the intent was to require them, remove ' +
    'the block instead.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
    'https://learn.microsoft.com/graph/api/resources/conditionalaccessapplications',
  ],
  messages: {
    mixedTargets: (d) =>
      `"${d.policy}" targets ${d.kindsText} at once${d.allText}; a policy targets one kind of resource, Graph rejects this ` +
      'combination, and which part was meant cannot be told.',
    blockWithControls: (d) =>
      `"${d.policy}" blocks access and also lists ${d.othersText}; block leaves no way through, so the other controls are ` +
      'rejected by Graph or never asked for, and the policy reads as something it is not.',
  },
  check({ finding, index }) {
    return index.policies.flatMap((policy) => {
      const out = [];
      const a = applicationsCondition(policy);
      const present = TARGET_KINDS.filter((k) => {
        const values = k.key === 'includeApplications' ? a.includeApplications.filter((v) => !sameKeyword(v, APP_NONE)) : a[k.key];
        return values.length > 0;
      });
      if (present.length > 1) {
        const all = hasKeyword(a.includeApplications, APP_ALL);
        out.push(
          finding(policy, 'mixedTargets', {
            pointer: '/conditions/applications',
            evidence: {
              actual: Object.fromEntries(present.map((k) => [k.key, a[k.key]])),
              expected: 'one of includeApplications, includeUserActions, includeAuthenticationContextClassReferences',
            },
            data: { kindsText: present.map((k) => k.label).join(' and '), allText: all ? ' (All resources among them)' : '' },
          }),
        );
      }
      const controls = builtInControls(policy);
      if (hasKeyword(controls, 'block')) {
        const g = policy.grantControls!;
        const others = [
          ...controls.filter((c) => !sameKeyword(c, 'block') && !sameKeyword(c, 'unknownFutureValue')),
          ...(strengthId(policy) ? [`authentication strength ${index.nameOf('authenticationStrength', strengthId(policy)!)}`] : []),
          ...(list(g.termsOfUse).length ? ['terms of use'] : []),
          ...(list(g.customAuthenticationFactors).length ? ['a custom control'] : []),
        ];
        if (others.length > 0) {
          out.push(
            finding(policy, 'blockWithControls', {
              pointer: '/grantControls',
              evidence: { actual: { builtInControls: controls, authenticationStrength: strengthId(policy) }, expected: { builtInControls: ['block'], authenticationStrength: null } },
              data: { othersText: others.join(', ') },
            }),
          );
        }
      }
      return out;
    });
  },
});
