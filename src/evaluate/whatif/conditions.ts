/**
 * Each condition of a policy compiled once into a check over scenario facts: in scope = matches an include and no
 * exclude (exclude always wins); an unconfigured condition has no check (it matches everything). A check answers
 * yes / no / cannot tell, and says why in words when asked.
 */
import type { TenantIndex } from '../../model/tenant-index.js';
import type { ConditionalAccessPolicy } from '../../model/snapshot-types.js';
import { applicationsCondition, flags, list, targetsWorkloadIdentities, usersCondition } from '../../model/policy.js';
import { coveredApps } from '../../model/well-known-app-groups.js';
import { parseDeviceFilter, matchesDevice, type FilterNode } from '../device-filter/index.js';
import { NO, UNKNOWN, YES, type Facts, type Tri } from './facts.js';
import { GUEST_TYPES } from './scenario.js';
import { syntheticName } from '../coverage/synthetic.js';
import { MFA_TRUSTED_IPS_LOCATION } from '../../model/well-known-limits.js';

/** Why a policy does not apply, named as Microsoft's What-If API names it (whatIfAnalysisReasons). */
export type AnalysisReason =
  | 'users'
  | 'workloadIdentities'
  | 'application'
  | 'userActions'
  | 'authenticationContext'
  | 'devicePlatform'
  | 'devices'
  | 'clientApps'
  | 'location'
  | 'signInRisk'
  | 'userRisk'
  | 'servicePrincipalRisk'
  | 'insiderRisk'
  | 'agentIdRisk'
  | 'authenticationFlow'
  | 'invalidCondition';

/** The dimension of the sign-in a check looks at (coverage splits on these). */
export type Dimension =
  | 'identity'
  | 'target'
  | 'platform'
  | 'clientApp'
  | 'location'
  | 'signInRisk'
  | 'userRisk'
  | 'servicePrincipalRisk'
  | 'insiderRisk'
  | 'agentIdRisk'
  | 'authenticationFlow'
  | 'device';

export interface Check {
  reason: AnalysisReason;
  /** When the reason depends on the sign-in (the identity check of a workload-identity policy). */
  reasonFor?(f: Facts): AnalysisReason;
  dimension: Dimension;
  /** Relative to the policy: the condition the check reads. */
  pointer: string;
  /** The part of the condition that decides a "no" for this sign-in (an include or an exclude list), when it says more. */
  pointerFor?(f: Facts): string;
  test(f: Facts): Tri;
  /** Why the answer is no (or what is missing when it cannot tell). */
  explain(f: Facts, answer: Tri): string;
  /**
   * For who and what: whether a "no" comes from an exclusion (the sign-in is in scope but excluded) rather than from
   * not being included. Near misses rank an excluded sign-in closer than one the policy never meant.
   */
  excludes?(f: Facts): boolean;
}

const lower = (values: readonly string[]) => values.map((v) => v.toLowerCase());
const or = (a: Tri, b: Tri): Tri => (a === YES || b === YES ? YES : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : NO);
/** In scope: included and not excluded, three-valued. */
const scope = (inc: Tri, exc: Tri): Tri => (exc === YES || inc === NO ? NO : inc === YES && exc === NO ? YES : UNKNOWN);

interface GuestSpec {
  types: Set<string>;
  /** null: any tenant. */
  tenants: Set<string> | null;
}

function guestSpec(raw: unknown, legacyAll: boolean): GuestSpec | null {
  if (legacyAll) return { types: new Set(GUEST_TYPES.map((t) => t.toLowerCase())), tenants: null };
  if (!raw || typeof raw !== 'object') return null;
  const g = raw as { guestOrExternalUserTypes?: unknown; externalTenants?: { membershipKind?: unknown; members?: unknown } | null };
  const types = new Set(lower(flags(g.guestOrExternalUserTypes)));
  if (types.size === 0) return null;
  const ext = g.externalTenants;
  const tenants = ext && String(ext.membershipKind ?? '').toLowerCase() === 'enumerated' ? new Set(lower(list(ext.members))) : null;
  return { types, tenants };
}

function guestMatch(spec: GuestSpec | null, f: Facts): Tri {
  if (!spec) return NO;
  if (f.guestType === undefined) return UNKNOWN;
  if (f.guestType === null || !spec.types.has(f.guestType.toLowerCase())) return NO;
  // Internal guests have no external home tenant; the tenant list narrows external users only.
  if (!spec.tenants || f.guestType === 'internalGuest') return YES;
  if (f.homeTenant === undefined) return UNKNOWN;
  return spec.tenants.has(f.homeTenant) ? YES : NO;
}

function usersCheck(index: TenantIndex, policy: ConditionalAccessPolicy): Check {
  const u = usersCondition(policy);
  const incUsers = new Set(lower(u.includeUsers));
  const excUsers = new Set(lower(u.excludeUsers));
  const incAll = incUsers.has('all');
  const incGroups = lower(u.includeGroups);
  const excGroups = lower(u.excludeGroups);
  const roleKey = (r: string) => index.resolve('role', r).key.toLowerCase();
  const incRoles = u.includeRoles.map(roleKey);
  const excRoles = u.excludeRoles.map(roleKey);
  const incGuests = guestSpec(u.includeGuestsOrExternalUsers, incUsers.has('guestsorexternalusers'));
  const excGuests = guestSpec(u.excludeGuestsOrExternalUsers, excUsers.has('guestsorexternalusers'));
  const workload = targetsWorkloadIdentities(policy);
  const userKey = (v: string) => index.resolve('user', v).key.toLowerCase();
  const keywords = new Set(['all', 'none', 'guestsorexternalusers']);
  const incIds = new Set([...incUsers].filter((v) => !keywords.has(v)).map(userKey));
  const excIds = new Set([...excUsers].filter((v) => !keywords.has(v)).map(userKey));

  const anyOf = (ids: readonly string[], test: (id: string) => Tri): Tri => {
    let out: Tri = NO;
    for (const id of ids) {
      const v = test(id);
      if (v === YES) return YES;
      if (v === UNKNOWN) out = UNKNOWN;
    }
    return out;
  };
  const incRoleSet = new Set(incRoles);
  const excRoleSet = new Set(excRoles);
  // The sign-in's few roles looked up in the policy's set (a policy may list thousands of roles; a user holds a few).
  const roleTest = (roles: ReadonlySet<string>, f: Facts): Tri => {
    if (roles.size === 0) return NO;
    if (f.roles === null) return UNKNOWN;
    for (const r of f.roles) if (roles.has(r)) return YES;
    return NO;
  };
  /** Whether the user is among these ids, groups, roles or guest types (one side of the condition). */
  const among = (ids: Set<string>, groups: readonly string[], roles: ReadonlySet<string>, guests: GuestSpec | null, f: Facts): Tri => {
    let v: Tri = f.principal ? (ids.has(f.principal) ? YES : NO) : ids.size > 0 ? UNKNOWN : NO;
    if (v === YES) return YES;
    v = or(v, anyOf(groups, f.memberOf));
    if (v === YES) return YES;
    v = or(v, roleTest(roles, f));
    if (v === YES) return YES;
    return or(v, guestMatch(guests, f));
  };
  const included = (f: Facts): Tri => (incAll ? YES : among(incIds, incGroups, incRoleSet, incGuests, f));
  const excluded = (f: Facts): Tri => among(excIds, excGroups, excRoleSet, excGuests, f);
  return {
    reason: 'users',
    dimension: 'identity',
    pointer: '/conditions/users',
    excludes: (f) => f.isUser && !workload && excluded(f) === YES,
    pointerFor: (f) => {
      if (!f.isUser || workload || excluded(f) !== YES) return '/conditions/users';
      if (f.principal && excIds.has(f.principal)) return '/conditions/users/excludeUsers';
      if (excGroups.some((x) => f.memberOf(x) === YES)) return '/conditions/users/excludeGroups';
      if (roleTest(excRoleSet, f) === YES) return '/conditions/users/excludeRoles';
      return excUsers.has('guestsorexternalusers') ? '/conditions/users/excludeUsers' : '/conditions/users/excludeGuestsOrExternalUsers';
    },
    test: (f) => (!f.isUser || workload ? NO : scope(included(f), excluded(f))),
    explain: (f, answer) => {
      if (!f.isUser) return 'it targets users, and the sign-in is a workload identity';
      if (workload) return 'it targets workload identities, not users';
      const inc = included(f);
      const exc = excluded(f);
      if (answer === UNKNOWN) {
        const missing: string[] = [];
        if (!f.principal && (incIds.size > 0 || excIds.size > 0)) missing.push('the user id');
        if ((incGroups.length || excGroups.length) && [...incGroups, ...excGroups].some((g) => f.memberOf(g) === UNKNOWN)) missing.push('group membership');
        if ((incRoles.length || excRoles.length) && f.roles === null) missing.push("the user's directory roles");
        if ((incGuests || excGuests) && f.guestType === undefined) missing.push('whether the user is a guest');
        if ((incGuests?.tenants || excGuests?.tenants) && f.homeTenant === undefined) missing.push("the guest's home tenant");
        return `needs ${missing.join(' and ') || 'more about the user'}`;
      }
      if (exc === YES) {
        if (f.principal && excIds.has(f.principal)) return `the user is excluded (${index.nameOf('user', f.principal)})`;
        const g = excGroups.find((x) => f.memberOf(x) === YES);
        if (g) return `the user is in the excluded group ${index.nameOf('group', g)}`;
        const r = excRoles.find((x) => f.roles?.has(x));
        if (r) return `the user holds the excluded role ${index.nameOf('role', r)}`;
        return `guest or external users of type ${f.guestType} are excluded`;
      }
      if (inc === NO) return incUsers.has('none') && incGroups.length + incRoles.length === 0 && !incGuests ? 'it includes no users (None)' : 'the user is not among the included users, groups, roles or guest types';
      return 'the user is not in scope';
    },
  };
}

/** One side of a workload-identity condition: service principals, or (beta) agent identities. */
function workloadSide(
  index: TenantIndex,
  include: unknown,
  exclude: unknown,
  filterValue: unknown,
  everyone: readonly string[],
): { inScope: (principal: string, attributes: Record<string, string> | undefined) => Tri; configured: boolean; excluded: (p: string) => boolean; included: (p: string) => boolean } {
  const key = (v: string) => index.resolve('servicePrincipal', v).key.toLowerCase();
  const inc = list(include).map(key);
  const exc = new Set(list(exclude).map(key));
  const all = inc.some((v) => everyone.includes(v));
  const filter = filterValue as { mode?: unknown; rule?: unknown } | null | undefined;
  const parsed = filter && typeof filter.rule === 'string' ? attributeFilter(filter.rule) : null;
  const included = (p: string) => all || inc.includes(p);
  const excluded = (p: string) => exc.has(p);
  return {
    configured: inc.length > 0 || !!filter,
    included,
    excluded,
    inScope: (principal, attributes) => {
      if (scope(included(principal) ? YES : NO, excluded(principal) ? YES : NO) === NO) return NO;
      if (!filter) return YES;
      if (!parsed || !attributes) return UNKNOWN;
      const m = matchesDevice(parsed, attributes);
      return (filter.mode === 'exclude' ? !m : m) ? YES : NO;
    },
  };
}

function workloadCheck(index: TenantIndex, policy: ConditionalAccessPolicy): Check {
  const c = (policy.conditions?.clientApplications ?? {}) as Record<string, unknown>;
  const sps = workloadSide(index, c.includeServicePrincipals, c.excludeServicePrincipals, c.servicePrincipalFilter, ['serviceprincipalsinmytenant']);
  const agents = workloadSide(index, c.includeAgentIdServicePrincipals, c.excludeAgentIdServicePrincipals, c.agentIdServicePrincipalFilter, ['all', 'allagentidserviceprincipals']);
  const sideOf = (f: Facts) => (f.scenario.identity.kind === 'agent' ? agents : sps);
  const noun = (f: Facts) => (f.scenario.identity.kind === 'agent' ? 'agent identity' : 'service principal');
  return {
    reason: 'workloadIdentities',
    // A user signing in is out of a workload-identity policy's identity scope, as a workload identity is out of a user
    // policy's: both name it `users` (the assignment a user sign-in is judged on). `workloadIdentities` is for a
    // workload identity the policy does not include.
    reasonFor: (f: Facts) => (f.isUser ? 'users' : 'workloadIdentities'),
    dimension: 'identity',
    pointer: '/conditions/clientApplications',
    test: (f) => {
      if (f.isUser) return NO;
      const id = f.scenario.identity;
      const attributes = id.kind === 'user' ? undefined : id.attributes;
      return sideOf(f).inScope(f.principal, attributes);
    },
    explain: (f, answer) => {
      if (f.isUser) return 'it targets workload identities, and the sign-in is a user';
      const side = sideOf(f);
      if (answer === UNKNOWN) return `needs the ${noun(f)}'s custom security attributes (${noun(f)} filter)`;
      if (!side.configured) return `it targets ${noun(f) === 'agent identity' ? 'service principals, not agent identities' : 'agent identities, not service principals'}`;
      if (side.excluded(f.principal)) return `the ${noun(f)} is excluded`;
      if (!side.included(f.principal)) return `the ${noun(f)} is not included`;
      return `the ${noun(f)} filter leaves it out`;
    },
  };
}

/** Application filters use the device-filter grammar over custom security attributes. */
function attributeFilter(rule: string): FilterNode | null {
  try {
    return parseDeviceFilter(rule.replace(/CustomSecurityAttribute\./gi, 'device.'));
  } catch {
    return null;
  }
}

/**
 * Whether a list of includeApplications / excludeApplications values names an app: directly, through All, the Office
 * 365 or Microsoft Admin Portals group, or an application that stands for a set of services (Windows Azure Service
 * Management API covers the Azure portal, Azure Data Lake, Application Insights API and Log Analytics API).
 */
function appMatcher(index: TenantIndex, values: readonly string[]): (app: string) => boolean {
  const keys = new Set(values.flatMap((v) => coveredApps(index.resolve('application', v).key)));
  return (app) => keys.has('all') || keys.has(app);
}

function targetCheck(index: TenantIndex, policy: ConditionalAccessPolicy): Check {
  const a = applicationsCondition(policy);
  const incApps = a.includeApplications.filter((v) => v.toLowerCase() !== 'none');
  const includes = appMatcher(index, incApps);
  const excludes = appMatcher(index, a.excludeApplications.filter((v) => v.toLowerCase() !== 'all'));
  const allApps = incApps.some((v) => v.toLowerCase() === 'all');
  const actions = lower(a.includeUserActions);
  const contexts = lower(a.includeAuthenticationContextClassReferences);
  const filter = a.applicationFilter as { mode?: unknown; rule?: unknown } | null;
  const parsedFilter = filter && typeof filter.rule === 'string' ? attributeFilter(filter.rule) : null;
  const test = (f: Facts): Tri => {
    const t = f.scenario.target;
    if (t.kind === 'userAction') {
      if (actions.includes(t.action.toLowerCase())) return YES;
      // Microsoft's evaluate example applies All-resources policies to security-info registration; device
      // registration is not documented either way.
      if (allApps) return t.action.toLowerCase() === 'urn:user:registersecurityinfo' ? YES : UNKNOWN;
      return NO;
    }
    if (t.kind === 'authenticationContext') {
      if (contexts.includes(t.id.toLowerCase())) return YES;
      return allApps ? UNKNOWN : NO;
    }
    if (incApps.length === 0) return NO;
    if (!includes(f.app) || excludes(f.app)) return NO;
    if (!filter) return YES;
    if (!parsedFilter || !t.attributes) return UNKNOWN;
    const m = matchesDevice(parsedFilter, t.attributes);
    return (filter.mode === 'exclude' ? !m : m) ? YES : NO;
  };
  const t0 = (f: Facts) => f.scenario.target;
  // The reason is named after what the policy itself targets (Graph's whatIfAnalysisReasons): a user-action policy
  // evaluated for an application sign-in fails on userActions, an application policy on application.
  const reason: AnalysisReason = incApps.length > 0 ? 'application' : actions.length > 0 ? 'userActions' : contexts.length > 0 ? 'authenticationContext' : 'application';
  return {
    reason,
    dimension: 'target',
    pointer: '/conditions/applications',
    excludes: (f) => f.scenario.target.kind === 'application' && incApps.length > 0 && excludes(f.app),
    pointerFor: (f) =>
      f.scenario.target.kind !== 'application' || incApps.length === 0
        ? '/conditions/applications'
        : excludes(f.app) && includes(f.app)
          ? '/conditions/applications/excludeApplications'
          : !includes(f.app)
            ? '/conditions/applications/includeApplications'
            : '/conditions/applications/applicationFilter',
    test,
    explain: (f, answer) => {
      const t = t0(f);
      if (t.kind === 'userAction') {
        return answer === UNKNOWN ? `it targets All resources, and whether that covers ${t.action} is not documented` : `it does not target the user action ${t.action}`;
      }
      if (t.kind === 'authenticationContext') {
        return answer === UNKNOWN ? `it targets All resources, and whether that covers authentication context ${t.id} is not documented` : `it does not target authentication context ${t.id}`;
      }
      const name = syntheticName(t.appId) ?? index.nameOf('application', t.appId);
      if (incApps.length === 0) return actions.length ? 'it targets user actions, not applications' : contexts.length ? 'it targets authentication contexts, not applications' : 'it targets no resources (None)';
      if (!includes(f.app)) return `it does not target ${name}`;
      if (excludes(f.app)) return `it excludes ${name}`;
      if (answer === UNKNOWN) return "needs the application's custom security attributes (application filter)";
      return `its application filter leaves ${name} out`;
    },
  };
}

function platformCheck(policy: ConditionalAccessPolicy): Check | null {
  const p = policy.conditions?.platforms;
  if (!p) return null;
  const inc = lower(list(p.includePlatforms));
  const exc = lower(list(p.excludePlatforms));
  if (inc.length === 0 && exc.length === 0) return null;
  const incAll = inc.length === 0 || inc.includes('all');
  const known = ['all', 'android', 'ios', 'windows', 'macos', 'linux', 'windowsphone'];
  const unrecognised = list(p.excludePlatforms).filter((x) => !known.includes(x.toLowerCase()));
  return {
    reason: 'devicePlatform',
    dimension: 'platform',
    pointer: '/conditions/platforms',
    pointerFor: (f) => {
      const pl = f.scenario.platform?.toLowerCase();
      return pl !== undefined && (exc.includes('all') || exc.includes(pl) || (pl === 'unknown' && unrecognised.length > 0)) ? '/conditions/platforms/excludePlatforms' : '/conditions/platforms/includePlatforms';
    },
    test: (f) => {
      const pl = f.scenario.platform?.toLowerCase();
      if (pl === undefined) return UNKNOWN;
      // An undetectable platform matches only "any device" and is excluded only by "any device".
      if (exc.includes('all') || exc.includes(pl)) return NO;
      const inScope = incAll || inc.includes(pl);
      // An excluded value calint does not know (unknownFutureValue, a typo) might stand for the unknown platform.
      if (inScope && pl === 'unknown' && unrecognised.length > 0) return UNKNOWN;
      return inScope ? YES : NO;
    },
    explain: (f, answer) => {
      const pl = f.scenario.platform;
      if (answer === UNKNOWN && pl !== undefined) return `it excludes ${unrecognised.join(', ')}, which is not a platform calint knows, so whether it leaves out an unknown platform cannot be told`;
      if (answer === UNKNOWN) return 'needs the device platform';
      if (exc.includes(pl!.toLowerCase()) || exc.includes('all')) return `platform ${pl} is excluded`;
      return `it applies only on ${list(p.includePlatforms).join(', ')}, not ${pl}`;
    },
  };
}

function clientAppCheck(policy: ConditionalAccessPolicy): Check | null {
  const types = lower(list(policy.conditions?.clientAppTypes)).map((t) => (t === 'eassupported' ? 'exchangeactivesync' : t));
  if (types.length === 0 || types.includes('all')) return null;
  return {
    reason: 'clientApps',
    dimension: 'clientApp',
    pointer: '/conditions/clientAppTypes',
    test: (f) => (f.scenario.clientApp === undefined ? UNKNOWN : types.includes(f.scenario.clientApp.toLowerCase()) ? YES : NO),
    explain: (f, answer) =>
      answer === UNKNOWN ? 'needs the client app type' : `it applies only to client apps ${list(policy.conditions?.clientAppTypes).join(', ')}, not ${f.scenario.clientApp}`,
  };
}

function locationCheck(index: TenantIndex, policy: ConditionalAccessPolicy): Check | null {
  const l = policy.conditions?.locations;
  if (!l) return null;
  const inc = lower(list(l.includeLocations));
  const exc = lower(list(l.excludeLocations));
  if (inc.length === 0 && exc.length === 0) return null;
  const member = (id: string, f: Facts): Tri => (id === 'all' ? YES : id === 'alltrusted' ? f.trusted : f.locationIn(id));
  const sets = new Map([inc, exc].map((ids) => [ids, new Set(ids)]));
  const any = (ids: string[], f: Facts): Tri => {
    const given = f.givenLocations;
    if (!given) return ids.reduce<Tri>((acc, id) => (acc === YES ? YES : or(acc, member(id, f))), NO);
    // The sign-in names its locations (every coverage class does): look its few up in the policy's set, which may
    // hold thousands. The same answer as asking each id: All, AllTrusted, the MFA trusted IPs, then the named ones.
    const set = sets.get(ids)!;
    if (set.has('all')) return YES;
    let v: Tri = set.has('alltrusted') ? f.trusted : NO;
    if (set.has(MFA_TRUSTED_IPS_LOCATION)) v = or(v, f.locationIn(MFA_TRUSTED_IPS_LOCATION));
    if (v === YES) return YES;
    for (const id of given) if (id !== MFA_TRUSTED_IPS_LOCATION && set.has(id)) return YES;
    return v;
  };
  const included = (f: Facts): Tri => (inc.length === 0 ? YES : any(inc, f));
  return {
    reason: 'location',
    dimension: 'location',
    pointer: '/conditions/locations',
    pointerFor: (f) => (any(exc, f) === YES ? '/conditions/locations/excludeLocations' : '/conditions/locations/includeLocations'),
    test: (f) => scope(included(f), any(exc, f)),
    explain: (f, answer) => {
      if (answer === UNKNOWN) {
        const ids = [...inc, ...exc].filter((id) => member(id, f) === UNKNOWN);
        const unexported = ids.filter((id) => id !== 'alltrusted' && !index.resolve('namedLocation', id).status.startsWith('resolved'));
        if (unexported.length) return `needs named location ${unexported.map((id) => index.nameOf('namedLocation', id)).join(', ')}, which the export does not hold`;
        return `needs the sign-in's ${f.scenario.ip === undefined ? 'IP address' : 'country'}`;
      }
      const hit = exc.find((id) => member(id, f) === YES);
      if (hit === 'alltrusted') return 'the sign-in is at a trusted location, and trusted locations are excluded';
      if (hit) return `the sign-in is at ${index.nameOf('namedLocation', hit)}, which is excluded`;
      return `it applies only at ${list(l.includeLocations).map((id) => index.nameOf('namedLocation', id)).join(', ')}`;
    },
  };
}

function levelCheck(
  reason: AnalysisReason,
  dimension: Dimension,
  key: 'signInRiskLevels' | 'userRiskLevels' | 'servicePrincipalRiskLevels' | 'insiderRiskLevels' | 'agentIdRiskLevels',
  fact: 'signInRisk' | 'userRisk' | 'servicePrincipalRisk' | 'insiderRisk' | 'agentIdRisk',
  label: string,
  policy: ConditionalAccessPolicy,
): Check | null {
  // riskLevel collections list "none" (the portal's "No risk") as a level of its own: keep it.
  const raw = policy.conditions?.[key];
  // Insider and agent risk are flags enums (one comma-separated string).
  const shown = key === 'insiderRiskLevels' || key === 'agentIdRiskLevels' ? flags(raw) : list(raw);
  const levels = lower(shown);
  if (levels.length === 0) return null;
  return {
    reason,
    dimension,
    pointer: `/conditions/${key}`,
    test: (f) => {
      const v = f.scenario[fact];
      return v === undefined ? UNKNOWN : levels.includes(v.toLowerCase()) ? YES : NO;
    },
    explain: (f, answer) => (answer === UNKNOWN ? `needs the ${label}` : `it applies only at ${label} ${shown.join(', ')}, not ${f.scenario[fact]}`),
  };
}

function flowCheck(policy: ConditionalAccessPolicy): Check | null {
  const shown = flags(policy.conditions?.authenticationFlows?.transferMethods);
  const methods = lower(shown);
  if (methods.length === 0) return null;
  return {
    reason: 'authenticationFlow',
    dimension: 'authenticationFlow',
    pointer: '/conditions/authenticationFlows',
    test: (f) => (f.scenario.authenticationFlow === undefined ? UNKNOWN : methods.includes(f.scenario.authenticationFlow.toLowerCase()) ? YES : NO),
    explain: (f, answer) =>
      answer === UNKNOWN ? 'needs the authentication flow' : `it applies only to the ${shown.join(', ')} flow, not ${f.scenario.authenticationFlow}`,
  };
}

function deviceCheck(policy: ConditionalAccessPolicy): Check | null {
  const d = policy.conditions?.devices as (Record<string, unknown> & { deviceFilter?: { mode?: unknown; rule?: unknown } | null }) | null | undefined;
  const states = (policy.conditions as Record<string, unknown> | undefined)?.deviceStates as { includeStates?: unknown; excludeStates?: unknown } | null | undefined;
  const excStates = lower([...list(states?.excludeStates), ...list(d?.excludeDeviceStates)]);
  const filter = d?.deviceFilter;
  const hasFilter = !!filter && typeof filter.rule === 'string' && filter.rule.trim() !== '';
  if (!hasFilter && excStates.length === 0) return null;
  let tree: FilterNode | null = null;
  let syntaxError: string | null = null;
  if (hasFilter) {
    try {
      tree = parseDeviceFilter(filter!.rule as string);
    } catch (e) {
      syntaxError = (e as Error).message;
    }
  }
  const exclude = hasFilter && String(filter!.mode).toLowerCase() === 'exclude';
  const stateExcluded = (f: Facts): boolean => {
    const dev = f.device ?? {};
    const v = (k: string) => String(Object.entries(dev).find(([key]) => key.toLowerCase() === k)?.[1] ?? '').toLowerCase();
    return (excStates.includes('compliant') && v('iscompliant') === 'true') || (excStates.includes('domainjoined') && v('trusttype') === 'serverad');
  };
  return {
    reason: syntaxError ? 'invalidCondition' : 'devices',
    dimension: 'device',
    pointer: hasFilter ? '/conditions/devices/deviceFilter' : '/conditions/deviceStates',
    test: (f) => {
      if (f.device === undefined) return UNKNOWN;
      if (syntaxError) return UNKNOWN;
      if (excStates.length && stateExcluded(f)) return NO;
      if (!tree) return YES;
      const m = matchesDevice(tree, f.device ?? {});
      return (exclude ? !m : m) ? YES : NO;
    },
    explain: (f, answer) => {
      if (syntaxError) return `its device filter does not parse (${syntaxError})`;
      if (answer === UNKNOWN) return 'needs the device (its attributes, or that it is unregistered)';
      if (excStates.length && stateExcluded(f)) return `the device state is excluded (${excStates.join(', ')})`;
      const dev = f.device === null ? 'the unregistered device' : 'the device';
      return exclude ? `its device filter excludes ${dev}` : `its device filter does not match ${dev}`;
    },
  };
}

/** Every check of a policy, in the order Microsoft's What-If lists reasons. */
export function compileChecks(index: TenantIndex, policy: ConditionalAccessPolicy): Check[] {
  const workload = targetsWorkloadIdentities(policy);
  const checks: Array<Check | null> = [
    workload ? workloadCheck(index, policy) : usersCheck(index, policy),
    targetCheck(index, policy),
    platformCheck(policy),
    clientAppCheck(policy),
    locationCheck(index, policy),
    levelCheck('signInRisk', 'signInRisk', 'signInRiskLevels', 'signInRisk', 'sign-in risk', policy),
    levelCheck('userRisk', 'userRisk', 'userRiskLevels', 'userRisk', 'user risk', policy),
    levelCheck('servicePrincipalRisk', 'servicePrincipalRisk', 'servicePrincipalRiskLevels', 'servicePrincipalRisk', 'service principal risk', policy),
    levelCheck('insiderRisk', 'insiderRisk', 'insiderRiskLevels', 'insiderRisk', 'insider risk', policy),
    levelCheck('agentIdRisk', 'agentIdRisk', 'agentIdRiskLevels', 'agentIdRisk', 'agent risk', policy),
    flowCheck(policy),
    deviceCheck(policy),
  ];
  return checks.filter((c): c is Check => c !== null);
}
