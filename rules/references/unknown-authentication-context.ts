import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { exportHolds, policyReferences, sameId } from '../../src/evaluate/references.js';
import { isPlaceholder } from '../../src/model/tenant-index.js';
import { AUTHENTICATION_CONTEXT_ID } from '../../src/model/well-known-limits.js';

export default defineRule({
  id: 'references/unknown-authentication-context',
  catalogue: 'CA-020',
  title: 'Authentication contexts targeted by a policy are defined and published',
  risk: 'A step-up policy targets an authentication context that nothing can request, so it never applies',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'A policy that targets an authentication context (c1 to c99) enforces its controls only when an app, a protected action ' +
    'or Privileged Identity Management asks for that context. A context that is not defined, or defined but not published to ' +
    'apps (isAvailable false), is never requested, so the step-up the policy promises never happens. Values outside c1 to c99 ' +
    'are not valid context ids at all.',
  remediation:
    'Under Protection > Conditional Access > Authentication contexts, create the context or edit it and tick "Publish to ' +
    'apps"; or change the policy\'s Target resources > Authentication context to one that exists.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-cloud-apps#authentication-context',
    'https://learn.microsoft.com/graph/api/resources/authenticationcontextclassreference',
  ],
  messages: {
    notDefined: (d) =>
      `"${d.policy}" targets authentication context ${d.actual}, which is not among the exported authentication contexts; ` +
      'nothing can request a context that does not exist, so the policy never applies.',
    notPublished: (d) =>
      `"${d.policy}" targets authentication context ${d.actual} (${d.name}), which is not published to apps (isAvailable is false); ` +
      'apps and protected actions cannot request it, so the policy never applies.',
    malformed: (d) =>
      `"${d.policy}" targets "${d.actual}" as an authentication context, but context ids run from c1 to c99${d.placeholderText}; the entry matches no request.`,
  },
  check({ index, snapshot, finding, notice }) {
    const findings: FindingDraft[] = [];
    const unchecked = new Set<string>();
    const contexts = snapshot.authenticationContexts ?? [];
    for (const policy of index.policies) {
      for (const ref of policyReferences(policy, ['authenticationContext'])) {
        const evidence = { actual: ref.value, expected: 'the id (c1…c99) of an exported authentication context with isAvailable true' };
        if (!AUTHENTICATION_CONTEXT_ID.test(ref.value.trim())) {
          const placeholder = ref.value.trim() === '' || isPlaceholder(ref.value.trim());
          findings.push(
            finding(policy, 'malformed', {
              pointer: ref.pointer,
              evidence,
              data: { placeholderText: placeholder ? ' (this is a template placeholder that was never filled in)' : '' },
            }),
          );
          continue;
        }
        if (!exportHolds(snapshot, 'authenticationContext')) {
          unchecked.add(ref.value.toLowerCase());
          continue;
        }
        const context = contexts.find((c) => typeof c.id === 'string' && sameId(c.id, ref.value.trim()));
        if (!context) {
          findings.push(finding(policy, 'notDefined', { pointer: ref.pointer, evidence }));
        } else if (context.isAvailable === false) {
          findings.push(
            finding(policy, 'notPublished', {
              pointer: ref.pointer,
              evidence: { ...evidence, isAvailable: false },
              data: { name: context.displayName ? `"${context.displayName}"` : 'no display name' },
            }),
          );
        }
      }
    }
    if (unchecked.size > 0) {
      notice(
        'not-evaluated',
        `not evaluated: ${unchecked.size} authentication context(s) targeted by policies cannot be checked because the export holds no ` +
          'authentication contexts (add Graph /identity/conditionalAccess/authenticationContextClassReferences to the inputs, ' +
          'or authenticationContexts to a calint snapshot)',
      );
    }
    return findings;
  },
});
