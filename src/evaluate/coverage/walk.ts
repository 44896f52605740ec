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
import { YES, prepareFacts, type Facts } from '../whatif/facts.js';
import type { Scenario } from '../whatif/scenario.js';
import { DIMENSION_ORDER, OTHER_APP, SYNTHETIC_USER, type DimensionClass, type Space } from './classes.js';

export interface Gap {
  /** Per dimension: the class of the gap, or "any" when every class of it is a gap. */
  cell: Partial<Record<Dimension, string>>;
  /** Per split dimension: the labels of the classes in the gap (all of them when the cell says "any"). */
  classes: Partial<Record<Dimension, string[]>>;
  /** One concrete sign-in inside the gap. */
  witness: Scenario;
  /** Break-glass accounts and other gaps that are meant to be there. */
  expected: string | null;
}

export interface WalkResult {
  gaps: Gap[];
  /** Distinct sub-spaces solved (the size of the search; shared sub-spaces are solved once). */
  nodes: number;
  /** The protecting policies that cover some cell, in the order given. */
  coveredBy: CompiledPolicy[];
}

/** Values used for dimensions a gap does not need to name (any value is a gap; these make the witness concrete). */
export function defaultScenario(): Scenario {
  return structuredClone(DEFAULT);
}

const DEFAULT: Scenario = {
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

const answersCache = new WeakMap<TenantIndex, Map<string, Map<CompiledPolicy, boolean>>>();
const factsCache = new WeakMap<TenantIndex, Map<string, Facts>>();
function sharedAnswers(index: TenantIndex) {
  let m = answersCache.get(index);
  if (!m) answersCache.set(index, (m = new Map()));
  return m;
}
function sharedFacts(index: TenantIndex) {
  let m = factsCache.get(index);
  if (!m) factsCache.set(index, (m = new Map()));
  return m;
}

export function walkCoverage(index: TenantIndex, protecting: readonly CompiledPolicy[], space: Space, base: Scenario = DEFAULT): WalkResult {
  const dims = DIMENSION_ORDER.filter((d) => (space[d]?.length ?? 0) > 0);
  const dependsOn = protecting.map((cp) => new Set(cp.checks.map((c) => c.dimension)));
  // A check reads only the fields of its own dimension, so whether policy p passes dimension d in class k is worked out
  // once per (d, k, p) against the base scenario with that class applied, whatever the path to it. With the default
  // base, answers are kept per tenant and policy across walks (baseline rules walk many overlapping spaces).
  const shared = base === DEFAULT ? sharedAnswers(index) : null;
  const local = new Map<string, Map<CompiledPolicy, boolean>>();
  const factsOf = new Map<string, Facts>();
  const passes = (d: Dimension, k: number, p: number): boolean => {
    const cls = space[d]![k]!;
    const key = `${d}\u0000${cls.key ?? cls.label}`;
    const cp = protecting[p]!;
    const answers = shared ?? local;
    let byPolicy = answers.get(key);
    if (!byPolicy) answers.set(key, (byPolicy = new Map()));
    let v = byPolicy.get(cp);
    if (v === undefined) {
      let facts = shared ? sharedFacts(index).get(key) : factsOf.get(key);
      if (!facts) {
        const scenario = structuredClone(base);
        cls.apply(scenario);
        facts = prepareFacts(index, scenario);
        (shared ? sharedFacts(index) : factsOf).set(key, facts);
      }
      v = cp.checks.every((c) => c.dimension !== d || c.test(facts!) === YES);
      byPolicy.set(cp, v);
    }
    return v;
  };

  interface SubGap {
    /** Class indices per split dimension. */
    cells: Map<Dimension, number[]>;
    expected: string | null;
  }
  const used = new Set<number>();
  const memo = new Map<string, SubGap[]>();
  let nodes = 0;

  // The gaps of the sub-space below `depth` for these candidates. Sub-spaces with the same candidates have the same
  // gaps (checks of later dimensions do not look at earlier ones), so each is solved once.
  const solve = (depth: number, candidates: number[]): SubGap[] => {
    const key = `${depth}|${candidates.join(',')}`;
    const hit = memo.get(key);
    if (hit) return hit;
    nodes++;
    let out: SubGap[];
    const remaining = dims.slice(depth);
    const covering = candidates.find((i) => remaining.every((d) => !dependsOn[i]!.has(d)));
    if (candidates.length === 0) out = [{ cells: new Map(), expected: null }];
    else if (covering !== undefined) {
      used.add(covering);
      out = [];
    } else {
      let next = depth;
      while (next < dims.length && !candidates.some((i) => dependsOn[i]!.has(dims[next]!))) next++;
      const dim = dims[next]!;
      const classes = space[dim]!;
      // Classes that keep the same candidates (and expectation) share one answer: group them.
      const groups = new Map<string, { classes: number[]; kept: number[]; expected: string | null }>();
      classes.forEach((cls, k) => {
        const kept = candidates.filter((p) => !dependsOn[p]!.has(dim) || passes(dim, k, p));
        const expected = cls.expected ?? null;
        const gkey = `${expected ?? ''}|${kept.join(',')}`;
        const g = groups.get(gkey);
        if (g) g.classes.push(k);
        else groups.set(gkey, { classes: [k], kept, expected });
      });
      out = [];
      for (const g of groups.values()) {
        for (const sub of solve(next + 1, g.kept)) {
          const cells = new Map(sub.cells);
          cells.set(dim, g.classes);
          out.push({ cells, expected: g.expected ?? sub.expected });
        }
      }
    }
    memo.set(key, out);
    return out;
  };

  // Dimensions the space does not split keep the base scenario's value: a policy must match it there to count.
  const baseFacts = prepareFacts(index, base);
  const start = protecting
    .map((_, i) => i)
    .filter((i) => protecting[i]!.checks.every((c) => dims.includes(c.dimension) || c.test(baseFacts) === YES));
  const raw = solve(0, start);
  const gaps: Gap[] = raw.map((g) => {
    const witness = structuredClone(base);
    const cell: Partial<Record<Dimension, string>> = {};
    for (const d of dims) {
      const ks = g.cells.get(d);
      if (!ks) continue;
      space[d]![ks[0]!]!.apply(witness);
      cell[d] = ks.map((k) => space[d]![k]!.label).join('\u0000');
    }
    return { cell, classes: {}, witness, expected: g.expected };
  });
  return { gaps: mergeGaps(gaps, dims, space), nodes, coveredBy: protecting.filter((_, i) => used.has(i)) };
}

/**
 * Gaps that differ in one dimension only are one gap over several classes of it ("browser, mobileAppsAndDesktopClients"),
 * or over "any" when they span all its classes. Repeated until nothing merges; the first gap's witness is kept.
 */
function mergeGaps(gaps: Gap[], dims: readonly Dimension[], space: Space): Gap[] {
  let current = gaps.map((g) => ({ ...g, sets: Object.fromEntries(Object.entries(g.cell).map(([d, v]) => [d, (v as string).split('\u0000')])) as Partial<Record<Dimension, string[]>> }));
  let changed = true;
  while (changed) {
    changed = false;
    for (const dim of [...dims].reverse()) {
      const groups = new Map<string, typeof current>();
      for (const g of current) {
        let key = g.expected ?? '';
        for (const d of dims) if (d !== dim) key += '\u0001' + (g.sets[d]?.join('\u0000') ?? '*');
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
    const classes: Partial<Record<Dimension, string[]>> = {};
    for (const d of dims) {
      const v = sets[d];
      if (!v) continue;
      const all = (space[d] ?? []).map((c) => c.label);
      cell[d] = v.length === all.length && all.every((x) => v.includes(x)) ? 'any' : v.join(', ');
      classes[d] = v;
    }
    return { cell, classes, witness, expected };
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
 * are not enforced, nearest first (then by name); at most `limit`.
 */
export function nearMisses(index: TenantIndex, related: readonly CompiledPolicy[], witness: Scenario, limit = 3): NearMiss[] {
  const facts = prepareFacts(index, witness);
  const out: Array<NearMiss & { distance: number }> = [];
  for (const cp of related) {
    const ev = explainPolicy(cp, facts);
    const reasons = [...ev.reasons];
    if (cp.state === 'enabledForReportingButNotEnforced') reasons.unshift({ reason: 'policyNotEnabled', pointer: '/state', text: 'it is report-only, so nothing is enforced' });
    if (ev.applies === 'applies' && cp.state === 'enabled') continue;
    if (cp.state === 'disabled' && !reasons.some((r) => r.pointer === '/state')) reasons.unshift({ reason: 'policyNotEnabled', pointer: '/state', text: 'it is disabled' });
    // A policy for other people or other resources is farther than one that excludes the sign-in or narrows.
    const distance = reasons.reduce((sum, r) => sum + (r.outOfScope ? 2 : 1), 0);
    out.push({ policyId: cp.id, policyName: cp.name, state: cp.state, reasons, distance });
  }
  // Nearest first (an exclusion or a narrowing condition counts 1, a different population or resource 2), then by name.
  out.sort((a, b) => a.distance - b.distance || (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0));
  return out.slice(0, limit).map(({ distance: _distance, ...n }) => n);
}

export type { DimensionClass, Space };
