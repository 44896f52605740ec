/**
 * The facts of one scenario, worked out once against the tenant (who the user is and which groups, roles and guest
 * type they have; which named locations the IP and country fall in; the target's canonical id), so that evaluating
 * a policy is a handful of set lookups.
 */
import type { TenantIndex } from '../../model/tenant-index.js';
import type { DirectoryUser, NamedLocation } from '../../model/snapshot-types.js';
import { list } from '../../model/policy.js';
import { MFA_TRUSTED_IPS_LOCATION } from '../../model/well-known-limits.js';
import { parseIpAddress, type IpRange } from '../ip-ranges.js';
import { parseRangeEntry } from '../named-locations.js';
import type { DeviceAttributes } from '../device-filter/index.js';
import type { GuestType, Scenario } from './scenario.js';

/** Three-valued answers: no, yes, cannot tell. */
export const NO = 0;
export const YES = 1;
export const UNKNOWN = 2;
export type Tri = typeof NO | typeof YES | typeof UNKNOWN;

export interface Facts {
  scenario: Scenario;
  isUser: boolean;
  /** Lower-case object id of the user or service principal ('' when not given). */
  principal: string;
  /** Transitive group membership: yes/no/unknown for a lower-case group id. */
  memberOf(groupId: string): Tri;
  /** Lower-case role template ids, or null when unknown. */
  roles: ReadonlySet<string> | null;
  /** null: a member; undefined: unknown. */
  guestType: GuestType | null | undefined;
  homeTenant: string | undefined;
  /** Lower-case canonical app id (or keyword) of an application target. */
  app: string;
  /** Named location ids (lower-case) the sign-in is in; null when neither IP nor country is known. */
  locationIn(locationId: string): Tri;
  /** The named locations the scenario says it is in (lower-case), when it names them: then it is in no other. */
  givenLocations: ReadonlySet<string> | null;
  /** The sign-in is at an IP in some trusted IP named location. */
  trusted: Tri;
  device: DeviceAttributes | null | undefined;
}

/** Named locations compiled once per tenant: IP ranges parsed, countries upper-cased. */
export interface LocationTable {
  byId: Map<string, CompiledLocation>;
}
export type CompiledLocation =
  | { kind: 'ip'; id: string; trusted: boolean; ranges: IpRange[] }
  | { kind: 'country'; id: string; countries: Set<string>; unknownCountries: boolean; lookup: string }
  | { kind: 'other'; id: string };

/** The tenant's named locations compiled (the evaluator keeps one per run). */
export function compileLocations(index: TenantIndex): LocationTable {
  const table: LocationTable = { byId: new Map() };
  for (const raw of (index.snapshot.namedLocations ?? []) as NamedLocation[]) {
    const l = raw as NamedLocation & Record<string, unknown>;
    if (typeof l.id !== 'string') continue;
    const id = l.id.toLowerCase();
    const type = String(l['@odata.type'] ?? '').toLowerCase();
    if (Array.isArray(l.ipRanges) || type.endsWith('ipnamedlocation')) {
      const ranges = (l.ipRanges ?? []).map((r) => parseRangeEntry(r)).filter((r): r is IpRange => r !== null);
      table.byId.set(id, { kind: 'ip', id, trusted: l.isTrusted === true, ranges });
    } else if (Array.isArray(l.countriesAndRegions) || type.endsWith('countrynamedlocation')) {
      table.byId.set(id, {
        kind: 'country',
        id,
        countries: new Set(list(l.countriesAndRegions).map((c) => c.toUpperCase())),
        unknownCountries: l.includeUnknownCountriesAndRegions === true,
        lookup: typeof l.countryLookupMethod === 'string' ? l.countryLookupMethod : 'clientIpAddress',
      });
    } else table.byId.set(id, { kind: 'other', id });
  }
  return table;
}

function inRange(range: IpRange, family: number, value: bigint): boolean {
  if (range.family !== family) return false;
  return value >= range.first && value <= range.last;
}

/** An address as ranges hold it: IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are IPv4. */
function parseAddress(text: string): { family: number; value: bigint } | null {
  const a = parseIpAddress(text);
  if (a && a.family === 6 && a.value >> 32n === 0xffffn) return { family: 4, value: a.value & 0xffffffffn };
  return a;
}

/** The facts of a scenario; `locations` is the tenant's compiled named locations (compiled here when not given). */
export function prepareFacts(index: TenantIndex, scenario: Scenario, locations: LocationTable = compileLocations(index)): Facts {
  const id = scenario.identity;
  const isUser = id.kind === 'user';
  let principal = '';
  let user: DirectoryUser | undefined;
  if (id.kind === 'user' && id.userId) {
    user = index.user(id.userId) ?? (id.userId.includes('@') ? findByUpn(index, id.userId) : undefined);
    principal = (user?.id ?? id.userId).toLowerCase();
  } else if (id.kind === 'servicePrincipal') principal = id.servicePrincipalId.toLowerCase();
  else if (id.kind === 'agent') principal = id.agentId.toLowerCase();

  // Groups: the scenario's list (plus the groups those are nested in) is complete; otherwise exported members decide.
  let memberOf: (g: string) => Tri;
  if (id.kind === 'user' && id.groupIds) {
    const given = new Set(id.groupIds.map((g) => g.toLowerCase()));
    memberOf = (g) => (given.has(g) || [...given].some((x) => index.isMemberOf(x, g)) ? YES : NO);
  } else if (id.kind === 'user' && principal) {
    const cache = new Map<string, Tri>();
    memberOf = (g) => {
      let v = cache.get(g);
      if (v === undefined) {
        v = index.isMemberOf(principal, g) ? YES : membershipKnown(index, g, new Set()) ? NO : UNKNOWN;
        cache.set(g, v);
      }
      return v;
    };
  } else memberOf = () => (isUser ? UNKNOWN : NO);

  let roles: Set<string> | null = null;
  if (id.kind === 'user' && id.roleIds) {
    roles = new Set(id.roleIds.map((r) => index.resolve('role', r).key.toLowerCase()));
  } else if (id.kind === 'user' && principal) roles = exportedRoles(index, principal);

  let guestType: GuestType | null | undefined = undefined;
  if (id.kind === 'user') guestType = id.guestType !== undefined ? id.guestType : user ? guestTypeOf(user) : undefined;

  const t = scenario.target;
  const app = t.kind === 'application' ? index.resolve('application', t.appId).key.toLowerCase() : '';

  const table = locations;
  const ip = scenario.ip !== undefined ? parseAddress(scenario.ip) : null;
  const country = scenario.country;
  const locCache = new Map<string, Tri>();
  const given = scenario.namedLocationIds ? new Set(scenario.namedLocationIds.map((x) => x.toLowerCase())) : null;
  const locationIn = (locId: string): Tri => {
    // Named by the scenario: a set lookup, not worth remembering (a policy may list thousands of locations).
    if (given && locId !== MFA_TRUSTED_IPS_LOCATION) return given.has(locId) ? YES : NO;
    let v = locCache.get(locId);
    if (v !== undefined) return v;
    const loc = table.byId.get(locId);
    // The legacy MFA trusted IPs have a location id of their own; exports never hold their ranges.
    if (locId === MFA_TRUSTED_IPS_LOCATION) v = scenario.mfaTrustedIp === true ? YES : given || ip ? NO : UNKNOWN;
    else if (given) v = given.has(locId) ? YES : NO;
    else if (!loc || loc.kind === 'other') v = UNKNOWN;
    else if (loc.kind === 'ip') v = ip ? (loc.ranges.some((r) => inRange(r, ip.family, ip.value)) ? YES : NO) : UNKNOWN;
    else if (country === undefined) v = UNKNOWN;
    else v = country === 'unknown' ? (loc.unknownCountries ? YES : NO) : loc.countries.has(country) ? YES : NO;
    locCache.set(locId, v);
    return v;
  };
  // AllTrusted: the trusted IP named locations, plus the MFA trusted IPs (not exported; the scenario says).
  let trusted: Tri = scenario.mfaTrustedIp ? YES : UNKNOWN;
  if (trusted !== YES && (ip || given)) {
    trusted = NO;
    for (const loc of table.byId.values()) {
      if (loc.kind === 'ip' && loc.trusted && locationIn(loc.id) === YES) trusted = YES;
    }
  }
  return {
    scenario,
    isUser,
    principal,
    memberOf,
    roles,
    guestType,
    homeTenant: id.kind === 'user' ? id.homeTenantId?.toLowerCase() : undefined,
    app,
    locationIn,
    givenLocations: given,
    trusted,
    device: scenario.device,
  };
}

function findByUpn(index: TenantIndex, upn: string): DirectoryUser | undefined {
  const lower = upn.toLowerCase();
  return ((index.snapshot.directory?.users ?? []) as DirectoryUser[]).find((u) => u.userPrincipalName?.toLowerCase() === lower);
}

/** Whether the export holds the membership of a group and of every group nested in it. */
function membershipKnown(index: TenantIndex, groupId: string, seen: Set<string>): boolean {
  const key = groupId.toLowerCase();
  if (seen.has(key)) return true;
  seen.add(key);
  const members = index.groupMembers(groupId);
  if (!members) return false;
  return members.every((m) => !index.group(m) || membershipKnown(index, m, seen));
}

/** Active role assignments when the export holds them (`members` on directory roles); else null (unknown). */
function exportedRoles(index: TenantIndex, userId: string): Set<string> | null {
  const roles = (index.snapshot.directory?.roles ?? []) as unknown as Array<Record<string, unknown>>;
  if (!roles.some((r) => Array.isArray(r.members))) return null;
  const out = new Set<string>();
  for (const r of roles) {
    if (!Array.isArray(r.members)) continue;
    const template = String(r.templateId ?? r.roleTemplateId ?? r.id ?? '').toLowerCase();
    if ((r.members as Array<{ id?: unknown }>).some((m) => typeof m?.id === 'string' && (m.id.toLowerCase() === userId || index.isMemberOf(userId, m.id)))) {
      out.add(template);
    }
  }
  return out;
}

/** Guest type of an exported user: members are null; `#EXT#` accounts are B2B collaboration guests or members. */
function guestTypeOf(user: DirectoryUser): GuestType | null | undefined {
  const external = /#EXT#/i.test(user.userPrincipalName ?? '');
  const type = (user.userType ?? '').toLowerCase();
  if (type === 'guest') return external ? 'b2bCollaborationGuest' : 'internalGuest';
  if (type === 'member') return external ? 'b2bCollaborationMember' : null;
  return undefined;
}
