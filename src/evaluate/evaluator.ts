/**
 * The per-run evaluator: Conditional Access semantics for one tenant, built once per run and handed to the rules that
 * declare `uses: ['coverage']` (as typescript-eslint hands rules the type checker). It compiles the policies and the
 * named locations once, and keeps what walks share (classes, class facts, per-policy answers, requirement verdicts).
 * Every cache of src/evaluate lives here, for the length of one run; nothing is kept at module level.
 */
import type { TenantIndex } from '../model/tenant-index.js';
import { compilePolicies, whatIf, type CompiledPolicy, type WhatIfResult } from './whatif/evaluate.js';
import { compileLocations, prepareFacts, type Facts, type LocationTable, type Tri } from './whatif/facts.js';
import type { Scenario } from './whatif/scenario.js';
import type { DimensionClass } from './coverage/classes.js';
import { requirementKey, type RequiredControl, type Requirement } from './coverage/requirement.js';
import { provides } from './coverage/required-controls.js';
import { evaluateRequirement, type RequirementVerdict, type VerdictContext } from './coverage/verdict.js';
import { RUN_MAX_NODES, type WalkMemory } from './coverage/walk.js';

export class Evaluator implements VerdictContext {
  readonly index: TenantIndex;
  private compiled: CompiledPolicy[] | null = null;
  private locationTable: LocationTable | null = null;
  private readonly classes = new Map<string, DimensionClass[]>();
  private readonly verdicts = new Map<string, RequirementVerdict>();
  private readonly provided = new Map<string, Map<CompiledPolicy, Tri>>();
  readonly memory: WalkMemory = { facts: new Map(), answers: new Map() };
  /** The run's coverage budget (distinct sub-spaces, all walks together): a pathological tenant stops, and says so. */
  readonly budget = { nodesLeft: RUN_MAX_NODES };

  constructor(index: TenantIndex) {
    this.index = index;
  }

  /** Every policy compiled into condition checks, in a stable order (name, then id). */
  get policies(): readonly CompiledPolicy[] {
    return (this.compiled ??= compilePolicies(this.index));
  }

  /** The compiled policy of a policy object of this tenant. */
  compiledOf(policy: object): CompiledPolicy | undefined {
    return this.policies.find((cp) => cp.policy === policy);
  }

  get locations(): LocationTable {
    return (this.locationTable ??= compileLocations(this.index));
  }

  facts(scenario: Scenario): Facts {
    return prepareFacts(this.index, scenario, this.locations);
  }

  /** Classes are built once per run for each key (the space builder names them). */
  memo(key: string, make: () => DimensionClass[]): DimensionClass[] {
    let hit = this.classes.get(key);
    if (!hit) this.classes.set(key, (hit = make()));
    return hit;
  }

  /** Does the policy provide the control (on every path of its grant, or by its session controls)? */
  provides(cp: CompiledPolicy, control: RequiredControl): Tri {
    const key = control.kind === 'signInFrequency' ? `signInFrequency:${control.maxHours}` : control.kind;
    let byPolicy = this.provided.get(key);
    if (!byPolicy) this.provided.set(key, (byPolicy = new Map()));
    let v = byPolicy.get(cp);
    if (v === undefined) byPolicy.set(cp, (v = provides(this.index, cp, control)));
    return v;
  }

  /** Is the requirement met? One answer per distinct requirement per run, however many rules ask. */
  evaluate(req: Requirement): RequirementVerdict {
    const key = requirementKey(req);
    let hit = this.verdicts.get(key);
    if (!hit) this.verdicts.set(key, (hit = evaluateRequirement(this, req)));
    return hit;
  }

  whatIf(scenario: Scenario): WhatIfResult {
    return whatIf(this, scenario);
  }
}
