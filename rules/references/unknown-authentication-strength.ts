import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { classifyReference, exportHolds, policyReferences } from '../../src/evaluate/references.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

/** The export inlines the strength (Graph returns the whole object), so the policy itself says what it is. */
function isInlined(policy: ConditionalAccessPolicy): boolean {
  const s = policy.grantControls?.authenticationStrength as Record<string, unknown> | null | undefined;
  if (!s) return false;
  return typeof s.displayName === 'string' || Array.isArray(s.allowedCombinations);
}

export default defineRule({
  id: 'references/unknown-authentication-strength',
  catalogue: 'CA-019',
  title: 'Authentication strengths required by a policy exist',
  risk: 'A policy requires an authentication strength that does not exist in the tenant',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'high',
  rationale:
    'A policy that requires an authentication strength names it by id. The three built-in strengths have the same id in ' +
    'every tenant; a custom strength exists only in the tenant that created it. A policy copied between tenants, or one whose ' +
    'custom strength was deleted, requires something that is not there, so the grant cannot be deployed or satisfied as ' +
    'intended. Placeholders and names where an id belongs are wrong in every tenant.',
  remediation:
    'Under Grant, choose "Require authentication strength" again and pick an existing strength (built-in or one listed under ' +
    'Authentication methods > Authentication strengths); recreate the custom strength first if it was deleted.',
  references: [
    'https://learn.microsoft.com/entra/identity/authentication/concept-authentication-strengths',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-grant',
  ],
  messages: {
    malformedId: (d) =>
      `"${d.policy}" requires authentication strength "${d.actual}", which looks like an id but is not a valid GUID (typed or anonymised by hand); ` +
      'Graph refuses it, so the policy cannot be deployed as written.',
    unresolved: (d) =>
      `"${d.policy}" requires authentication strength ${d.actual}, which is neither a built-in strength nor among the exported ` +
      'strengths (deleted, from another tenant, or the export is incomplete); the grant asks for something that does not exist.',
    placeholder: (d) =>
      `"${d.policy}" requires the authentication-strength placeholder "${d.actual}", a template value that was never replaced ` +
      'with a strength id; Graph refuses it, so the policy cannot be deployed as written.',
    displayName: (d) =>
      `"${d.policy}" names its authentication strength "${d.actual}" where an id belongs${d.suggestion}; Graph accepts only the strength's id.`,
  },
  check({ index, snapshot, finding, notice }) {
    const findings: FindingDraft[] = [];
    const unchecked = new Set<string>();
    for (const policy of index.policies) {
      for (const ref of policyReferences(policy, ['authenticationStrength'])) {
        const verdict = classifyReference(index, 'authenticationStrength', ref.value);
        if (verdict.status === 'keyword' || verdict.status === 'known') continue;
        const evidence = { actual: ref.value, expected: 'a built-in strength id or the id of an exported custom strength' };
        if (verdict.status === 'placeholder') {
          findings.push(finding(policy, 'placeholder', { pointer: ref.pointer, evidence }));
        } else if (verdict.status === 'malformed') {
          findings.push(finding(policy, 'malformedId', { pointer: ref.pointer, evidence }));
        } else if (verdict.status === 'display-name') {
          const r = verdict.resolved;
          findings.push(
            finding(policy, 'displayName', {
              pointer: ref.pointer,
              evidence: { ...evidence, resolvedId: r?.key ?? null, resolvedName: r?.name ?? null },
              data: { suggestion: r ? ` (it names "${r.name}", id ${r.key})` : '' },
            }),
          );
        } else if (isInlined(policy)) {
          continue;
        } else if (exportHolds(snapshot, 'authenticationStrength')) {
          findings.push(finding(policy, 'unresolved', { pointer: ref.pointer, evidence }));
        } else {
          unchecked.add(ref.value.toLowerCase());
        }
      }
    }
    if (unchecked.size > 0) {
      notice(
        'not-evaluated',
        `not evaluated: ${unchecked.size} custom authentication-strength id(s) referenced by policies cannot be checked because the export ` +
          'holds no authentication strengths (add Graph /identity/conditionalAccess/authenticationStrength/policies to the inputs, ' +
          'or authenticationStrengths to a calint snapshot)',
      );
    }
    return findings;
  },
});
