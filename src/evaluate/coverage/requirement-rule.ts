/**
 * `requirementRule({ …metadata, requirement })`: a rule that asks "is X protected?" as data. The per-run evaluator
 * answers the requirement; a gap becomes one tenant-wide finding with the uncovered cells, a witness sign-in for each
 * and the policies that came closest (and why each falls short); a requirement calint cannot decide becomes a notice,
 * never a guess.
 */
import type { FindingDraft, Rule, RuleContext, RuleMeta } from '../../engine/rule-types.js';
import type { TenantIndex } from '../../model/tenant-index.js';
import type { RequirementVerdict } from './verdict.js';
import type { Requirement } from './requirement.js';
import { describeControl } from './required-controls.js';

/** A requirement, or alternatives Microsoft accepts alike (met when any one is; the first one is reported). */
export type RequirementOrAlternatives = Requirement | readonly Requirement[];

export interface RequirementRuleSpec<O> extends Omit<RuleMeta<O>, 'uses' | 'scope'> {
  /**
   * The requirement (message id `missing`), or requirements keyed by the message id their finding uses; either may be
   * made from the rule's options and the tenant (the roles an option lists). null: nothing to ask of this tenant.
   */
  requirement:
    | RequirementOrAlternatives
    | Readonly<Record<string, RequirementOrAlternatives>>
    | ((ctx: RuleContext<O>) => RequirementOrAlternatives | Readonly<Record<string, RequirementOrAlternatives>> | null);
  /** Extra message data and evidence for an unmet requirement's finding. */
  details?: (verdict: RequirementVerdict, ctx: RuleContext<O>, messageId: string) => { data?: Record<string, unknown>; evidence?: Record<string, unknown> };
  /** Turns an unmet verdict into findings instead of the default tenant-wide finding. */
  report?: (verdict: RequirementVerdict, ctx: RuleContext<O>, messageId: string) => FindingDraft[];
}

const isRequirement = (x: unknown): x is Requirement => !!x && typeof x === 'object' && 'users' in x && 'control' in x;

function keyed(made: RequirementOrAlternatives | Readonly<Record<string, RequirementOrAlternatives>>): Array<[string, readonly Requirement[]]> {
  if (Array.isArray(made) || isRequirement(made)) return [['missing', (Array.isArray(made) ? made : [made]) as readonly Requirement[]]];
  return Object.entries(made as Record<string, RequirementOrAlternatives>).map(([id, r]) => [id, (Array.isArray(r) ? r : [r]) as readonly Requirement[]]);
}

export function requirementRule<O = Record<string, never>>(spec: RequirementRuleSpec<O>): Rule<O> {
  const { requirement, report, details, ...meta } = spec;
  return {
    ...meta,
    scope: 'tenant',
    uses: ['coverage'],
    check(ctx) {
      const made = typeof requirement === 'function' ? requirement(ctx) : requirement;
      if (made === null) return [];
      return keyed(made).flatMap(([messageId, alternatives]) => {
        const verdicts = alternatives.map((r) => ctx.evaluator.evaluate(r));
        if (verdicts.some((v) => v.satisfied)) return [];
        const verdict = verdicts[0]!;
        if (verdict.status === 'undetermined' || verdict.status === 'incomplete') {
          ctx.notice('not-evaluated', undecidedNotice(ctx.index, verdict));
          return [];
        }
        if (report) return report(verdict, ctx, messageId);
        const extra = details?.(verdict, ctx, messageId) ?? {};
        return [requirementFinding(ctx, verdict, messageId, extra.data, extra.evidence)];
      });
    },
  };
}

/** The default finding of an unmet requirement: tenant-wide, keyed by the message id. */
export function requirementFinding<O>(
  ctx: RuleContext<O>,
  verdict: RequirementVerdict,
  messageId = 'missing',
  data: Record<string, unknown> = {},
  evidence: Record<string, unknown> = {},
): FindingDraft {
  return ctx.finding(null, messageId, {
    pointer: '',
    key: messageId,
    evidence: { ...requirementEvidence(ctx.index, verdict), ...evidence },
    data: { ...requirementFindingData(verdict), ...data },
  });
}

/** A notice for a requirement calint cannot decide: which policies it cannot judge, or how much was not explored. */
export function undecidedNotice(index: TenantIndex, verdict: RequirementVerdict): string {
  if (verdict.status === 'incomplete') {
    return `not evaluated: coverage incomplete: ${formatCount(verdict.unexploredCells)} cells not explored (the walk stopped at its budget of distinct sub-spaces); narrow the question or report the tenant's shape to calint's maintainers`;
  }
  const names = verdict.undeterminedBy.map((cp) => {
    const s = cp.policy.grantControls?.authenticationStrength as { id?: unknown } | null | undefined;
    const strength = s && typeof s.id === 'string' ? ` (authentication strength ${index.nameOf('authenticationStrength', s.id)})` : '';
    return `"${cp.name}"${strength}`;
  });
  return `not evaluated: the requirement is met only if ${names.join(', ')} ${names.length === 1 ? 'provides' : 'provide'} the control, which the export does not tell (add the custom authentication strengths, GET /policies/authenticationStrengthPolicies, to the inputs)`;
}

function formatCount(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : 'too many';
}

/** The classes that make a gap, in words: "holder of Global Administrator; any other resource; an unknown platform". */
export function describeCell(cell: Partial<Record<string, string>>): string {
  const parts = Object.values(cell).filter((v): v is string => typeof v === 'string' && v !== 'any');
  return parts.length ? parts.join('; ') : 'every sign-in';
}

/** One sign-in of a gap, in words: the witness's class in each dimension the gap names ("a member user; android"). */
export function describeWitness(gap: RequirementVerdict['gaps'][number]): string {
  const parts = Object.entries(gap.cell)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== 'any')
    .map(([d, v]) => gap.classes[d as keyof typeof gap.classes]?.[0] ?? v);
  return parts.length ? parts.join('; ') : 'every sign-in';
}

/** Message data: `nearText` ("Not covered, for example: …. Closest: …") and `gapText` (the first gap's witness). */
export function requirementFindingData(verdict: RequirementVerdict): Record<string, unknown> {
  const gap = verdict.gaps[0];
  const more = verdict.gaps.length - 1 + (verdict.truncated ? 1 : 0);
  const uncovered = gap
    ? `Not covered, for example: ${describeWitness(gap)}${more > 0 ? ` (and ${verdict.truncated ? 'more' : more} more gap${more === 1 && !verdict.truncated ? '' : 's'})` : ''}. `
    : '';
  const near = gap?.nearMisses ?? [];
  const nearText =
    near.length === 0
      ? `${uncovered}No policy comes close.`
      : `${uncovered}Closest: ${near.map((n) => `"${n.policyName}" (${n.reasons.map((r) => r.text).join('; ')})`).join('; ')}.`;
  return { nearText, gapText: gap ? describeWitness(gap) : 'every sign-in', gapCount: verdict.gaps.length };
}

/** Evidence: what is required, each gap with its cell, witness and near misses (file pointers of their conditions). */
export function requirementEvidence(index: TenantIndex, verdict: RequirementVerdict): Record<string, unknown> {
  const req = verdict.requirement;
  const controls = Array.isArray(req.control) ? req.control : [req.control];
  return {
    expected: { users: req.users, resources: req.resources, clientApps: req.clientApps ?? null, when: req.when ?? null, controls: controls.map(describeControl) },
    gaps: verdict.gaps.map((g) => ({
      cell: g.cell,
      control: describeControl(g.control),
      witness: g.witness,
      nearMisses: g.nearMisses.map((n) => nearMissRecord(index, n)),
    })),
    truncated: verdict.truncated,
    coveredBy: verdict.coveredBy.map((cp) => ({ policyId: cp.id || null, policyName: cp.name })),
    nearMisses: (verdict.gaps[0]?.nearMisses ?? []).map((n) => nearMissRecord(index, n)),
  };
}

function nearMissRecord(index: TenantIndex, n: RequirementVerdict['gaps'][number]['nearMisses'][number]) {
  const policy = index.policies.find((p) => p.id === n.policyId);
  const source = policy ? index.sourceOf(policy) : undefined;
  return {
    policyId: n.policyId || null,
    policyName: n.policyName,
    state: n.state,
    file: source?.file ?? null,
    reasons: n.reasons.map((r) => ({ reason: r.text, condition: r.reason, pointer: source ? source.bodyPointer + r.pointer : r.pointer })),
  };
}
