/**
 * Break-glass (emergency access) accounts inferred from the policies when the config names none: shared by the
 * break-glass rules and by coverage (whose gaps for those accounts are expected).
 */
import { includesAnyUser, isAgentPolicy, isAuthContextOnly, isBlockPolicy, isDisabled, sameKeyword, usersCondition } from '../model/policy.js';
import type { ConditionalAccessPolicy } from '../model/snapshot-types.js';
import type { TenantIndex } from '../model/tenant-index.js';

type Principal = { kind: 'user' | 'group'; id: string };

/** Names (or placeholder values) that mark an excluded object as a likely break-glass account. */
export const BREAK_GLASS_NAME_PATTERN = 'break[\\s_.-]*glass|emergency|notfall|\\bbg[-_ ]|\\bbga?\\d';

/** The policies whose exclusions tell: not disabled, for some users (not guests only, not agents), not authentication-context only. */
export function breakGlassPolicyScope(index: TenantIndex): ConditionalAccessPolicy[] {
  return index.policies.filter((p) => !isDisabled(p) && includesAnyUser(p) && !isAgentPolicy(p) && !includesOnlyGuests(p) && !isAuthContextOnly(p));
}

function includesOnlyGuests(policy: ConditionalAccessPolicy): boolean {
  const u = usersCondition(policy);
  const users = u.includeUsers.filter((v) => !sameKeyword(v, 'None'));
  const guestsOnly = users.every((v) => sameKeyword(v, 'GuestsOrExternalUsers'));
  return guestsOnly && u.includeGroups.length === 0 && u.includeRoles.length === 0 && (users.length > 0 || u.includeGuestsOrExternalUsers != null);
}

export interface BreakGlassCandidate extends Principal {
  name: string;
  excludedFrom: number;
  blocksExcludedFrom: number;
  nameMatch: boolean;
  confidence: 'high' | 'medium' | 'low';
  why: string;
}

/**
 * Which excluded users and groups look like the break-glass accounts, when none are configured: those excluded from
 * most user policies (and from the blocking ones), or whose name says so. `chosen` are the ones to act on: the
 * strongest confidence level present, narrowed to name matches when there are some.
 */
export function inferBreakGlass(index: TenantIndex, policies: readonly ConditionalAccessPolicy[], namePattern = BREAK_GLASS_NAME_PATTERN): { candidates: BreakGlassCandidate[]; chosen: BreakGlassCandidate[] } {
  const pattern = new RegExp(namePattern, 'i');
  const blocks = policies.filter(isBlockPolicy);
  const counts = new Map<string, Principal & { policies: Set<ConditionalAccessPolicy> }>();
  for (const policy of policies) {
    const u = usersCondition(policy);
    const add = (kind: 'user' | 'group', id: string) => {
      if (kind === 'user' && (sameKeyword(id, 'GuestsOrExternalUsers') || sameKeyword(id, 'All') || sameKeyword(id, 'None'))) return;
      const key = `${kind}:${id.toLowerCase()}`;
      const entry = counts.get(key) ?? { kind, id, policies: new Set() };
      entry.policies.add(policy);
      counts.set(key, entry);
    };
    u.excludeUsers.forEach((id) => add('user', id));
    u.excludeGroups.forEach((id) => add('group', id));
  }

  const candidates: BreakGlassCandidate[] = [];
  for (const entry of counts.values()) {
    const name = index.nameOf(entry.kind, entry.id);
    const n = entry.policies.size;
    const ratio = policies.length ? n / policies.length : 0;
    const bx = blocks.filter((b) => entry.policies.has(b)).length;
    const allBlocks = blocks.length > 0 && bx === blocks.length;
    const nameMatch = pattern.test(name) || pattern.test(entry.id);
    let confidence: BreakGlassCandidate['confidence'] | null = null;
    if ((nameMatch && ratio >= 0.5) || (ratio >= 0.8 && allBlocks && policies.length >= 3)) confidence = 'high';
    else if (nameMatch || (ratio >= 0.6 && policies.length >= 3) || (allBlocks && ratio >= 0.5)) confidence = 'medium';
    else if (ratio >= 0.4 && n >= 2) confidence = 'low';
    if (!confidence) continue;
    const reasons = [`excluded from ${n} of ${policies.length} user policies`];
    if (blocks.length) reasons.push(allBlocks ? `including all ${blocks.length} blocking policies` : `${bx} of ${blocks.length} blocking policies`);
    if (nameMatch) reasons.push('its name suggests an emergency account');
    candidates.push({ kind: entry.kind, id: entry.id, name, excludedFrom: n, blocksExcludedFrom: bx, nameMatch, confidence, why: reasons.join(', ') });
  }
  const rank = { high: 0, medium: 1, low: 2 };
  candidates.sort((a, b) => rank[a.confidence] - rank[b.confidence] || b.excludedFrom - a.excludedFrom || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // The strongest confidence level present decides; within it, a name that says break-glass narrows the choice.
  const top = candidates.find((c) => c.confidence !== 'low')?.confidence;
  const atTop = candidates.filter((c) => c.confidence === top);
  const chosen = atTop.some((c) => c.nameMatch) ? atTop.filter((c) => c.nameMatch) : atTop;


  return { candidates, chosen };
}
