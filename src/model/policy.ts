/**
 * Reading a policy the way Conditional Access does: `null`, `[]` and absent collections all mean "not configured",
 * special values (`All`, `None`, `Office365`) compare case-insensitively. Pure helpers; no matching semantics here.
 */
import type { ConditionalAccessPolicy } from './snapshot-types.js';
import { ALL_AGENT_USERS_IN_USERS } from './well-known-agents.js';

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

/** A collection property as a list: null and absent become []. Non-string members are dropped (a fresh list then). */
export function list(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  for (const v of value) if (typeof v !== 'string') return value.filter((x): x is string => typeof x === 'string');
  return value.slice() as string[];
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

/** The users condition with every list normalised. */
export function usersCondition(policy: ConditionalAccessPolicy) {
  return readUsers(policy);
}

/** The applications condition with every list normalised. */
export function applicationsCondition(policy: ConditionalAccessPolicy) {
  return readApplications(policy);
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

/**
 * (beta, preview) The agent users condition (`conditions.agents`: agents' user accounts) with every list normalised.
 * See well-known-agents.ts for the two shapes an export may use.
 */
export function agentsCondition(policy: ConditionalAccessPolicy) {
  const a = policy.conditions?.agents ?? null;
  return {
    includeAgentUsers: list(a?.includeAgentUsers),
    excludeAgentUsers: list(a?.excludeAgentUsers),
    agentFilter: a?.agentFilter ?? null,
  };
}

/** (beta) The agent-identity side of `conditions.clientApplications` with every list normalised. */
export function agentIdentitiesCondition(policy: ConditionalAccessPolicy) {
  const c = policy.conditions?.clientApplications ?? null;
  return {
    includeAgentIdServicePrincipals: list(c?.includeAgentIdServicePrincipals),
    excludeAgentIdServicePrincipals: list(c?.excludeAgentIdServicePrincipals),
    agentIdServicePrincipalFilter: c?.agentIdServicePrincipalFilter ?? null,
  };
}

/**
 * (beta, preview) True when the policy includes agent users: `conditions.agents` names some (or has a filter), or the
 * users condition says `AllAgentIdUsers`.
 */
export function targetsAgentUsers(policy: ConditionalAccessPolicy): boolean {
  const a = agentsCondition(policy);
  return a.includeAgentUsers.length > 0 || a.agentFilter != null || hasKeyword(usersCondition(policy).includeUsers, ALL_AGENT_USERS_IN_USERS);
}

/** (beta) True when the policy includes agent identities (a list or a custom-security-attribute filter). */
export function targetsAgentIdentities(policy: ConditionalAccessPolicy): boolean {
  const c = agentIdentitiesCondition(policy);
  return c.includeAgentIdServicePrincipals.length > 0 || c.agentIdServicePrincipalFilter != null;
}

/** (beta) True when the policy includes agent users or agent identities. */
export function targetsAgents(policy: ConditionalAccessPolicy): boolean {
  return targetsAgentUsers(policy) || targetsAgentIdentities(policy);
}

/**
 * True when some person is included: a user (other than "None" and the agent-user keyword), group, role or guest type.
 * "All" counts; it never includes agent users.
 */
export function includesPeople(policy: ConditionalAccessPolicy): boolean {
  const u = usersCondition(policy);
  const users = u.includeUsers.filter((v) => !sameKeyword(v, 'None') && !sameKeyword(v, ALL_AGENT_USERS_IN_USERS));
  return users.length > 0 || u.includeGroups.length > 0 || u.includeRoles.length > 0 || u.includeGuestsOrExternalUsers != null;
}

/**
 * A policy for agents: it includes agent users or agent identities and no people. Such a policy never applies to a
 * person's sign-in (break-glass accounts included), and only agent conditions and controls apply to it.
 */
export function isAgentPolicy(policy: ConditionalAccessPolicy): boolean {
  return targetsAgents(policy) && !includesPeople(policy);
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

/**
 * The session controls that do something, by key: `isEnabled: true`, `disableResilienceDefaults: true`, or an object
 * without an isEnabled flag that is not empty (continuousAccessEvaluation has only a mode; newer beta controls vary).
 */
export function enabledSessionControls(policy: ConditionalAccessPolicy): string[] {
  const s = policy.sessionControls as Record<string, unknown> | null | undefined;
  if (!s || typeof s !== 'object') return [];
  return Object.entries(s).flatMap(([key, value]) => {
    if (key.startsWith('@')) return [];
    if (key === 'disableResilienceDefaults') return value === true ? [key] : [];
    if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
    const v = value as Record<string, unknown>;
    if ('isEnabled' in v) return v.isEnabled === true ? [key] : [];
    return Object.keys(v).some((k) => !k.startsWith('@') && v[k] != null) ? [key] : [];
  });
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

export type RiskCondition = 'userRiskLevels' | 'signInRiskLevels' | 'insiderRiskLevels' | 'servicePrincipalRiskLevels';

/** The levels a policy's risk condition lists (insider risk is a flags string; none when unconfigured). */
export function riskLevels(policy: ConditionalAccessPolicy, key: RiskCondition): string[] {
  const value = policy.conditions?.[key];
  return key === 'insiderRiskLevels' ? flags(value) : list(value);
}
