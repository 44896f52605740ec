/**
 * What-if: which policies apply to a sign-in, and what the sign-in must then satisfy. Policies are compiled once per
 * tenant (compiledPolicies); evaluating one policy against prepared facts is a short loop over its checks.
 * Semantics: docs/graph-semantics.md ("When a policy applies", "Combining policies") — a disabled policy never
 * applies; a report-only one is evaluated and listed, never enforced; any applying block wins; otherwise every applying
 * policy's grant must be met (OR: one control, AND: all); session controls combine to the most restrictive.
 */
import type { TenantIndex } from '../../model/tenant-index.js';
import type { ConditionalAccessPolicy } from '../../model/snapshot-types.js';
import { isAgentPolicy, policyLabel, policyState, targetsWorkloadIdentities, type PolicyState } from '../../model/policy.js';
import { grantAlternatives, type Control } from '../controls.js';
import { compileChecks, type AnalysisReason, type Check, type Dimension } from './conditions.js';
import { NO, UNKNOWN, YES, prepareFacts, type Facts, type Tri } from './facts.js';
import { normalizeScenario, type Scenario } from './scenario.js';
import { combineSession, sessionOf, type SessionOutcome, type SessionSettings } from './session.js';

export interface CompiledPolicy {
  policy: ConditionalAccessPolicy;
  id: string;
  name: string;
  state: PolicyState;
  checks: Check[];
  /** Every way through the grant (one list for AND, one per control for OR); [['block']] for block. */
  alternatives: Control[][];
  session: SessionSettings;
  /** Who the policy is for: people (users, groups, roles, guests), workload identities, or agents only. */
  audience: 'people' | 'workloadIdentities' | 'agents';
  /** The dimensions its checks read (coverage splits only on these). */
  dimensions: ReadonlySet<Dimension>;
}

/** Every policy of the tenant compiled, in a stable order (name, then id). The evaluator keeps one list per run. */
export function compilePolicies(index: TenantIndex): CompiledPolicy[] {
  const compiled = index.policies.map((policy) => compilePolicy(index, policy));
  return compiled.sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compilePolicy(index: TenantIndex, policy: ConditionalAccessPolicy): CompiledPolicy {
  const checks = compileChecks(index, policy);
  return {
    policy,
    id: typeof policy.id === 'string' ? policy.id : '',
    name: policyLabel(policy),
    state: policyState(policy),
    checks,
    dimensions: new Set(checks.map((c) => c.dimension)),
    alternatives: grantAlternatives(policy),
    session: sessionOf(policy),
    audience: isAgentPolicy(policy) ? 'agents' : targetsWorkloadIdentities(policy) ? 'workloadIdentities' : 'people',
  };
}

/** Whether the policy's conditions all match (the state is not looked at). The hot path: no allocation. */
export function conditionsMatch(cp: CompiledPolicy, facts: Facts): Tri {
  let out: Tri = YES;
  const checks = cp.checks;
  for (let i = 0; i < checks.length; i++) {
    const v = checks[i]!.test(facts);
    if (v === NO) return NO;
    if (v === UNKNOWN) out = UNKNOWN;
  }
  return out;
}

export type Applies = 'applies' | 'doesNotApply' | 'cannotTell';

export interface ConditionReason {
  /** `controls`: the policy reaches the sign-in but lacks the control a requirement asks for (near misses only). */
  reason: AnalysisReason | 'policyNotEnabled' | 'notEnoughInformation' | 'controls';
  /** With notEnoughInformation: the condition that needs the missing fact (location, devices, …). */
  condition?: AnalysisReason;
  /** Relative to the policy. */
  pointer: string;
  text: string;
  /** A who/what condition that does not include the sign-in at all (as opposed to excluding it or narrowing). */
  outOfScope?: boolean;
}

export interface PolicyEvaluation {
  policyId: string;
  policyName: string;
  state: PolicyState;
  applies: Applies;
  /** doesNotApply: every condition that leaves the sign-in out; cannotTell: every fact that is missing. */
  reasons: ConditionReason[];
}

/** One policy against one sign-in, with reasons. */
export function explainPolicy(cp: CompiledPolicy, facts: Facts): PolicyEvaluation {
  const base = { policyId: cp.id, policyName: cp.name, state: cp.state };
  if (cp.state === 'disabled') {
    return { ...base, applies: 'doesNotApply', reasons: [{ reason: 'policyNotEnabled', pointer: '/state', text: 'it is disabled' }] };
  }
  const no: ConditionReason[] = [];
  const unknown: ConditionReason[] = [];
  for (const check of cp.checks) {
    const v = check.test(facts);
    if (v === YES) continue;
    const outOfScope = v === NO && (check.dimension === 'identity' || check.dimension === 'target') && !(check.excludes?.(facts) ?? false);
    const reason = check.reasonFor?.(facts) ?? check.reason;
    const entry = { reason, pointer: v === NO && check.pointerFor ? check.pointerFor(facts) : check.pointer, text: check.explain(facts, v), ...(outOfScope ? { outOfScope } : {}) };
    // A condition calint cannot read (a device filter that does not parse) keeps its own reason, invalidCondition.
    (v === NO ? no : unknown).push(v === UNKNOWN && reason !== 'invalidCondition' ? { ...entry, reason: 'notEnoughInformation' as const, condition: reason } : entry);
  }
  if (no.length) return { ...base, applies: 'doesNotApply', reasons: no };
  if (unknown.length) return { ...base, applies: 'cannotTell', reasons: unknown };
  return { ...base, applies: 'applies', reasons: [] };
}

export interface PolicyRef {
  policyId: string;
  policyName: string;
}

export type GrantControl =
  | { kind: 'builtIn'; control: string }
  | { kind: 'authenticationStrength'; id: string; name: string; allowedCombinations: string[] }
  | { kind: 'termsOfUse'; ids: string[] }
  | { kind: 'customControl'; ids: string[] };

export interface GrantRequirement extends PolicyRef {
  operator: 'AND' | 'OR';
  controls: GrantControl[];
}

export interface WhatIfOutcome {
  /**
   * blocked: an enforced policy blocks; grant: enforced policies apply, and the sign-in must satisfy their grant
   * controls (none, when they apply with session controls only) and gets their session controls; allowed: no enforced
   * policy applies.
   */
  decision: 'blocked' | 'grant' | 'allowed';
  /** Every enforced policy that applies (blocking, granting, or with session controls only). */
  applying: PolicyRef[];
  /** False when an enforced policy might apply but calint cannot tell (the decision may be stricter). */
  certain: boolean;
  blockedBy: PolicyRef[];
  requirements: GrantRequirement[];
  session: SessionOutcome;
  /** Report-only policies that would have applied (or might): listed, never enforced. */
  reportOnly: Array<PolicyRef & { applies: Applies }>;
  /** Enforced policies calint cannot decide, with the facts they need and the conditions that need them. */
  undetermined: Array<PolicyRef & { needs: string[]; conditions: string[] }>;
}

export interface WhatIfResult {
  scenario: Scenario;
  outcome: WhatIfOutcome;
  policies: PolicyEvaluation[];
}

/** What evaluating sign-ins needs of the run: the tenant, its compiled policies, facts for a scenario. */
export interface WhatIfContext {
  index: TenantIndex;
  policies: readonly CompiledPolicy[];
  facts(scenario: Scenario): Facts;
}

/**
 * Evaluate every policy of the tenant against one sign-in scenario (normalised first; throws ScenarioError). Given a
 * tenant index, the policies are compiled for this one question; the evaluator (evaluator.ts) compiles them once per run.
 */
export function whatIf(ctx: WhatIfContext | TenantIndex, input: Scenario): WhatIfResult {
  const c: WhatIfContext = 'policies' in ctx && 'facts' in ctx ? ctx : { index: ctx, policies: compilePolicies(ctx), facts: (s) => prepareFacts(ctx, s) };
  const scenario = normalizeScenario(input);
  const facts = c.facts(scenario);
  const policies = c.policies.map((cp) => explainPolicy(cp, facts));
  return { scenario, outcome: combine(c.index, c.policies, policies), policies };
}

function combine(index: TenantIndex, compiled: readonly CompiledPolicy[], evaluations: PolicyEvaluation[]): WhatIfOutcome {
  const blockedBy: PolicyRef[] = [];
  const requirements: GrantRequirement[] = [];
  const sessions: Array<{ ref: PolicyRef; session: SessionSettings }> = [];
  const reportOnly: WhatIfOutcome['reportOnly'] = [];
  const undetermined: WhatIfOutcome['undetermined'] = [];
  const applying: PolicyRef[] = [];
  compiled.forEach((cp, i) => {
    const ev = evaluations[i]!;
    const ref = { policyId: cp.id, policyName: cp.name };
    if (ev.applies === 'doesNotApply') return;
    if (cp.state === 'enabledForReportingButNotEnforced') {
      reportOnly.push({ ...ref, applies: ev.applies });
      return;
    }
    if (ev.applies === 'cannotTell') {
      undetermined.push({ ...ref, needs: ev.reasons.map((r) => r.text), conditions: [...new Set(ev.reasons.map((r) => r.condition ?? r.reason))] });
      return;
    }
    applying.push(ref);
    if (cp.alternatives.some((alt) => alt.includes('block'))) blockedBy.push(ref);
    else if (cp.alternatives.length > 0) requirements.push({ ...ref, ...grantRequirement(index, cp) });
    sessions.push({ ref, session: cp.session });
  });
  // An enforced policy that applies with session controls only is still an applying policy: the sign-in is granted
  // with no grant control to meet, and gets its session controls.
  const decision = blockedBy.length ? 'blocked' : applying.length ? 'grant' : 'allowed';
  return {
    decision,
    applying,
    certain: undetermined.length === 0,
    blockedBy,
    requirements: blockedBy.length ? [] : requirements,
    session: combineSession(blockedBy.length ? [] : sessions),
    reportOnly,
    undetermined,
  };
}

function grantRequirement(index: TenantIndex, cp: CompiledPolicy): { operator: 'AND' | 'OR'; controls: GrantControl[] } {
  const g = cp.policy.grantControls!;
  const operator = typeof g.operator === 'string' && g.operator.toUpperCase() === 'AND' ? 'AND' : 'OR';
  const controls: GrantControl[] = [];
  for (const c of [...new Set(cp.alternatives.flat())]) {
    if (c === 'authenticationStrength') {
      const s = g.authenticationStrength as { id: string; allowedCombinations?: unknown } | null;
      const id = s!.id;
      const exported = (index.snapshot.authenticationStrengths ?? []).find((x) => typeof x.id === 'string' && x.id.toLowerCase() === id.toLowerCase()) as
        | { allowedCombinations?: unknown }
        | undefined;
      const combos = Array.isArray(s!.allowedCombinations) && s!.allowedCombinations.length ? s!.allowedCombinations : exported?.allowedCombinations;
      controls.push({
        kind: 'authenticationStrength',
        id,
        name: index.nameOf('authenticationStrength', id),
        allowedCombinations: Array.isArray(combos) ? combos.filter((x): x is string => typeof x === 'string') : [],
      });
    } else if (c === 'termsOfUse') controls.push({ kind: 'termsOfUse', ids: (g.termsOfUse ?? []).filter((x): x is string => typeof x === 'string') });
    else if (c === 'customControl') controls.push({ kind: 'customControl', ids: (g.customAuthenticationFactors ?? []).filter((x): x is string => typeof x === 'string') });
    else controls.push({ kind: 'builtIn', control: c });
  }
  return { operator: cp.alternatives.length > 1 ? 'OR' : operator, controls };
}

/** Does an enforced policy force MFA (or an authentication strength) or block? What coverage looks for. */
export function protects(cp: CompiledPolicy): boolean {
  const alts = cp.alternatives;
  return alts.length > 0 && alts.every((alt) => alt.includes('block') || alt.includes('mfa') || alt.includes('authenticationStrength'));
}
