/**
 * Who a policy includes and excludes, as far as the export shows it: break-glass principals, exclusion through groups
 * (nested membership where exported), dynamic-group rules, and whether a policy reaches a directory-sync account.
 * Shared by the break-glass/* and exclusions/* rules. Pure helpers over the tenant index.
 */
import { conditionPointer, hasKeyword, list, sameKeyword, usersCondition } from '../model/policy.js';
import type { ConditionalAccessPolicy, DirectoryGroup, DirectoryUser } from '../model/snapshot-types.js';
import type { TenantIndex } from '../model/tenant-index.js';
import { DYNAMIC_MEMBERSHIP, SYNC_ACCOUNT_UPN_PREFIXES, SYNC_BREAKING_CONTROLS } from '../model/well-known-exclusions.js';
import { blocks, grantAlternatives, requiresMfa } from './controls.js';
import { flags } from '../model/policy.js';

/** A user or group; `unknown`: an id the export does not hold, which stands wherever a user or a group id may. */
export type Principal = {
  kind: 'user' | 'group' | 'unknown';
  id: string;
  /** For an id of unknown kind: the config list it was written in, used only to point at the matching exclusion list. */
  declaredAs?: 'user' | 'group';
};

const lower = (s: string) => s.toLowerCase();
const USER_KEYWORDS = ['All', 'None', 'GuestsOrExternalUsers'];

/** "Requires MFA (or an authentication strength) on every path, or blocks": the controls exclusions are judged against. */
export function requiresMfaOrBlocks(policy: ConditionalAccessPolicy): boolean {
  return requiresMfa(policy) || blocks(policy);
}

/** A special user-list value (All, None, GuestsOrExternalUsers) rather than an object id. */
export function isUserKeyword(value: string): boolean {
  return USER_KEYWORDS.some((k) => sameKeyword(value, k));
}

/**
 * The user members of a group, through nested groups, where the export holds membership; null when the group or its
 * membership is not exported. Members that are groups are expanded, never counted.
 */
export function transitiveUserMembers(index: TenantIndex, groupId: string, seen = new Set<string>()): string[] | null {
  const key = lower(groupId);
  if (seen.has(key)) return [];
  seen.add(key);
  const members = index.groupMembers(groupId);
  if (members === null) return null;
  const out = new Set<string>();
  for (const m of members) {
    if (index.group(m)) {
      for (const u of transitiveUserMembers(index, m, seen) ?? []) out.add(lower(u));
    } else {
      out.add(lower(m));
    }
  }
  return [...out];
}

/**
 * Is the principal excluded from the policy? A user through excludeUsers, or an excluded group the export shows it in;
 * a break-glass group (`trustedGroups`) whose membership is not exported is trusted to hold the break-glass users. A
 * group through excludeGroups, or when every exported member is excluded. An id of unknown kind through either list.
 */
export function isExcluded(index: TenantIndex, policy: ConditionalAccessPolicy, p: Principal, trustedGroups: readonly string[] = []): boolean {
  return exclusionTest(index, policy, trustedGroups)(p);
}

/**
 * `isExcluded` for many principals of one policy: the policy's lists are read into sets once, so a policy that
 * excludes thousands of objects is checked in time proportional to them, not to their square.
 */
export function exclusionTest(index: TenantIndex, policy: ConditionalAccessPolicy, trustedGroups: readonly string[] = []): (p: Principal) => boolean {
  const u = usersCondition(policy);
  const excludedUsers = new Set(u.excludeUsers.map(lower));
  const excludedGroups = new Set(u.excludeGroups.map(lower));
  const trusted = new Set(trustedGroups.map(lower));
  // Membership can only be shown for groups whose members are exported; a trusted group without them counts for all.
  const withMembers = [...excludedGroups].filter((g) => index.groupMembers(g) !== null);
  const trustedOpaque = [...excludedGroups].some((g) => trusted.has(g) && index.groupMembers(g) === null);
  const userExcluded = (id: string) => excludedUsers.has(lower(id)) || trustedOpaque || withMembers.some((g) => index.isMemberOf(id, g));
  return (p) => {
    if (p.kind === 'unknown') return userExcluded(p.id) || excludedGroups.has(lower(p.id));
    if (p.kind === 'user') return userExcluded(p.id);
    if (excludedGroups.has(lower(p.id))) return true;
    const members = transitiveUserMembers(index, p.id);
    return members !== null && members.length > 0 && members.every(userExcluded);
  };
}

/**
 * Does the policy's user condition reach the principal (and not exclude it)? A user: listed in includeUsers, covered
 * by All users, or in an included group the export shows it in. A group: listed in includeGroups, or All users.
 * Roles and guest types are not resolved (the export holds no role assignments).
 */
export function reaches(index: TenantIndex, policy: ConditionalAccessPolicy, p: Principal): boolean {
  const u = usersCondition(policy);
  const all = hasKeyword(u.includeUsers, 'All');
  if (p.kind === 'unknown') {
    const included = all || u.includeUsers.some((x) => sameKeyword(x, p.id)) || u.includeGroups.some((x) => sameKeyword(x, p.id));
    return included && !isExcluded(index, policy, p);
  }
  if (p.kind === 'user') {
    const included =
      all || u.includeUsers.some((x) => sameKeyword(x, p.id)) || u.includeGroups.some((g) => index.isMemberOf(p.id, g));
    return included && !isExcluded(index, policy, p);
  }
  const included = all || u.includeGroups.some((x) => sameKeyword(x, p.id));
  return included && !u.excludeGroups.some((x) => sameKeyword(x, p.id));
}

/**
 * The users the export shows holding a directory role (its `members`, through groups where exported), by template id;
 * null when the export holds no role membership at all.
 */
export function roleHolders(index: TenantIndex, roleId: string): string[] | null {
  const roles = (index.snapshot.directory?.roles ?? []) as unknown as Array<Record<string, unknown>>;
  if (!roles.some((r) => Array.isArray(r.members))) return null;
  const key = index.resolve('role', roleId).key.toLowerCase();
  const out = new Set<string>();
  for (const r of roles) {
    const template = String(r.templateId ?? r.roleTemplateId ?? r.id ?? '').toLowerCase();
    if (template !== key || !Array.isArray(r.members)) continue;
    for (const m of r.members as Array<{ id?: unknown }>) {
      if (typeof m?.id !== 'string') continue;
      if (index.group(m.id)) for (const u of transitiveUserMembers(index, m.id) ?? []) out.add(u);
      else out.add(lower(m.id));
    }
  }
  return [...out];
}

/** The group ids among break-glass accounts: groups, and ids of unknown kind (they may be groups). */
export function breakGlassGroupIds(accounts: readonly Principal[]): string[] {
  return accounts.filter((a) => a.kind !== 'user').map((a) => a.id);
}

/**
 * The break-glass user ids: the users (and ids of unknown kind) plus the exported (transitive) user members of the
 * groups. `unknownGroups` lists the groups whose membership the export does not hold.
 */
export function breakGlassUsers(index: TenantIndex, accounts: readonly Principal[]): { users: string[]; unknownGroups: string[] } {
  const users = new Map<string, string>();
  for (const a of accounts) if (a.kind !== 'group') users.set(lower(a.id), a.id);
  const unknownGroups: string[] = [];
  for (const a of accounts) {
    if (a.kind !== 'group') continue;
    const members = transitiveUserMembers(index, a.id);
    if (members === null) unknownGroups.push(a.id);
    else for (const m of members) if (!users.has(m)) users.set(m, m);
  }
  return { users: [...users.values()], unknownGroups };
}

/**
 * A test for "is this excluded object a break-glass account?": a break-glass user or a member of a break-glass group;
 * a break-glass group, or a group whose exported members are all break-glass users. An id of unknown kind matches
 * either kind.
 */
export function breakGlassMatcher(index: TenantIndex, accounts: readonly Principal[]): (p: Principal) => boolean {
  const bgUsers = new Set(breakGlassUsers(index, accounts).users.map(lower));
  const bgGroups = new Set(breakGlassGroupIds(accounts).map(lower));
  return (p) => {
    if (p.kind !== 'group' && bgUsers.has(lower(p.id))) return true;
    if (p.kind === 'user') return false;
    if (bgGroups.has(lower(p.id))) return true;
    const members = transitiveUserMembers(index, p.id);
    return members !== null && members.length > 0 && members.every((m) => bgUsers.has(m));
  };
}

/** The policy includes the principal itself: listed, or (a user) in an included group the export shows it in. */
export function targetsPrincipal(index: TenantIndex, policy: ConditionalAccessPolicy, p: Principal): boolean {
  return targetTest(index, policy)(p);
}

/** `targetsPrincipal` for many principals of one policy: the include lists are read into sets once. */
export function targetTest(index: TenantIndex, policy: ConditionalAccessPolicy): (p: Principal) => boolean {
  const u = usersCondition(policy);
  const users = new Set(u.includeUsers.map(lower));
  const groups = new Set(u.includeGroups.map(lower));
  const withMembers = [...groups].filter((g) => index.groupMembers(g) !== null);
  const inGroup = (id: string) => withMembers.some((g) => index.isMemberOf(id, g));
  return (p) => {
    const id = lower(p.id);
    if (p.kind === 'group') return groups.has(id);
    if (p.kind === 'unknown') return users.has(id) || groups.has(id) || inGroup(p.id);
    return users.has(id) || inGroup(p.id);
  };
}

/**
 * Pointer for evidence about `conditions.users.<key>`: the key when the export has it (even as null), else the nearest
 * parent that exists.
 */
export function usersPointer(policy: ConditionalAccessPolicy, key: string): string {
  const users = policy.conditions?.users as Record<string, unknown> | null | undefined;
  if (users && typeof users === 'object') return key in users ? `/conditions/users/${key}` : '/conditions/users';
  return conditionPointer(policy, 'users');
}

/** A pointer to an `excludeUsers`/`excludeGroups` list for principals of the given kinds. */
export function exclusionListPointer(policy: ConditionalAccessPolicy, principals: readonly Principal[]): string {
  const asUser = (p: Principal) => p.kind === 'user' || (p.kind === 'unknown' && p.declaredAs !== 'group');
  return usersPointer(policy, principals.some(asUser) ? 'excludeUsers' : 'excludeGroups');
}

/** What a person reads for a principal: its display name, or the id when the export does not hold it. */
export function principalName(index: TenantIndex, p: Principal): string {
  return p.kind === 'unknown' ? p.id : index.nameOf(p.kind, p.id);
}

/** "user "Break Glass 01" (id), group …" — how messages name principals. */
export function describePrincipals(index: TenantIndex, principals: readonly Principal[]): string {
  return principals
    .map((p) => {
      if (p.kind === 'unknown') return `id ${p.id} (not in the export)`;
      const name = index.nameOf(p.kind, p.id);
      return name === p.id ? `${p.kind} ${p.id}` : `${p.kind} "${name}" (${p.id})`;
    })
    .join(', ');
}

// ---------------------------------------------------------------------------------------------------------------
// Dynamic groups

export function isDynamicGroup(group: DirectoryGroup): boolean {
  const types = list(group.groupTypes);
  return hasKeyword(types, DYNAMIC_MEMBERSHIP) || (typeof group.membershipRule === 'string' && group.membershipRule.trim() !== '');
}

export interface RuleAttribute {
  object: 'user' | 'device';
  /** As written in the rule (e.g. `mobile`, `displayName`). */
  name: string;
}

/**
 * The attributes a dynamic membership rule reads (`user.department`, `device.displayName`), in order of first use.
 * String literals are skipped, so a value such as "user.x" is not read as an attribute. Attributes inside `-any`/`-all`
 * lambdas (`assignedPlan.servicePlanId`) and `memberOf` group lists are not user or device attributes and are ignored.
 */
export function membershipRuleAttributes(rule: string): RuleAttribute[] {
  const withoutStrings = rule.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  const out: RuleAttribute[] = [];
  const seen = new Set<string>();
  for (const m of withoutStrings.matchAll(/(?<![\w.])(user|device)\.([A-Za-z_][A-Za-z0-9_]*)/gi)) {
    const object = m[1]!.toLowerCase() as 'user' | 'device';
    const key = `${object}.${m[2]!.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ object, name: m[2]! });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Directory synchronization accounts

export function isSyncAccount(user: DirectoryUser): boolean {
  const upn = typeof user.userPrincipalName === 'string' ? user.userPrincipalName.toLowerCase() : '';
  return SYNC_ACCOUNT_UPN_PREFIXES.some((p) => upn.startsWith(p.toLowerCase()));
}

/** Every way through the grant needs something a server-side sync account cannot do (MFA, a device, or a block). */
export function grantBreaksSync(policy: ConditionalAccessPolicy): boolean {
  const alts = grantAlternatives(policy);
  return alts.length > 0 && alts.every((alt) => alt.some((c) => SYNC_BREAKING_CONTROLS.includes(c)));
}

/**
 * Conditions that may keep the directory-sync sign-in out of the policy (it is a modern desktop client on a Windows
 * server, with no risk and no special authentication flow): when any is set, calint cannot tell that sync is hit.
 */
export function syncNarrowingConditions(policy: ConditionalAccessPolicy): string[] {
  const c = policy.conditions ?? {};
  const out: string[] = [];
  const clientApps = list(c.clientAppTypes);
  if (clientApps.length > 0 && !hasKeyword(clientApps, 'all') && !hasKeyword(clientApps, 'mobileAppsAndDesktopClients')) out.push('clientAppTypes');
  const inc = list(c.platforms?.includePlatforms);
  const exc = list(c.platforms?.excludePlatforms);
  if ((inc.length > 0 && !hasKeyword(inc, 'all') && !hasKeyword(inc, 'windows')) || hasKeyword(exc, 'windows')) out.push('platforms');
  const incLoc = list(c.locations?.includeLocations);
  if ((incLoc.length > 0 && !hasKeyword(incLoc, 'All')) || list(c.locations?.excludeLocations).length > 0) out.push('locations');
  for (const key of ['userRiskLevels', 'signInRiskLevels'] as const) if (list(c[key]).length > 0) out.push(key);
  if (flags(c.insiderRiskLevels).length > 0) out.push('insiderRiskLevels');
  if (flags(c.authenticationFlows?.transferMethods).length > 0) out.push('authenticationFlows');
  const filter = c.devices?.deviceFilter;
  if (filter && typeof filter.rule === 'string' && filter.rule.trim() !== '') out.push('devices');
  return out;
}

/** What a policy targets, for a message: "All resources", "Office 365 (app group)", "user action …", "authentication context …". */
export function describeTargets(index: TenantIndex, policy: ConditionalAccessPolicy): string {
  const a = policy.conditions?.applications ?? null;
  const apps = list(a?.includeApplications).filter((v) => !sameKeyword(v, 'None'));
  const parts: string[] = [];
  if (apps.length > 0) parts.push(apps.map((v) => index.nameOf('application', v)).join(', '));
  const actions = list(a?.includeUserActions);
  if (actions.length > 0) parts.push(`user action ${actions.join(', ')}`);
  const contexts = list(a?.includeAuthenticationContextClassReferences);
  if (contexts.length > 0) parts.push(`authentication context ${contexts.map((c) => index.nameOf('authenticationContext', c)).join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : 'no resources';
}

const MODERN_CLIENTS = ['browser', 'mobileAppsAndDesktopClients'];

/** The policy applies to some target: an application other than None, a user action or an authentication context. */
export function targetsAnything(policy: ConditionalAccessPolicy): boolean {
  const a = policy.conditions?.applications ?? null;
  return (
    list(a?.includeApplications).some((v) => !sameKeyword(v, 'None')) ||
    list(a?.includeUserActions).length > 0 ||
    list(a?.includeAuthenticationContextClassReferences).length > 0
  );
}

/**
 * The policy can apply to an interactive, modern sign-in (a browser or a modern desktop/mobile client, no special
 * authentication flow): false for policies limited to legacy clients (Exchange ActiveSync, other) or to device-code /
 * authentication-transfer flows, which an administrator signing in to the portal never uses.
 */
export function reachesModernSignIn(policy: ConditionalAccessPolicy): boolean {
  const c = policy.conditions ?? {};
  const clientApps = list(c.clientAppTypes);
  if (clientApps.length > 0 && !hasKeyword(clientApps, 'all') && !MODERN_CLIENTS.some((t) => hasKeyword(clientApps, t))) return false;
  return flags(c.authenticationFlows?.transferMethods).length === 0;
}

/**
 * Can `candidate` stand in for `policy` on an excluded object? It must reach modern sign-ins, must not be limited to
 * risky sign-ins (user, sign-in or insider risk), which would leave every ordinary sign-in uncontrolled, and must target
 * the same kind of resource: applications for an application policy (which ones is not compared), the same user action
 * (All resources also covers registering security information) or the same authentication context. Location, platform
 * and device conditions are allowed: pinning an exception to a trusted network is the usual compensating control.
 */
export function canCompensate(policy: ConditionalAccessPolicy, candidate: ConditionalAccessPolicy): boolean {
  const c = candidate.conditions ?? {};
  if (!reachesModernSignIn(candidate) || list(c.userRiskLevels).length > 0 || list(c.signInRiskLevels).length > 0) return false;
  if (flags(c.insiderRiskLevels).length > 0) return false;
  const mine = policy.conditions?.applications ?? null;
  const theirs = c.applications ?? null;
  const apps = (a: typeof mine) => list(a?.includeApplications).filter((v) => !sameKeyword(v, 'None'));
  const overlap = (x: string[], y: string[]) => x.some((v) => hasKeyword(y, v));
  if (apps(mine).length > 0 && apps(theirs).length > 0) return true;
  const myActions = list(mine?.includeUserActions);
  if (myActions.length > 0) {
    if (overlap(myActions, list(theirs?.includeUserActions))) return true;
    if (hasKeyword(myActions, 'urn:user:registersecurityinfo') && hasKeyword(apps(theirs), 'All')) return true;
  }
  const myContexts = list(mine?.includeAuthenticationContextClassReferences);
  return myContexts.length > 0 && overlap(myContexts, list(theirs?.includeAuthenticationContextClassReferences));
}
