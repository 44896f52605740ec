import { defineRule } from '../../src/engine/define-rule.js';
import { flags, reasonsAgainst, type BaselineRequirement } from '../../src/evaluate/baseline.js';
import { blocks, requiresMfa } from '../../src/evaluate/controls.js';
import {
  evaluateRequirement,
  legacyClientAppTypes,
  riskLevels,
  sameSet,
  unknownPlatformExclusions,
  withoutReasonsAt,
  type Reason,
} from '../../src/evaluate/risk.js';
import { applicationsCondition, hasKeyword, includesAllUsers, isEnabled, list, targetsWorkloadIdentities } from '../../src/model/policy.js';
import type { ConditionalAccessPolicy } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { APP_ALL } from '../../src/model/well-known-apps.js';

type ControlClass = 'mfa' | 'block';

/** The baseline a policy stands for: its requirement, with the policy's defining condition as the expected one. */
interface Definition {
  name: string;
  requirement: BaselineRequirement;
  /** Drops the reasons a policy of the same definition may have (its platform or location condition). */
  adjust?: (policy: ConditionalAccessPolicy, reasons: Reason[]) => Reason[];
}

/**
 * Which baseline does the policy implement? The condition that defines a known baseline is not a narrowing:
 * user / sign-in / insider risk levels, authentication flows, legacy client app types, and, for block policies, the
 * unknown-platform shape and a location condition (block by country or outside known networks). A block policy with
 * none of these is a deliberate restriction (block a platform, a device filter for PAWs, deny-by-default with app
 * exclusions), not a narrowed baseline: null.
 */
function defineBaseline(policy: ConditionalAccessPolicy, cls: ControlClass): Definition | null {
  const control =
    cls === 'block'
      ? { label: 'block access', test: blocks }
      : { label: 'require MFA (or block)', test: (p: ConditionalAccessPolicy) => requiresMfa(p) || blocks(p) };
  const base = { users: { kind: 'all' as const }, resources: { kind: 'all' as const }, control };
  const verb = cls === 'block' ? 'block' : 'MFA';

  const user = riskLevels(policy, 'userRiskLevels');
  const signIn = riskLevels(policy, 'signInRiskLevels');
  const insider = riskLevels(policy, 'insiderRiskLevels');
  const flows = flags(policy.conditions?.authenticationFlows?.transferMethods);
  const legacy = legacyClientAppTypes(policy);
  const names: string[] = [];
  const expects: NonNullable<BaselineRequirement['expects']> = {};
  if (user.length > 0) {
    expects.userRiskLevels = user;
    names.push(`${user.join('/')} user risk`);
  }
  if (signIn.length > 0) {
    expects.signInRiskLevels = signIn;
    names.push(`${signIn.join('/')} sign-in risk`);
  }
  if (insider.length > 0) {
    expects.insiderRiskLevels = insider;
    names.push(`${insider.join('/')} insider risk`);
  }
  if (flows.length > 0) {
    expects.transferMethods = flows;
    names.push(`the ${flows.join('/')} authentication flow`);
  }
  if (legacy) names.push(`legacy client apps (${legacy.join(', ')})`);
  if (names.length > 0) {
    return { name: `${verb} for ${names.join(' and ')}`, requirement: { ...base, expects, ...(legacy ? { clientAppTypes: legacy } : {}) } };
  }
  if (cls === 'mfa') return { name: 'MFA for all users', requirement: base };

  const excluded = unknownPlatformExclusions(policy);
  if (excluded && excluded.length > 0) {
    return {
      name: 'block unknown platforms',
      requirement: base,
      // Another unknown-platform block counts when it blocks at least the same platforms (excludes no more).
      adjust: (p, reasons) => {
        const other = unknownPlatformExclusions(p);
        return other && other.every((x) => hasKeyword(excluded, x)) ? withoutReasonsAt(reasons, '/conditions/platforms') : reasons;
      },
    };
  }
  const include = list(policy.conditions?.locations?.includeLocations);
  const exclude = list(policy.conditions?.locations?.excludeLocations);
  if (include.length > 0 && !(hasKeyword(include, 'All') && exclude.length === 0)) {
    return {
      name: 'block by location',
      requirement: base,
      adjust: (p, reasons) => {
        const inc = list(p.conditions?.locations?.includeLocations);
        const exc = list(p.conditions?.locations?.excludeLocations);
        return sameSet(inc, include) && sameSet(exc, exclude) ? withoutReasonsAt(reasons, '/conditions/locations') : reasons;
      },
    };
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

function narrowing(index: TenantIndex, policy: ConditionalAccessPolicy, definition: Definition): Reason[] {
  const reasons = reasonsAgainst(index, policy, definition.requirement);
  const adjusted = definition.adjust ? definition.adjust(policy, reasons) : reasons;
  return adjusted.filter((r) => r.pointer !== '/state' && r.pointer !== '/grantControls');
}

export default defineRule({
  id: 'baseline/narrowed-baseline',
  catalogue: 'CA-048',
  title: 'A baseline policy is not silently narrowed by extra conditions',
  severity: 'high',
  scope: 'tenant',
  rationale:
    'A policy named and scoped like a baseline (All users, All resources, require MFA or block) looks universal in the ' +
    'portal list, but one extra condition (a platform, a location, a client app type, a device filter, a risk level, ' +
    'excluded roles, guest types or apps) quietly removes part of the population, and nobody notices while no other ' +
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
  check({ index, finding }) {
    return index.policies.filter(isCandidate).flatMap((policy) => {
      const cls: ControlClass = blocks(policy) ? 'block' : 'mfa';
      const definition = defineBaseline(policy, cls);
      if (!definition) return [];
      const own = narrowing(index, policy, definition);
      if (own.length === 0) return [];
      if (evaluateRequirement(index, definition.requirement, { adjust: definition.adjust }).satisfied) return [];
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
            effectText: cls === 'block' ? 'blocked' : 'required to use MFA',
          },
        }),
      ];
    });
  },
});
