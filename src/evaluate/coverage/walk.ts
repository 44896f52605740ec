/**
 * Coverage: which cells of who × what × client app × platform × location × risk × flow × device no enabled policy
 * protects. The product space is walked one dimension at a time, keeping only the protecting policies still in play;
 * a branch ends as soon as one of them no longer depends on any dimension left (covered) or none is left (a gap for
 * the whole remaining sub-space, reported once with "any" for the dimensions it did not need to split). A dimension no
 * remaining policy looks at is never split.
 */
import type { TenantIndex } from '../../model/tenant-index.js';
import type { Dimension } from '../whatif/conditions.js';
import { explainPolicy, type CompiledPolicy, type ConditionReason } from '../whatif/evaluate.js';
import { YES, prepareFacts } from '../whatif/facts.js';
import type { Scenario } from '../whatif/scenario.js';
import { DIMENSION_ORDER, OTHER_APP, SYNTHETIC_USER, type DimensionClass, type Space } from './classes.js';

export interface Gap {
  /** Per dimension: the class of the gap, or "any" when every class of it is a gap. */
  cell: Partial<Record<Dimension, string>>;
  /** One concrete sign-in inside the gap. */
  witness: Scenario;
  /** Break-glass accounts and other gaps that are meant to be there. */
  expected: string | null;
}

export interface WalkResult {
  gaps: Gap[];
  /** Walk nodes visited (for benchmarks and the size of the search). */
  nodes: number;
  /** The protecting policies that cover some cell, in the order given. */
  coveredBy: CompiledPolicy[];
}

/** Values used for dimensions a gap does not need to name (any value is a gap; these make the witness concrete). */
export function defaultScenario(): Scenario {
  return {
    identity: { kind: 'user', userId: SYNTHETIC_USER, groupIds: [], roleIds: [], guestType: null },
    target: { kind: 'application', appId: OTHER_APP },
    clientApp: 'browser',
    platform: 'windows',
    ip: '198.51.100.77',
    country: 'ZZ',
    signInRisk: 'none',
    userRisk: 'none',
    insiderRisk: 'none',
    authenticationFlow: 'none',
    device: null,
  };
}

export function walkCoverage(index: TenantIndex, protecting: readonly CompiledPolicy[], space: Space, base: Scenario = defaultScenario()): WalkResult {
  const dims = DIMENSION_ORDER.filter((d) => (space[d]?.length ?? 0) > 0);
  const dependsOn = protecting.map((cp) => new Set(cp.checks.map((c) => c.dimension)));
  const gaps: Gap[] = [];
  const used = new Set<number>();
  let nodes = 0;

  const visit = (depth: number, scenario: Scenario, candidates: number[], cell: Partial<Record<Dimension, string>>, expected: string | null) => {
    nodes++;
    if (candidates.length === 0) {
      gaps.push({ cell: { ...cell }, witness: structuredClone(scenario), expected });
      return;
    }
    const remaining = dims.slice(depth);
    // Covered when some candidate needs none of the remaining dimensions (its checks on fixed ones all passed).
    const covering = candidates.find((i) => remaining.every((d) => !dependsOn[i]!.has(d)));
    if (covering !== undefined) {
      used.add(covering);
      return;
    }
    // Split on the next dimension some candidate looks at; skip the ones nobody does.
    let next = depth;
    while (next < dims.length && !candidates.some((i) => dependsOn[i]!.has(dims[next]!))) next++;
    if (next >= dims.length) return;
    const dim = dims[next]!;
    for (const cls of space[dim]!) {
      const s = structuredClone(scenario);
      cls.apply(s);
      const facts = prepareFacts(index, s);
      const kept = candidates.filter((i) => protecting[i]!.checks.every((c) => c.dimension !== dim || c.test(facts) === YES));
      visit(next + 1, s, kept, { ...cell, [dim]: cls.label }, expected ?? cls.expected ?? null);
    }
  };
  // Dimensions the space does not split keep the base scenario's value: a policy must match it there to count.
  const baseFacts = prepareFacts(index, base);
  const start = protecting
    .map((_, i) => i)
    .filter((i) => protecting[i]!.checks.every((c) => dims.includes(c.dimension) || c.test(baseFacts) === YES));
  visit(0, structuredClone(base), start, {}, null);
  return { gaps: mergeGaps(gaps, dims, space), nodes, coveredBy: protecting.filter((_, i) => used.has(i)) };
}

/**
 * Gaps that differ in one dimension only are one gap over several classes of it ("browser, mobileAppsAndDesktopClients"),
 * or over "any" when they span all its classes. Repeated until nothing merges; the first gap's witness is kept.
 */
function mergeGaps(gaps: Gap[], dims: readonly Dimension[], space: Space): Gap[] {
  let current = gaps.map((g) => ({ ...g, sets: Object.fromEntries(Object.entries(g.cell).map(([d, v]) => [d, [v]])) as Partial<Record<Dimension, string[]>> }));
  let changed = true;
  while (changed) {
    changed = false;
    for (const dim of [...dims].reverse()) {
      const groups = new Map<string, typeof current>();
      for (const g of current) {
        const key = JSON.stringify([g.expected, ...dims.filter((d) => d !== dim).map((d) => g.sets[d] ?? null)]);
        const list = groups.get(key) ?? [];
        list.push(g);
        groups.set(key, list);
      }
      if (groups.size === current.length) continue;
      const next: typeof current = [];
      for (const list of groups.values()) {
        if (list.length === 1 || list.some((g) => !g.sets[dim])) {
          next.push(...list);
          continue;
        }
        const first = list[0]!;
        const values = [...new Set(list.flatMap((g) => g.sets[dim]!))];
        next.push({ ...first, sets: { ...first.sets, [dim]: values } });
        changed = true;
      }
      current = next;
    }
  }
  return current.map(({ sets, witness, expected }) => {
    const cell: Partial<Record<Dimension, string>> = {};
    for (const d of dims) {
      const v = sets[d];
      if (!v) continue;
      const all = (space[d] ?? []).map((c) => c.label);
      cell[d] = v.length === all.length && all.every((x) => v.includes(x)) ? 'any' : v.join(', ');
    }
    return { cell, witness, expected };
  });
}

export interface NearMiss {
  policyId: string;
  policyName: string;
  state: string;
  reasons: ConditionReason[];
}

/**
 * The policies that come closest to covering a witness: those `related` to the protection, that do not apply to it or
 * are not enforced, fewest reasons first (then by name); at most `limit`.
 */
export function nearMisses(index: TenantIndex, related: readonly CompiledPolicy[], witness: Scenario, limit = 3): NearMiss[] {
  const facts = prepareFacts(index, witness);
  const out: NearMiss[] = [];
  for (const cp of related) {
    const ev = explainPolicy(cp, facts);
    const reasons = [...ev.reasons];
    if (cp.state === 'enabledForReportingButNotEnforced') reasons.unshift({ reason: 'policyNotEnabled', pointer: '/state', text: 'it is report-only, so nothing is enforced' });
    if (ev.applies === 'applies' && cp.state === 'enabled') continue;
    if (cp.state === 'disabled' && !reasons.some((r) => r.pointer === '/state')) reasons.unshift({ reason: 'policyNotEnabled', pointer: '/state', text: 'it is disabled' });
    out.push({ policyId: cp.id, policyName: cp.name, state: cp.state, reasons });
  }
  out.sort((a, b) => a.reasons.length - b.reasons.length || (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0));
  return out.slice(0, limit);
}

export type { DimensionClass, Space };
