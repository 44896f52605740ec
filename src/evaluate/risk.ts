/**
 * Helpers the risk and device baselines share on top of src/evaluate/baseline.ts: a requirement evaluated with
 * rule-specific adjustments (a condition that is the point of the baseline, not a narrowing), the risk condition a
 * risk baseline needs, and the shapes of a few well-known policies (legacy client apps, unknown-platform block,
 * every-time sign-in frequency, trusted locations, managed-device grant). Every coverage answer still comes from
 * reasonsAgainst.
 */
import { evaluateBaseline, flags, reasonsAgainst, type BaselineRequirement, type BaselineVerdict } from './baseline.js';
import { grantAlternatives } from './controls.js';
import { conditionPointer, hasKeyword, isAgentPolicy, list, policyLabel } from '../model/policy.js';
import type { ConditionalAccessPolicy, NamedLocation } from '../model/snapshot-types.js';
import type { TenantIndex } from '../model/tenant-index.js';
import { MFA_TRUSTED_IPS_LOCATION } from '../model/well-known-limits.js';
import {
  KNOWN_DEVICE_PLATFORMS,
  LEGACY_CLIENT_APP_TYPES,
  LEGACY_CLIENT_APP_TYPE_ALIASES,
  PLATFORM_ALL,
  RETIRED_DEVICE_PLATFORMS,
} from '../model/well-known-platforms.js';

/** A reason as reasonsAgainst gives it: a sentence, the relative pointer of the condition, and how far it is (default 1). */
export type Reason = { text: string; pointer: string; weight?: number };

/** A wrong population or resource weighs more than a narrowing condition (as in evaluateBaseline). */
export const SCOPE_WEIGHT = 2;

export function reasonWeight(reasons: readonly Reason[]): number {
  return reasons.reduce((sum, r) => sum + (r.weight ?? 1), 0);
}

export interface RequirementOptions {
  /**
   * Rewrite one policy's reasons: drop those the requirement allows (a location condition on a registration
   * policy), add what reasonsAgainst cannot see (an unknown-platform shape). Applied before deciding satisfaction.
   */
  adjust?: (policy: ConditionalAccessPolicy, reasons: Reason[]) => Reason[];
  /** Which policies may be named as near misses (default: those with the control or a related one, as evaluateBaseline). */
  focus?: (policy: ConditionalAccessPolicy) => boolean;
}

/**
 * evaluateBaseline with two hooks it lacks (see RequirementOptions). Without options the answer is evaluateBaseline's.
 * Same ordering of near misses: lightest reasons first, then by name; at most three.
 */
export function evaluateRequirement(index: TenantIndex, req: BaselineRequirement, options: RequirementOptions = {}): BaselineVerdict {
  if (!options.adjust && !options.focus) return evaluateBaseline(index, req);
  const adjust = options.adjust ?? ((_p: ConditionalAccessPolicy, r: Reason[]) => r);
  const focus = options.focus ?? ((p: ConditionalAccessPolicy) => req.control.test(p) || (req.control.related?.(p) ?? false));
  // Only a policy with the control can satisfy (without it there is always a reason no adjuster removes), and only a
  // focused one is named: the conditions of the others are never examined.
  const verdicts = index.policies
    .filter((policy) => !isAgentPolicy(policy) && (req.control.test(policy) || focus(policy)))
    .map((policy) => ({ policy, reasons: adjust(policy, reasonsAgainst(index, policy, req)) }));
  const satisfiedBy = verdicts.filter((v) => v.reasons.length === 0).map((v) => v.policy);
  const nearMisses = verdicts
    .filter((v) => v.reasons.length > 0 && focus(v.policy))
    .sort((a, b) => reasonWeight(a.reasons) - reasonWeight(b.reasons) || compare(policyLabel(a.policy), policyLabel(b.policy)))
    .slice(0, 3);
  return { satisfied: satisfiedBy.length > 0, satisfiedBy, nearMisses };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Drop the reasons whose pointer starts with one of the prefixes. */
export function withoutReasonsAt(reasons: Reason[], ...prefixes: string[]): Reason[] {
  return reasons.filter((r) => !prefixes.some((p) => r.pointer === p || r.pointer.startsWith(`${p}/`)));
}

export type RiskCondition = 'userRiskLevels' | 'signInRiskLevels' | 'insiderRiskLevels' | 'servicePrincipalRiskLevels';

/** The levels a policy's risk condition lists (flags string or array; none when unconfigured). */
export function riskLevels(policy: ConditionalAccessPolicy, key: RiskCondition): string[] {
  const value = policy.conditions?.[key];
  return key === 'insiderRiskLevels' ? flags(value) : list(value);
}

/**
 * An adjust hook for risk baselines: the policy must carry the risk condition itself. A policy without it applies
 * at every risk level, but it is not a risk policy (an all-users MFA policy is satisfied by the MFA claim already in
 * the session, which is what a risky sign-in reuses), so it does not count.
 */
export function requireRiskCondition(key: RiskCondition, label: string) {
  return (policy: ConditionalAccessPolicy, reasons: Reason[]): Reason[] =>
    riskLevels(policy, key).length > 0
      ? reasons
      : [...reasons, { text: `it has no ${label} condition`, pointer: conditionPointer(policy, key), weight: SCOPE_WEIGHT }];
}

/** The policy's client app types when they are all legacy ones (a legacy-authentication policy), else null. */
export function legacyClientAppTypes(policy: ConditionalAccessPolicy): string[] | null {
  const types = list(policy.conditions?.clientAppTypes);
  if (types.length === 0 || hasKeyword(types, 'all')) return null;
  const legacy = [...LEGACY_CLIENT_APP_TYPES, ...LEGACY_CLIENT_APP_TYPE_ALIASES];
  return types.every((t) => hasKeyword(legacy, t)) ? types : null;
}

/** Session control "Sign-in frequency: Every time". */
export function requiresReauthenticationEveryTime(policy: ConditionalAccessPolicy): boolean {
  const f = policy.sessionControls?.signInFrequency as { isEnabled?: unknown; frequencyInterval?: unknown } | null | undefined;
  return f?.isEnabled === true && f.frequencyInterval === 'everyTime';
}

/**
 * The excluded platforms of an unknown-platform policy: includePlatforms holds `all` and every excluded platform is
 * one Conditional Access recognises (android, iOS, windows, macOS, linux, windowsPhone), at least one of them. Null for
 * any other shape (no exclusion at all blocks every platform: a lockout, not this baseline).
 * Excluding fewer known platforms blocks those too, which still blocks every unknown platform.
 */
export function unknownPlatformExclusions(policy: ConditionalAccessPolicy): string[] | null {
  const platforms = policy.conditions?.platforms;
  if (!platforms) return null;
  if (!hasKeyword(list(platforms.includePlatforms), PLATFORM_ALL)) return null;
  const excluded = list(platforms.excludePlatforms);
  const known = [...KNOWN_DEVICE_PLATFORMS, ...RETIRED_DEVICE_PLATFORMS];
  return excluded.length > 0 && excluded.every((p) => hasKeyword(known, p)) ? excluded : null;
}

/**
 * Is this location value trusted? `AllTrusted`, the legacy MFA trusted IPs, and IP named locations marked trusted.
 * 'unknown' when the id is not in the exported named locations (calint cannot tell).
 */
export function locationTrust(index: TenantIndex, value: string): 'trusted' | 'untrusted' | 'unknown' {
  if (hasKeyword([value], 'AllTrusted') || value.toLowerCase() === MFA_TRUSTED_IPS_LOCATION) return 'trusted';
  if (hasKeyword([value], 'All')) return 'untrusted';
  const location = ((index.snapshot.namedLocations ?? []) as NamedLocation[]).find(
    (l) => typeof l.id === 'string' && l.id.toLowerCase() === value.toLowerCase(),
  ) as (NamedLocation & { isTrusted?: unknown }) | undefined;
  if (!location) return 'unknown';
  return location.isTrusted === true ? 'trusted' : 'untrusted';
}

/** Two lists hold the same values, ignoring case and order. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = new Set(a.map((v) => v.toLowerCase()));
  const y = new Set(b.map((v) => v.toLowerCase()));
  return x.size === y.size && [...x].every((v) => y.has(v));
}

/** Every way through the grant needs a compliant or a Microsoft Entra hybrid joined device (OR between the two is fine). */
export function requiresManagedDevice(policy: ConditionalAccessPolicy): boolean {
  const alts = grantAlternatives(policy);
  return alts.length > 0 && alts.every((alt) => alt.includes('compliantDevice') || alt.includes('domainJoinedDevice'));
}

/** Some way through the grant mentions a compliant or hybrid joined device (e.g. offered beside MFA). */
export function mentionsManagedDevice(policy: ConditionalAccessPolicy): boolean {
  return grantAlternatives(policy).some((alt) => alt.includes('compliantDevice') || alt.includes('domainJoinedDevice'));
}
