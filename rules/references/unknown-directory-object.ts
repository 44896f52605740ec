import { defineRule } from '../../src/engine/define-rule.js';
import { classifyReference, exportHolds, KIND_LABEL, policyReferences, type PolicyReference } from '../../src/evaluate/references.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';

type DirectoryKind = 'user' | 'group' | 'role';

const SOURCE: Record<DirectoryKind, { plural: string; graph: string; snapshot: string }> = {
  user: { plural: 'users', graph: '/users', snapshot: 'directory.users' },
  group: { plural: 'groups', graph: '/groups', snapshot: 'directory.groups' },
  role: { plural: 'role definitions', graph: '/roleManagement/directory/roleDefinitions', snapshot: 'directory.roles' },
};

const EXPECTED: Record<DirectoryKind, string> = {
  user: 'the object id of a user in the exported directory',
  group: 'the object id of a group in the exported directory',
  role: 'the template id of a built-in or exported directory role',
};

function consequence(ref: PolicyReference): string {
  if (ref.side === 'exclude') {
    return 'Nobody is exempted through it: whoever it was meant to leave out (exception or break-glass accounts) is subject to the policy.';
  }
  return 'Nobody is brought into the policy through it, so the people it was meant to cover are not protected by this assignment.';
}

export default defineRule({
  id: 'references/unknown-directory-object',
  catalogue: 'CA-017',
  title: 'Users, groups and roles named in a policy exist in the directory',
  risk: 'A policy names users, groups or roles that do not exist, so an exclusion exempts nobody or an inclusion covers nobody',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  rationale:
    'A policy keeps the ids of users, groups and roles after those objects are deleted, and the portal does not warn. ' +
    'An excluded group that no longer exists exempts nobody (a break-glass or exception group can vanish this way), and an ' +
    'included one covers nobody. Template placeholders and display names where an id belongs are wrong in every tenant: ' +
    'Graph accepts only object ids there. Disabled policies are checked too, since they break the moment they are switched on.',
  remediation:
    'Under Assignments > Users, open the include and exclude lists and remove entries shown as deleted or unknown, or ' +
    'replace them with the object id of the user, group or role you meant (role template ids for roles). Fill in template ' +
    'placeholders before deploying a policy from a template.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-users-groups',
    'https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference',
  ],
  messages: {
    malformedId: (d) =>
      `"${d.policy}" holds "${d.actual}" in ${d.field}, which looks like a ${d.kindText} id but is not a valid GUID (typed or anonymised by hand); ` +
      'Graph refuses it, so the policy cannot be deployed as written.',
    unresolved: (d) =>
      `"${d.policy}" ${d.verb} ${d.kindText} ${d.actual}, which is not in the exported directory (deleted, or the export is incomplete). ${d.consequence}`,
    placeholder: (d) =>
      `"${d.policy}" ${d.verb} the ${d.kindText} placeholder "${d.actual}", a template value that was never replaced with an object id; ` +
      'Graph refuses it, so the policy cannot be deployed as written.',
    displayName: (d) =>
      `"${d.policy}" holds "${d.actual}" in ${d.field} where a ${d.kindText} id belongs${d.suggestion}; Graph accepts only ids there, ` +
      'so the policy cannot be deployed as written and the entry does not select anyone.',
  },
  check({ index, snapshot, finding, notice }) {
    const notEvaluated = new Map<DirectoryKind, Set<string>>();
    const findings: FindingDraft[] = [];
    for (const policy of index.policies) {
      for (const ref of policyReferences(policy, ['user', 'group', 'role'])) {
        const kind = ref.kind as DirectoryKind;
        const verdict = classifyReference(index, kind, ref.value);
        const base = {
          verb: ref.side === 'exclude' ? 'excludes' : 'includes',
          kindText: KIND_LABEL[kind],
          field: ref.field,
        };
        const evidence = { actual: ref.value, expected: EXPECTED[kind], kind, field: ref.field };
        if (verdict.status === 'keyword' || verdict.status === 'known') continue;
        if (verdict.status === 'placeholder') {
          findings.push(finding(policy, 'placeholder', { pointer: ref.pointer, evidence, data: base }));
        } else if (verdict.status === 'malformed') {
          findings.push(finding(policy, 'malformedId', { pointer: ref.pointer, evidence, data: base }));
        } else if (verdict.status === 'display-name') {
          const r = verdict.resolved;
          findings.push(
            finding(policy, 'displayName', {
              pointer: ref.pointer,
              evidence: { ...evidence, resolvedId: r?.key ?? null, resolvedName: r?.name ?? null },
              data: { ...base, suggestion: r ? ` (it names ${r.name}, id ${r.key})` : '' },
            }),
          );
        } else if (exportHolds(snapshot, kind)) {
          findings.push(
            finding(policy, 'unresolved', { pointer: ref.pointer, evidence, data: { ...base, consequence: consequence(ref) } }),
          );
        } else {
          const ids = notEvaluated.get(kind) ?? new Set<string>();
          ids.add(ref.value.toLowerCase());
          notEvaluated.set(kind, ids);
        }
      }
    }
    for (const kind of ['user', 'group', 'role'] as const) {
      const ids = notEvaluated.get(kind);
      if (!ids) continue;
      const s = SOURCE[kind];
      notice(
        'not-evaluated',
        `not evaluated: ${ids.size} ${KIND_LABEL[kind]} id(s) referenced by policies cannot be checked because the export holds no ${s.plural} ` +
          `(add Graph ${s.graph} to the inputs, or ${s.snapshot} to a calint snapshot)`,
      );
    }
    return findings;
  },
});
