/**
 * Reading a policy the way Conditional Access does: `null`, `[]` and absent collections all mean "not configured",
 * special values (`All`, `None`, `Office365`) compare case-insensitively. Pure helpers; no matching semantics here.
 */
import type { ConditionalAccessPolicy } from './snapshot-types.js';

export type PolicyState = 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';

/** Missing state (Microsoft templates, hand-written files) is read as report-only; the loader warns. */
export function policyState(policy: ConditionalAccessPolicy): PolicyState {
  const s = policy.state;
  return s === 'enabled' || s === 'disabled' ? s : 'enabledForReportingButNotEnforced';
}

export const isEnabled = (p: ConditionalAccessPolicy) => policyState(p) === 'enabled';
export const isReportOnly = (p: ConditionalAccessPolicy) => policyState(p) === 'enabledForReportingButNotEnforced';
export const isDisabled = (p: ConditionalAccessPolicy) => policyState(p) === 'disabled';

export function stateLabel(policy: ConditionalAccessPolicy): string {
  const s = policyState(policy);
  return s === 'enabledForReportingButNotEnforced' ? 'report-only' : s;
}

/** A collection property as a list: null and absent become []. Non-string members are dropped. */
export function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Flag-style enums: one comma-separated string (Graph wire form) or, in some exports, an array. */
export function flags(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== 'none');
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '' && v !== 'none');
}

export function sameKeyword(value: string, keyword: string): boolean {
  return value.toLowerCase() === keyword.toLowerCase();
}

export function hasKeyword(values: readonly string[], keyword: string): boolean {
  return values.some((v) => sameKeyword(v, keyword));
}

const usersCache = new WeakMap<ConditionalAccessPolicy, ReturnType<typeof readUsers>>();
const appsCache = new WeakMap<ConditionalAccessPolicy, ReturnType<typeof readApplications>>();

/** The users condition with every list normalised; cached per policy object (treat the result as read-only). */
export function usersCondition(policy: ConditionalAccessPolicy) {
  let cached = usersCache.get(policy);
  if (!cached) usersCache.set(policy, (cached = readUsers(policy)));
  return cached;
}

/** The applications condition with every list normalised; cached per policy object (treat the result as read-only). */
export function applicationsCondition(policy: ConditionalAccessPolicy) {
  let cached = appsCache.get(policy);
  if (!cached) appsCache.set(policy, (cached = readApplications(policy)));
  return cached;
}

function readUsers(policy: ConditionalAccessPolicy) {
  const u = policy.conditions?.users ?? null;
  return {
    includeUsers: list(u?.includeUsers),
    excludeUsers: list(u?.excludeUsers),
    includeGroups: list(u?.includeGroups),
    excludeGroups: list(u?.excludeGroups),
    includeRoles: list(u?.includeRoles),
    excludeRoles: list(u?.excludeRoles),
    includeGuestsOrExternalUsers: u?.includeGuestsOrExternalUsers ?? null,
    excludeGuestsOrExternalUsers: u?.excludeGuestsOrExternalUsers ?? null,
  };
}

function readApplications(policy: ConditionalAccessPolicy) {
  const a = policy.conditions?.applications ?? null;
  return {
    includeApplications: list(a?.includeApplications),
    excludeApplications: list(a?.excludeApplications),
    includeUserActions: list(a?.includeUserActions),
    includeAuthenticationContextClassReferences: list(a?.includeAuthenticationContextClassReferences),
    applicationFilter: a?.applicationFilter ?? null,
  };
}

/** True when the policy targets workload identities (service principals or agents), not users. */
export function targetsWorkloadIdentities(policy: ConditionalAccessPolicy): boolean {
  const c = policy.conditions?.clientApplications as Record<string, unknown> | null | undefined;
  if (!c) return false;
  return (
    list(c.includeServicePrincipals).length > 0 ||
    list(c.includeAgentIdServicePrincipals).length > 0 ||
    c.servicePrincipalFilter != null ||
    c.agentIdServicePrincipalFilter != null
  );
}

/** True when some user, group, role or guest type is included (includeUsers "None" alone includes nobody). */
export function includesAnyUser(policy: ConditionalAccessPolicy): boolean {
  const u = usersCondition(policy);
  const users = u.includeUsers.filter((v) => !sameKeyword(v, 'None'));
  return users.length > 0 || u.includeGroups.length > 0 || u.includeRoles.length > 0 || u.includeGuestsOrExternalUsers != null;
}

export function includesAllUsers(policy: ConditionalAccessPolicy): boolean {
  return hasKeyword(usersCondition(policy).includeUsers, 'All');
}

/** A policy that applies only when an app requests an authentication context (c1…c99). */
export function isAuthContextOnly(policy: ConditionalAccessPolicy): boolean {
  const a = applicationsCondition(policy);
  return (
    a.includeAuthenticationContextClassReferences.length > 0 &&
    a.includeApplications.filter((v) => !sameKeyword(v, 'None')).length === 0 &&
    a.includeUserActions.length === 0
  );
}

export function builtInControls(policy: ConditionalAccessPolicy): string[] {
  return list(policy.grantControls?.builtInControls);
}

export function isBlockPolicy(policy: ConditionalAccessPolicy): boolean {
  return hasKeyword(builtInControls(policy), 'block');
}

/** "Require token protection for sign-in sessions" (sessionControls.secureSignInSession, v1.0 and beta). */
export function requiresTokenProtection(policy: ConditionalAccessPolicy): boolean {
  const s = policy.sessionControls as Record<string, unknown> | null | undefined;
  const control = s?.secureSignInSession as { isEnabled?: unknown } | null | undefined;
  return control?.isEnabled === true;
}

export function policyLabel(policy: ConditionalAccessPolicy): string {
  return policy.displayName ?? policy.id ?? '(unnamed policy)';
}

/**
 * Pointer for evidence about `conditions.<key>`: the key itself when the export has it (even as null),
 * else its parent, so a finding never points at something that is not in the file.
 */
export function conditionPointer(policy: ConditionalAccessPolicy, key: string): string {
  const conditions = policy.conditions as Record<string, unknown> | null | undefined;
  if (conditions && typeof conditions === 'object' && key in conditions) return `/conditions/${key}`;
  return conditions ? '/conditions' : '';
}
