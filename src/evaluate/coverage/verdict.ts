/**
 * The answer to a requirement: met, or the cells of its sign-in space that no enabled policy protects, each with a
 * witness sign-in and the policies that come closest (their reasons are the compiled condition checks' own, plus the
 * control they lack). One walk per required control; the walk is the one `calint coverage` runs.
 */
import { targetsAgents } from '../../model/policy.js';
import { explainPolicy, type CompiledPolicy, type ConditionReason } from '../whatif/evaluate.js';
import { NO, UNKNOWN, YES, type Tri } from '../whatif/facts.js';
import type { Scenario } from '../whatif/scenario.js';
import type { Dimension } from '../whatif/conditions.js';
import type { Space } from './classes.js';
import { describeControl, explainMissingControl, provides, relatedTo } from './required-controls.js';
import { controlsOf, type RequiredControl, type Requirement } from './requirement.js';
import { requirementSpace, type SpaceContext, type SpaceOptions } from './space.js';
import { walkCoverage, type Gap, type WalkContext, type WalkLimits } from './walk.js';

export interface NearMiss {
  policyId: string;
  policyName: string;
  state: string;
  reasons: ConditionReason[];
}

export interface RequirementGap extends Gap {
  /** The control no policy provides in this cell. */
  control: RequiredControl;
  /** The policies closest to covering the witness, nearest first (at most three). */
  nearMisses: NearMiss[];
}

export type RequirementStatus =
  /** Every cell is protected. */
  | 'met'
  /** Some cell is not: the gaps say which. */
  | 'notMet'
  /** Met only if policies calint cannot judge (a custom strength the export does not define) provide the control. */
  | 'undetermined'
  /** The walk ran out of its node budget before finding a gap: not every cell was looked at. */
  | 'incomplete';

export interface RequirementVerdict {
  requirement: Requirement;
  status: RequirementStatus;
  satisfied: boolean;
  /** Unprotected cells (break-glass and other expected gaps excluded), with witnesses and near misses. */
  gaps: RequirementGap[];
  /** More gaps exist than are listed. */
  truncated: boolean;
  /** The enabled policies that protect some cell. */
  coveredBy: CompiledPolicy[];
  /** With `undetermined`: the policies whose control calint cannot judge. */
  undeterminedBy: CompiledPolicy[];
  /** With `incomplete`: how many cells were never looked at. */
  unexploredCells: number;
  /** Distinct sub-spaces the walks solved (the size of the search). */
  nodes: number;
  /** The classes of each dimension the space was split into. */
  space: Space;
}

export interface VerdictOptions extends SpaceOptions {
  limits?: WalkLimits;
  /** Count report-only policies as enabled (`calint coverage --assume-enabled`). */
  assumeEnabled?: boolean;
  /** List expected gaps (break-glass accounts) too, marked as such. */
  keepExpected?: boolean;
  /** How many gaps get their near misses worked out (default 1). */
  explainGaps?: number;
  /** Name blocking policies as near misses whatever the control (`calint coverage`). */
  nearMissBlocks?: boolean;
}

export interface VerdictContext extends SpaceContext, WalkContext {
  /** provides(), remembered per policy and control for the run. */
  provides(cp: CompiledPolicy, control: RequiredControl): Tri;
}

/** Gaps a verdict lists (with near misses); the walk stops once it has this many. */
export const VERDICT_GAP_LIMIT = 25;
/** Gaps whose near misses are worked out (the rest are listed with their witness only): the first, for a finding. */
const EXPLAINED_GAPS = 1;

/** Policies that can protect a sign-in of this requirement: agent policies never reach a person's sign-in. */
function eligible(req: Requirement, cp: CompiledPolicy): boolean {
  return req.users.kind === 'agents' || req.users.kind === 'workloadIdentities' || cp.audience !== 'agents';
}

/** The dimensions a requirement's `when` is about. */
function focusDimensions(req: Requirement): Dimension[] {
  const w = req.when ?? {};
  const out: Dimension[] = [];
  if (w.platforms) out.push('platform');
  if (w.locations) out.push('location');
  if (w.signInRisk) out.push('signInRisk');
  if (w.userRisk) out.push('userRisk');
  if (w.insiderRisk) out.push('insiderRisk');
  if (w.servicePrincipalRisk) out.push('servicePrincipalRisk');
  if (w.agentRisk) out.push('agentIdRisk');
  if (w.authenticationFlows) out.push('authenticationFlow');
  if (w.devices) out.push('device');
  return out;
}

/** Policies worth naming as near misses: those for the same kind of identity as the requirement. */
function nearMissCandidate(req: Requirement, cp: CompiledPolicy): boolean {
  if (req.users.kind === 'agents') return cp.audience === 'agents' || targetsAgents(cp.policy);
  if (req.users.kind === 'workloadIdentities') return cp.audience === 'workloadIdentities';
  return cp.audience === 'people';
}

export function evaluateRequirement(ctx: VerdictContext, req: Requirement, options: VerdictOptions = {}): RequirementVerdict {
  const space = requirementSpace(ctx, req, options);
  const named: Dimension[] = [...(req.users.kind !== 'all' ? (['identity'] as const) : []), ...(req.resources.kind !== 'all' ? (['target'] as const) : []), ...(req.clientApps ? (['clientApp'] as const) : []), ...focusDimensions(req)];
  const limits: WalkLimits = { maxGaps: VERDICT_GAP_LIMIT, named, ...options.limits };
  const gapLimit = limits.maxGaps ?? VERDICT_GAP_LIMIT;
  const counts = (cp: CompiledPolicy) => cp.state === 'enabled' || (options.assumeEnabled === true && cp.state === 'enabledForReportingButNotEnforced');
  let nodes = 0;
  const gaps: RequirementGap[] = [];
  const coveredBy = new Set<CompiledPolicy>();
  const undeterminedBy = new Set<CompiledPolicy>();
  let truncated = false;
  let unexplored = 0;
  let undetermined = false;
  for (const control of controlsOf(req)) {
    const enabled = ctx.policies.filter((cp) => counts(cp) && eligible(req, cp));
    const yes = enabled.filter((cp) => ctx.provides(cp, control) === YES);
    const walk = walkCoverage(ctx, yes, space, limits);
    nodes += walk.nodes;
    for (const cp of walk.coveredBy) coveredBy.add(cp);
    const open = walk.gaps.filter((g) => options.keepExpected === true || !g.expected);
    if (walk.incomplete) unexplored += walk.incomplete.unexploredCells;
    if (open.length === 0) continue;
    const maybe = enabled.filter((cp) => ctx.provides(cp, control) === UNKNOWN);
    if (maybe.length > 0) {
      const wider = walkCoverage(ctx, [...yes, ...maybe], space, limits);
      nodes += wider.nodes;
      if (wider.gaps.every((g) => g.expected) && !wider.incomplete) {
        undetermined = true;
        for (const cp of maybe) if (wider.coveredBy.includes(cp)) undeterminedBy.add(cp);
        continue;
      }
    }
    truncated ||= walk.truncated;
    for (const g of open) gaps.push({ ...g, control, nearMisses: [] });
  }
  // Near misses: policies of the same audience with the control or one close to it; when the requirement is about some
  // conditions (a risk level, a flow, a platform), the policies that look at those conditions come first.
  const focus = focusDimensions(req);
  const related = (control: RequiredControl) => {
    const about = (cp: CompiledPolicy) => cp.checks.some((c) => focus.includes(c.dimension));
    // A block about the same conditions is close too (blocking registration outside trusted locations, say).
    const all = ctx.policies.filter((cp) => nearMissCandidate(req, cp) && (relatedTo(cp, control, options.nearMissBlocks === true) || (about(cp) && relatedTo(cp, { kind: 'block' }))));
    const focused = all.filter(about);
    return focused.length > 0 ? focused : all;
  };
  const listed = gaps.slice(0, gapLimit);
  for (const g of listed.slice(0, options.explainGaps ?? EXPLAINED_GAPS)) g.nearMisses = nearMisses(ctx, related(g.control), g.control, g.witness);
  const unexpected = gaps.filter((g) => !g.expected);
  const status: RequirementStatus = unexpected.length > 0 ? 'notMet' : unexplored > 0 ? 'incomplete' : undetermined ? 'undetermined' : 'met';
  return {
    requirement: req,
    status,
    satisfied: status === 'met',
    gaps: listed,
    truncated: truncated || gaps.length > gapLimit,
    coveredBy: ctx.policies.filter((cp) => coveredBy.has(cp)),
    undeterminedBy: ctx.policies.filter((cp) => undeterminedBy.has(cp)),
    unexploredCells: unexplored,
    nodes,
    space,
  };
}

/**
 * The policies that come closest to protecting a witness: those related to the control that do not apply to it, are
 * not enforced, or apply without the control; nearest first (then by name), at most `limit`. A reason about who or
 * what (another population, another resource) weighs two; an exclusion, a narrowing condition, the state or the
 * control one.
 */
export function nearMisses(ctx: Pick<WalkContext, 'facts' | 'index'> & { provides?: VerdictContext['provides'] }, related: readonly CompiledPolicy[], control: RequiredControl | null, witness: Scenario, limit = 3): NearMiss[] {
  const facts = ctx.facts(witness);
  const lacks = (cp: CompiledPolicy) => control !== null && (ctx.provides ? ctx.provides(cp, control) : provides(ctx.index, cp, control)) !== YES;
  // The distance first, without words (most related policies are far): only the nearest are explained.
  const ranked: Array<{ cp: CompiledPolicy; distance: number }> = [];
  for (const cp of related) {
    // A disabled policy's only reason is that it is disabled (as explainPolicy says it).
    if (cp.state === 'disabled') {
      ranked.push({ cp, distance: 1 + (lacks(cp) ? 1 : 0) });
      continue;
    }
    let no = 0;
    let unknown = 0;
    for (const check of cp.checks) {
      const v = check.test(facts);
      if (v === YES) continue;
      if (v === NO) no += (check.dimension === 'identity' || check.dimension === 'target') && !(check.excludes?.(facts) ?? false) ? 2 : 1;
      else unknown += 1;
    }
    const state = cp.state === 'enabled' ? 0 : 1;
    const missing = lacks(cp) ? 1 : 0;
    if (cp.state === 'enabled' && no === 0 && unknown === 0 && missing === 0) continue;
    ranked.push({ cp, distance: (no > 0 ? no : unknown) + state + missing });
  }
  ranked.sort((a, b) => a.distance - b.distance || (a.cp.name < b.cp.name ? -1 : a.cp.name > b.cp.name ? 1 : 0));
  return ranked.slice(0, limit).map(({ cp }) => {
    const ev = explainPolicy(cp, facts);
    const reasons: ConditionReason[] = [...ev.reasons];
    if (cp.state === 'enabledForReportingButNotEnforced') reasons.unshift({ reason: 'policyNotEnabled', pointer: '/state', text: 'it is report-only, so nothing is enforced' });
    if (cp.state === 'disabled' && !reasons.some((r) => r.pointer === '/state')) reasons.unshift({ reason: 'policyNotEnabled', pointer: '/state', text: 'it is disabled' });
    if (control !== null && lacks(cp)) {
      const session = control.kind === 'signInFrequency' || control.kind === 'neverPersistentBrowser' || control.kind === 'appEnforcedRestrictions';
      reasons.push({ reason: 'controls', pointer: session ? '/sessionControls' : '/grantControls', text: explainMissingControl(ctx.index, cp, control) });
    }
    return { policyId: cp.id, policyName: cp.name, state: cp.state, reasons };
  });
}

/** The requirement's space (for `calint coverage --requirement`-style questions and the property test). */
export function spaceOf(ctx: SpaceContext, req: Requirement, options: SpaceOptions = {}): Space {
  return requirementSpace(ctx, req, options);
}

export { describeControl };
