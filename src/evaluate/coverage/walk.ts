/**
 * Coverage: which cells of who × what × client app × platform × location × risk × flow × device no enabled policy
 * protects. The product space is walked one dimension at a time, keeping only the protecting policies still in play;
 * a branch ends as soon as one of them no longer depends on any dimension left (covered) or none is left (a gap for
 * the whole remaining sub-space, reported once with "any" for the dimensions it did not need to split). A dimension no
 * remaining policy looks at is never split.
 */
import type { TenantIndex } from '../../model/tenant-index.js';
import type { Dimension } from '../whatif/conditions.js';
import type { CompiledPolicy } from '../whatif/evaluate.js';
import { YES, type Facts } from '../whatif/facts.js';
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
  /** The walk stopped once it had as many gaps as asked for: more may exist. */
  truncated: boolean;
  /** The node budget ran out before the whole space was explored: how many cells were never looked at. */
  incomplete: { unexploredCells: number } | null;
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

/** The per-run memory a walk shares with other walks over the same tenant (kept by the evaluator). */
export interface WalkMemory {
  /** Per class key (dimension and class): the facts of the default scenario with that class applied. */
  facts: Map<string, Facts>;
  /** Per class key: whether each policy's checks of that dimension pass. */
  answers: Map<string, Map<CompiledPolicy, boolean>>;
}

export interface WalkLimits {
  /** Stop after this many raw gaps (a verdict needs only a few; `calint coverage` lists more). */
  maxGaps?: number;
  /** Stop splitting after this many distinct sub-spaces; what was not explored is counted, never reported as covered. */
  maxNodes?: number;
  /** Dimensions the question is about: named in a gap's cell even when they have one class (a role, a risk level). */
  named?: readonly Dimension[];
}

/** The default node budget of one walk: enough for every real tenant seen; a pathological one stops with a notice. */
export const DEFAULT_MAX_NODES = 200_000;

/**
 * The node budget of a whole run (every walk of every rule together), so that a pathological tenant costs a lint run a
 * bounded time too: once spent, the remaining walks stop at once and say so.
 */
export const RUN_MAX_NODES = 600_000;

export interface WalkContext {
  index: TenantIndex;
  /** What is left of the run's node budget (walks spend it). */
  budget: { nodesLeft: number };
  /** Facts of a scenario against the tenant (the evaluator's locations table is reused). */
  facts(scenario: Scenario): Facts;
  memory: WalkMemory;
}

export function walkCoverage(ctx: WalkContext, protecting: readonly CompiledPolicy[], space: Space, limits: WalkLimits = {}, base: Scenario = DEFAULT): WalkResult {
  const dims = DIMENSION_ORDER.filter((d) => (space[d]?.length ?? 0) > 0);
  const dependsOn = protecting.map((cp) => cp.dimensions);
  // A check reads only the fields of its own dimension, so whether policy p passes dimension d in class k is worked out
  // once per (d, k, p) against the base scenario with that class applied, whatever the path to it. With the default
  // base, answers are kept per run and policy across walks (baseline rules walk many overlapping spaces).
  const shared = base === DEFAULT ? ctx.memory : { facts: new Map<string, Facts>(), answers: new Map<string, Map<CompiledPolicy, boolean>>() };
  const classKeys = new Map(dims.map((d) => [d, space[d]!.map((cls) => `${d}\u0000${cls.key ?? cls.label}`)]));
  const passes = (d: Dimension, k: number, p: number): boolean => {
    const cls = space[d]![k]!;
    const key = classKeys.get(d)![k]!;
    const cp = protecting[p]!;
    let byPolicy = shared.answers.get(key);
    if (!byPolicy) shared.answers.set(key, (byPolicy = new Map()));
    let v = byPolicy.get(cp);
    if (v === undefined) {
      let facts = shared.facts.get(key);
      if (!facts) {
        const scenario = structuredClone(base);
        cls.apply(scenario);
        facts = ctx.facts(scenario);
        shared.facts.set(key, facts);
      }
      v = cp.checks.every((c) => c.dimension !== d || c.test(facts!) === YES);
      byPolicy.set(cp, v);
    }
    return v;
  };
  const maxGaps = limits.maxGaps ?? Number.POSITIVE_INFINITY;
  const maxNodes = limits.maxNodes ?? DEFAULT_MAX_NODES;
  let rawGaps = 0;
  /** Enough gaps are known: the rest of the space was not looked at (the answer "not met" stands). */
  let stopped = false;
  /** The node budget ran out: the space was not fully explored (the answer may be incomplete). */
  let budgetExhausted = false;
  let unexplored = 0;

  interface SubGap {
    /** Class indices per split dimension. */
    cells: Map<Dimension, number[]>;
    expected: string | null;
  }
  const used = new Set<number>();
  const memo = new Map<string, SubGap[]>();
  let nodes = 0;

  // The cells below `depth` (a product of class counts), for the notice of an incomplete walk.
  const cellsBelow = (depth: number) => dims.slice(depth).reduce((n, d) => n * (space[d]?.length ?? 1), 1);

  // The gaps of the sub-space below `depth` for these candidates. Sub-spaces with the same candidates have the same
  // gaps (checks of later dimensions do not look at earlier ones), so each is solved once. The walk stops at the node
  // budget (what is left is counted as unexplored) or once enough gaps are known (a verdict needs only a few).
  const solve = (depth: number, candidates: number[]): SubGap[] => {
    const key = `${depth}|${candidates.join(',')}`;
    const hit = memo.get(key);
    if (hit) return hit;
    if (stopped) return [];
    if (nodes >= maxNodes || ctx.budget.nodesLeft <= 0) {
      budgetExhausted = true;
      unexplored += cellsBelow(depth);
      return [];
    }
    nodes++;
    ctx.budget.nodesLeft--;
    let out: SubGap[];
    const remaining = dims.slice(depth);
    const covering = candidates.find((i) => remaining.every((d) => !dependsOn[i]!.has(d)));
    if (candidates.length === 0) {
      out = [{ cells: new Map(), expected: null }];
      rawGaps++;
      if (rawGaps >= maxGaps) stopped = true;
    } else if (covering !== undefined) {
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
        if (stopped || budgetExhausted) {
          if (budgetExhausted) unexplored += g.classes.length * cellsBelow(next + 1);
          continue;
        }
        for (const sub of solve(next + 1, g.kept)) {
          const cells = new Map(sub.cells);
          cells.set(dim, g.classes);
          out.push({ cells, expected: g.expected ?? sub.expected });
        }
        if (out.length >= maxGaps) stopped = true;
      }
    }
    // A sub-space cut short is not remembered: its answer is incomplete.
    if (!stopped && !budgetExhausted) memo.set(key, out);
    return out;
  };

  // Dimensions the space does not split keep the base scenario's value: a policy must match it there to count.
  let baseFacts = shared.facts.get('\u0000base');
  if (!baseFacts) shared.facts.set('\u0000base', (baseFacts = ctx.facts(base)));
  const start = protecting
    .map((_, i) => i)
    .filter((i) => protecting[i]!.checks.every((c) => dims.includes(c.dimension) || c.test(baseFacts) === YES));
  const raw = solve(0, start).slice(0, Number.isFinite(maxGaps) ? maxGaps : undefined);
  const gaps: Gap[] = raw.map((g) => {
    const witness = structuredClone(base);
    const cell: Partial<Record<Dimension, string>> = {};
    for (const d of dims) {
      const ks = g.cells.get(d);
      // A dimension the walk did not need to split is a gap in every class: the witness takes the first, so it stays
      // inside the requirement's space.
      if (!ks) {
        // "Any other resource" and "anywhere else" (the last classes) read best for what and where; the first for the rest.
        const classes = space[d]!;
        const pick = d === 'target' || d === 'location' ? classes[classes.length - 1]! : classes[0]!;
        pick.apply(witness);
        if (classes.length === 1 && limits.named?.includes(d)) cell[d] = pick.label;
        continue;
      }
      space[d]![ks[0]!]!.apply(witness);
      cell[d] = ks.map((k) => space[d]![k]!.label).join('\u0000');
    }
    return { cell, classes: {}, witness, expected: g.expected };
  });
  return {
    gaps: mergeGaps(gaps, dims, space),
    nodes,
    coveredBy: protecting.filter((_, i) => used.has(i)),
    truncated: stopped,
    incomplete: budgetExhausted ? { unexploredCells: unexplored } : null,
  };
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
      // "any" when the gap spans a dimension of several classes; a one-class dimension is named (it is the question).
      cell[d] = all.length > 1 && v.length === all.length && all.every((x) => v.includes(x)) ? 'any' : v.join(', ');
      // A class standing for several roles or groups is listed as each of them.
      const byLabel = new Map((space[d] ?? []).map((c) => [c.label, c]));
      classes[d] = v.flatMap((label) => byLabel.get(label)?.members ?? [label]);
    }
    return { cell, classes, witness, expected };
  });
}

export type { DimensionClass, Space };
