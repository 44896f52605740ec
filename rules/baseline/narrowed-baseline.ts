import { defineRule } from '../../src/engine/define-rule.js';
import type { Evaluator } from '../../src/evaluate/evaluator.js';
import { blocks, requiresMfa } from '../../src/evaluate/controls.js';
import type { Requirement } from '../../src/evaluate/coverage/requirement.js';
import { requirementSpace } from '../../src/evaluate/coverage/space.js';
import { defaultScenario } from '../../src/evaluate/coverage/walk.js';
import type { Dimension } from '../../src/evaluate/whatif/conditions.js';
import type { CompiledPolicy } from '../../src/evaluate/whatif/evaluate.js';
import { NO } from '../../src/evaluate/whatif/facts.js';
import { PLATFORMS, type InsiderRiskLevel, type Platform, type RiskLevel, type TransferMethod } from '../../src/evaluate/whatif/scenario.js';
import { applicationsCondition, flags, hasKeyword, includesAllUsers, isEnabled, list, targetsWorkloadIdentities } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import { APP_ALL } from '../../src/model/well-known-apps.js';
import { KNOWN_DEVICE_PLATFORMS, LEGACY_CLIENT_APP_TYPES, PLATFORM_ALL, RETIRED_DEVICE_PLATFORMS } from '../../src/model/well-known-platforms.js';

/** The baseline a policy stands for: its requirement, and the dimensions its defining condition is about. */
interface Definition {
  name: string;
  requirement: Requirement;
  defining: readonly Dimension[];
}

/**
 * Which baseline does the policy implement? The condition that defines a known baseline is not a narrowing:
 * user / sign-in / insider risk levels, authentication flows, legacy client app types, and, for block policies, the
 * unknown-platform shape and a location condition (block by country or outside known networks). A block policy with
 * none of these is a deliberate restriction (block a platform, a device filter for PAWs, deny-by-default with app
 * exclusions), not a narrowed baseline: null.
 */
function defineBaseline(policy: ConditionalAccessPolicy, blocking: boolean): Definition | null {
  const c = policy.conditions;
  const control = blocking ? ({ kind: 'block' } as const) : ({ kind: 'mfa' } as const);
  const verb = blocking ? 'block' : 'MFA';
  const user = list(c?.userRiskLevels) as RiskLevel[];
  const signIn = list(c?.signInRiskLevels) as RiskLevel[];
  const insider = flags(c?.insiderRiskLevels) as InsiderRiskLevel[];
  const flows = flags(c?.authenticationFlows?.transferMethods) as TransferMethod[];
  const types = list(c?.clientAppTypes);
  const legacy = types.length > 0 && !hasKeyword(types, 'all') && types.every((t) => hasKeyword([...LEGACY_CLIENT_APP_TYPES, 'easSupported'], t)) ? types : null;
  const names: string[] = [];
  const defining: Dimension[] = [];
  const when: NonNullable<Requirement['when']> = {};
  if (user.length > 0) (when.userRisk = user), names.push(`${user.join('/')} user risk`), defining.push('userRisk');
  if (signIn.length > 0) (when.signInRisk = signIn), names.push(`${signIn.join('/')} sign-in risk`), defining.push('signInRisk');
  if (insider.length > 0) (when.insiderRisk = insider), names.push(`${insider.join('/')} insider risk`), defining.push('insiderRisk');
  if (flows.length > 0) (when.authenticationFlows = flows), names.push(`the ${flows.join('/')} authentication flow`), defining.push('authenticationFlow');
  if (legacy) names.push(`legacy client apps (${legacy.join(', ')})`), defining.push('clientApp');
  const base = { users: { kind: 'all' }, resources: { kind: 'all' }, control } as const;
  if (names.length > 0) {
    const clientApps = legacy ? (legacy.map((t) => (t.toLowerCase() === 'eassupported' ? 'exchangeActiveSync' : t)) as Array<'exchangeActiveSync' | 'other'>) : undefined;
    return { name: `${verb} for ${names.join(' and ')}`, requirement: { ...base, when, ...(clientApps ? { clientApps } : {}) }, defining };
  }
  if (!blocking) return { name: 'MFA for all users', requirement: base, defining: [] };
  const platforms = c?.platforms;
  const excluded = list(platforms?.excludePlatforms);
  const known = [...KNOWN_DEVICE_PLATFORMS, ...RETIRED_DEVICE_PLATFORMS];
  if (hasKeyword(list(platforms?.includePlatforms), PLATFORM_ALL) && excluded.length > 0 && excluded.every((p) => hasKeyword(known, p))) {
    // The platforms the block reaches (the unknown one among them): another block counts when it reaches them too.
    const blocked = PLATFORMS.filter((p) => !hasKeyword(excluded, p)) as Platform[];
    return { name: 'block unknown platforms', requirement: { ...base, when: { platforms: blocked } }, defining: ['platform'] };
  }
  const include = list(c?.locations?.includeLocations);
  const exclude = list(c?.locations?.excludeLocations);
  if (include.length > 0 && !(hasKeyword(include, 'All') && exclude.length === 0)) {
    return { name: 'block by location', requirement: { ...base, when: { locations: { kind: 'within', include, exclude } } }, defining: ['location'] };
  }
  return null;
}

function isCandidate(policy: ConditionalAccessPolicy): boolean {
  return (
    isEnabled(policy) &&
    !targetsWorkloadIdentities(policy) &&
    includesAllUsers(policy) &&
    hasKeyword(applicationsCondition(policy).includeApplications, APP_ALL) &&
    (blocks(policy) || requiresMfa(policy))
  );
}

/**
 * The policy's own narrowing conditions: every compiled check other than who and what and the defining condition that
 * leaves out some sign-in of the baseline's space, in the check's own words for a sign-in it leaves out.
 */
function narrowing(evaluator: Evaluator, cp: CompiledPolicy, definition: Definition): Array<{ text: string; pointer: string }> {
  const space = requirementSpace(evaluator, definition.requirement);
  const out: Array<{ text: string; pointer: string }> = [];
  for (const check of cp.checks) {
    if (check.dimension === 'identity' || check.dimension === 'target' || definition.defining.includes(check.dimension)) continue;
    for (const cls of space[check.dimension] ?? []) {
      const scenario = defaultScenario();
      cls.apply(scenario);
      const facts = evaluator.facts(scenario);
      if (check.test(facts) !== NO) continue;
      out.push({ text: check.explain(facts, NO), pointer: check.pointerFor?.(facts) ?? check.pointer });
      break;
    }
  }
  return out;
}

export default defineRule({
  id: 'baseline/narrowed-baseline',
  catalogue: 'CA-048',
  title: 'A baseline policy is not silently narrowed by extra conditions',
  risk: 'A policy that looks as if it covers everyone leaves some sign-ins out because of an extra condition',
  priority: 2,
  effort: 'medium',
  userImpact: 'medium',
  severity: 'high',
  scope: 'tenant',
  uses: ['coverage'],
  rationale:
    'A policy named and scoped like a baseline (All users, All resources, require MFA or block) looks universal in the ' +
    'portal list, but one extra condition (a platform, a location, a client app type, a device filter, a risk level or ' +
    'an authentication flow) quietly removes part of the sign-ins, and nobody notices while no other ' +
    'policy covers the rest. The condition that defines a known baseline is not counted: risk levels on a risk policy, ' +
    'legacy client app types on a legacy-authentication block, authentication flows, the unknown-platform block, and the ' +
    'location condition of a block by location. Block policies with no such defining condition are deliberate ' +
    'restrictions and user-action policies (registration) are checked by their own rules, so neither is reported. A ' +
    'policy is reported only when no enabled policy applies the same baseline without the extra conditions.',
  remediation:
    'Remove the narrowing conditions named in the finding from the policy (or create an un-narrowed policy beside it), so ' +
    'the baseline applies to every user, resource, platform, location and client. If a population really needs an ' +
    'exception, give it a compensating policy and exclude it through a reviewed exclusion group.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/plan-conditional-access',
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-conditional-access-conditions',
  ],
  messages: {
    narrowed: (d) =>
      `"${d.policy}" looks like a baseline policy (${d.baselineText}, All users, All resources) but ${d.narrowingText}. No ` +
      `enabled policy applies this baseline without such conditions, so whatever they leave out is not ${d.effectText}.`,
  },
  check({ index, evaluator, finding }) {
    const candidates = index.policies.filter(isCandidate);
    // Looked up by policy once: asking evaluator.compiledOf (a search of every policy) per candidate is quadratic.
    const compiled = new Map<object, CompiledPolicy>();
    if (candidates.length > 0) for (const cp of evaluator.policies) compiled.set(cp.policy, cp);
    return candidates.flatMap((policy) => {
      const blocking = blocks(policy);
      const definition = defineBaseline(policy, blocking);
      const cp = compiled.get(policy);
      if (!definition || !cp) return [];
      const own = narrowing(evaluator, cp, definition);
      if (own.length === 0) return [];
      if (evaluator.evaluate(definition.requirement).satisfied) return [];
      const source = index.sourceOf(policy);
      return [
        finding(policy, 'narrowed', {
          pointer: own[0]!.pointer,
          evidence: {
            baseline: definition.name,
            narrowing: own.map((r) => ({ reason: r.text, pointer: r.pointer, filePointer: source ? source.bodyPointer + r.pointer : null })),
          },
          data: {
            baselineText: definition.name,
            narrowingText: own.map((r) => r.text).join('; '),
            effectText: blocking ? 'blocked' : 'required to use MFA',
          },
        }),
      ];
    });
  },
});
