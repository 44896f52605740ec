import { defineRule } from '../../src/engine/define-rule.js';
import { grantAlternatives } from '../../src/evaluate/controls.js';
import { policyLabel, stateLabel } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';

/** Flag enums written as one comma-separated string: order and spacing do not matter. */
const FLAG_KEYS: ReadonlySet<string> = new Set(['guestOrExternalUserTypes', 'transferMethods', 'insiderRiskLevels', 'agentIdRiskLevels']);
/** Properties Graph returns that say nothing about scope or controls. */
const IGNORED_CONDITION_KEYS: ReadonlySet<string> = new Set(['times', 'clients']);

/**
 * A canonical form: null, [], {}, false and absent are all "not configured"; lists are sets; strings compare
 * case-insensitively; session controls switched off are dropped; @odata annotations are ignored.
 */
function normalize(value: unknown, key?: string): unknown {
  if (value === null || value === undefined || value === false) return undefined;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) {
      // The common case (ids, keywords): a sorted set of trimmed, lower-cased strings, quoted as JSON would.
      const set = [...new Set(value.map((v) => JSON.stringify(v.trim().toLowerCase())))].sort();
      return set.length ? set : undefined;
    }
    const items = value.map((v) => normalize(v)).filter((v) => v !== undefined);
    if (items.length === 0) return undefined;
    return [...new Set(items.map((i) => JSON.stringify(i)))].sort();
  }
  if (typeof value === 'string') {
    if (key && FLAG_KEYS.has(key)) {
      const flags = value
        .split(',')
        .map((f) => f.trim().toLowerCase())
        .filter((f) => f !== '' && f !== 'none');
      return flags.length ? [...new Set(flags)].sort().join(',') : undefined;
    }
    return value.trim().toLowerCase();
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.isEnabled === false) return undefined;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) {
      if (k.startsWith('@')) continue;
      const n = normalize(o[k], k);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/** What a policy does, without its identity: conditions, grant and session controls. */
function policyShape(policy: ConditionalAccessPolicy): string {
  const conditions = { ...((policy.conditions ?? {}) as Record<string, unknown>) };
  for (const k of IGNORED_CONDITION_KEYS) delete conditions[k];
  const clientAppTypes = conditions.clientAppTypes;
  if (Array.isArray(clientAppTypes) && clientAppTypes.every((t) => typeof t === 'string' && t.toLowerCase() === 'all'))
    delete conditions.clientAppTypes;
  const grant = policy.grantControls ? { ...(policy.grantControls as Record<string, unknown>) } : null;
  if (grant) {
    const strength = grant.authenticationStrength as { id?: unknown } | null | undefined;
    grant.authenticationStrength = strength && typeof strength.id === 'string' ? { id: strength.id } : null;
    // With one control (or block), AND and OR mean the same.
    if (grantAlternatives(policy).flat().length <= 1) delete grant.operator;
  }
  return JSON.stringify({
    conditions: normalize(conditions) ?? null,
    grantControls: normalize(grant) ?? null,
    sessionControls: normalize(policy.sessionControls) ?? null,
  });
}

export default defineRule({
  id: 'hygiene/duplicate-policies',
  catalogue: 'CA-029',
  title: 'No two policies have the same scope and controls',
  risk: 'Two policies do the same job, so a change made to one and not the other goes unnoticed',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  severity: 'low',
  scope: 'tenant',
  rationale:
    'Two policies with the same users, resources, conditions and controls do the same job. Every later change has to be ' +
    'made twice, and when one copy is edited and the other is not, the stricter one silently keeps applying and the ' +
    'review no longer matches behaviour; each copy also counts towards the 195-policy limit. Names, ids, dates and state ' +
    'are ignored in the comparison, as are list order and the difference between null, [] and an absent property.',
  remediation:
    'Keep one of the policies (usually the older, enabled one), move anything the other was meant to add into it, and ' +
    'delete the copy. A disabled copy kept for rollback is better kept as an exported JSON file outside the tenant.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access'],
  messages: {
    duplicate: (d) =>
      `"${d.policy}" has the same users, resources, conditions and controls as "${d.original}" (${d.originalState}); consolidate them into one policy.`,
  },
  check({ index, finding }) {
    const groups = new Map<string, ConditionalAccessPolicy[]>();
    for (const policy of index.policies) {
      const key = policyShape(policy);
      const members = groups.get(key) ?? [];
      // The same policy exported twice (two snapshots of one tenant) is not a duplicate; the loader warns about it.
      const id = typeof policy.id === 'string' ? policy.id.toLowerCase() : null;
      if (id && members.some((m) => typeof m.id === 'string' && m.id.toLowerCase() === id)) continue;
      members.push(policy);
      groups.set(key, members);
    }
    return [...groups.values()].flatMap(([original, ...copies]) =>
      copies.map((policy) =>
        finding(policy, 'duplicate', {
          pointer: '',
          evidence: {
            duplicateOf: {
              policyId: typeof original!.id === 'string' ? original!.id : null,
              policyName: policyLabel(original!),
              state: stateLabel(original!),
            },
          },
          data: { original: policyLabel(original!), originalState: stateLabel(original!) },
        }),
      ),
    );
  },
});
