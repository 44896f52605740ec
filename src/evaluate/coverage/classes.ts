/**
 * Equivalence classes of each sign-in dimension: the values the given policies actually mention, plus "everything
 * else". Two sign-ins in the same class of every dimension are treated alike by every one of those policies, so one
 * representative scenario per cell decides the whole cell.
 */
import { PLATFORM_NAMES, USER_ACTION_NAMES } from '../../model/value-names.js';
import type { TenantIndex } from '../../model/tenant-index.js';
import { applicationsCondition, list, usersCondition } from '../../model/policy.js';
import { APP_ALL, APP_NONE } from '../../model/well-known-apps.js';
import { ALL_AGENT_RESOURCES } from '../../model/well-known-agents.js';
import { ADMIN_PORTALS_GROUP, OFFICE_365_GROUP, OFFICE_365_REPRESENTATIVE } from '../../model/well-known-app-groups.js';
import { DIRECTORY_SYNCHRONIZATION_ACCOUNTS } from '../../model/well-known-roles.js';
import { MFA_TRUSTED_IPS_LOCATION } from '../../model/well-known-limits.js';
import { parseDeviceFilter, matchesDevice, type DeviceAttributes, type FilterNode } from '../device-filter/index.js';
import { formatAddress, parseIpAddress } from '../ip-ranges.js';
import type { CompiledPolicy } from '../whatif/evaluate.js';
import { YES, type Facts, type LocationTable } from '../whatif/facts.js';
import type { Dimension } from '../whatif/conditions.js';
import {
  CLIENT_APP_TYPES,
  GUEST_TYPES,
  INSIDER_RISK_LEVELS,
  PLATFORMS,
  RISK_LEVELS,
  TRANSFER_METHODS,
  type ClientAppType,
  type GuestType,
  type Scenario,
} from '../whatif/scenario.js';

export interface DimensionClass {
  /** What a person reads: "member of CA-Exclude-Travel", "any other resource", "windows". */
  label: string;
  apply(s: Scenario): void;
  /** Set when a gap in this class is expected (break-glass accounts), with the reason. */
  expected?: string;
  /** Identifies what apply() sets, when the label alone may not (two apps with one display name). */
  key?: string;
  /** Location classes: the representative sign-in is at a trusted location. */
  trusted?: boolean;
  /** Location classes: the representative sign-in is in no named location the policies reference. */
  elsewhere?: boolean;
  /** Identity classes of guests: their guest type. */
  guestType?: GuestType;
  /** Device classes: the device is neither compliant nor hybrid joined (or not registered at all). */
  unmanaged?: boolean;
  /** A class that stands for several ids every policy treats alike: the label of each (a gap lists them all). */
  members?: string[];
}

export type Space = Partial<Record<Dimension, DimensionClass[]>>;

/** The order dimensions are split in: who, what, then the conditions that narrow. */
export const DIMENSION_ORDER: readonly Dimension[] = [
  'identity',
  'target',
  'clientApp',
  'platform',
  'location',
  'signInRisk',
  'userRisk',
  'servicePrincipalRisk',
  'agentIdRisk',
  'insiderRisk',
  'authenticationFlow',
  'device',
];

import { OTHER_APP, OTHER_TENANT, SYNTHETIC_AGENT, SYNTHETIC_SERVICE_PRINCIPAL, SYNTHETIC_USER } from './synthetic.js';

export { OTHER_APP, SYNTHETIC_AGENT, SYNTHETIC_SERVICE_PRINCIPAL, SYNTHETIC_USER };

const member = (extra: Partial<Extract<Scenario['identity'], { kind: 'user' }>> = {}): Scenario['identity'] => ({
  kind: 'user',
  userId: SYNTHETIC_USER,
  groupIds: [],
  roleIds: [],
  guestType: null,
  ...extra,
});

export interface IdentityOptions {
  /** Classes for users and groups the policies name (full coverage); baselines leave them out (other rules judge exclusions). */
  principals: boolean;
  breakGlass?: { users: readonly string[]; groups: readonly string[] };
  /** Only these roles (a role baseline), instead of every role the policies name plus the rest. */
  roles?: readonly string[];
  /** Only guests (a guest baseline). */
  guestsOnly?: boolean;
}

export function identityClasses(index: TenantIndex, policies: readonly CompiledPolicy[], o: IdentityOptions): DimensionClass[] {
  const roleKey = (r: string) => index.resolve('role', r).key.toLowerCase();
  if (o.roles) {
    return o.roles.map((r) => ({ label: `holder of ${index.nameOf('role', r)}`, key: `role:${roleKey(r)}`, apply: (s) => void (s.identity = member({ roleIds: [roleKey(r)] })) }));
  }
  const guestClasses: DimensionClass[] = [];
  const tenants = new Set<string>();
  for (const cp of policies) {
    const u = usersCondition(cp.policy);
    for (const g of [u.includeGuestsOrExternalUsers, u.excludeGuestsOrExternalUsers]) {
      const ext = (g as { externalTenants?: { members?: unknown } | null } | null)?.externalTenants;
      for (const t of list(ext?.members)) tenants.add(t.toLowerCase());
    }
  }
  for (const t of GUEST_TYPES) {
    guestClasses.push({ label: GUEST_LABELS[t] ?? `${t} user`, guestType: t, apply: (s) => void (s.identity = { kind: 'user', userId: SYNTHETIC_USER, groupIds: [], roleIds: [], guestType: t, homeTenantId: OTHER_TENANT }) });
    if (t === 'internalGuest') continue;
    for (const tenant of [...tenants].sort()) {
      guestClasses.push({ label: `${GUEST_LABELS[t] ?? `${t} user`} from tenant ${tenant}`, guestType: t, apply: (s) => void (s.identity = { kind: 'user', userId: SYNTHETIC_USER, groupIds: [], roleIds: [], guestType: t, homeTenantId: tenant }) });
    }
  }
  if (o.guestsOnly) return guestClasses;
  const out: DimensionClass[] = [{ label: 'a member user (no named group or role)', apply: (s) => void (s.identity = member()) }];
  const users = new Set<string>();
  const shown = new Map<string, string>();
  // Per role and group: the lists that name it (policy and side). Two roles every policy names together are one class.
  const roleLists = new Map<string, string[]>();
  const groupLists = new Map<string, string[]>();
  const note = (lists: Map<string, string[]>, id: string, where: string) => {
    const seen = lists.get(id);
    if (!seen) lists.set(id, [where]);
    else if (seen[seen.length - 1] !== where) seen.push(where);
  };
  policies.forEach((cp, i) => {
    const u = usersCondition(cp.policy);
    for (const r of u.includeRoles) note(roleLists, roleKey(r), `${i}+`);
    for (const r of u.excludeRoles) note(roleLists, roleKey(r), `${i}-`);
    for (const [side, ids] of [['+', u.includeGroups], ['-', u.excludeGroups]] as const) {
      for (const g of ids) {
        note(groupLists, g.toLowerCase(), `${i}${side}`);
        if (!shown.has(g.toLowerCase())) shown.set(g.toLowerCase(), g);
      }
    }
    for (const x of [...u.includeUsers, ...u.excludeUsers]) if (!['all', 'none', 'guestsorexternalusers'].includes(x.toLowerCase())) users.add(index.resolve('user', x).key.toLowerCase());
  });
  const groups = new Set(groupLists.keys());
  const syncRole = DIRECTORY_SYNCHRONIZATION_ACCOUNTS.toLowerCase();
  for (const { first, others, ids } of mergeByLists(roleLists, (r) => (r === syncRole ? 'sync' : ''))) {
    const expected = first === syncRole ? 'the directory synchronization account cannot perform MFA (Microsoft advises excluding it)' : undefined;
    out.push({
      label: `holder of ${index.nameOf('role', first)}${alsoText(others, 'role')}`,
      key: `role:${first}`,
      apply: (s) => void (s.identity = member({ roleIds: [first] })),
      ...(others ? { members: ids.map((r) => `holder of ${index.nameOf('role', r)}`) } : {}),
      ...(expected ? { expected } : {}),
    });
  }
  if (o.principals) {
    const bgUsers = new Set((o.breakGlass?.users ?? []).map((x) => x.toLowerCase()));
    const bgGroups = new Set((o.breakGlass?.groups ?? []).map((x) => x.toLowerCase()));
    // Groups are merged only when membership cannot tell them apart: neither holds exported members nor is a member of
    // an exported group (nesting would make a member of one also a member of another).
    const nested = new Set<string>();
    for (const g of (index.snapshot.directory?.groups ?? []) as Array<{ members?: Array<{ id?: unknown }> | null }>) {
      for (const m of Array.isArray(g.members) ? g.members : []) if (typeof m?.id === 'string') nested.add(m.id.toLowerCase());
    }
    const alone = (g: string) => !nested.has(g) && index.groupMembers(g) === null;
    for (const { first: g, others, ids } of mergeByLists(groupLists, (x) => (bgGroups.has(x) ? 'bg' : alone(x) ? '' : `own:${x}`))) {
      const expected = bgGroups.has(g) ? 'break-glass group' : undefined;
      out.push({
        label: `member of ${index.nameOf('group', shown.get(g) ?? g)}${alsoText(others, 'group')}`,
        key: `group:${g}`,
        apply: (s) => void (s.identity = member({ groupIds: [g] })),
        ...(others ? { members: ids.map((x) => `member of ${index.nameOf('group', shown.get(x) ?? x)}`) } : {}),
        ...(expected ? { expected } : {}),
      });
    }
    for (const id of [...users].sort()) {
      // Every exported group the user is in (not only the ones named here), so the class means the same in every walk.
      const allGroups = ((index.snapshot.directory?.groups ?? []) as Array<{ id?: unknown }>).map((g) => g.id).filter((g): g is string => typeof g === 'string');
      const groupsOf = [...new Set([...allGroups.map((g) => g.toLowerCase()), ...groups])].filter((g) => index.isMemberOf(id, g)).sort();
      const expected = bgUsers.has(id) || groupsOf.some((g) => bgGroups.has(g)) ? 'break-glass account' : undefined;
      out.push({
        label: `user ${index.nameOf('user', id)}`,
        key: `user:${id}`,
        apply: (s) => void (s.identity = { kind: 'user', userId: id, groupIds: groupsOf, roleIds: [], guestType: null }),
        ...(expected ? { expected } : {}),
      });
    }
  }
  return [...out, ...guestClasses];
}

/**
 * Ids that every policy names in the same lists (and that `apart` does not keep apart) are one class: a sign-in as
 * any of them meets the same policies. Each class is its first id (sorted) and how many others it stands for. A policy
 * listing 25 000 roles makes one class, not 25 000.
 */
function mergeByLists(lists: ReadonlyMap<string, string[]>, apart: (id: string) => string): Array<{ first: string; others: number; ids: string[] }> {
  const bySignature = new Map<string, { first: string; others: number; ids: string[] }>();
  for (const id of [...lists.keys()].sort()) {
    const signature = `${apart(id)}|${lists.get(id)!.join(',')}`;
    const cls = bySignature.get(signature);
    if (cls) {
      cls.others++;
      cls.ids.push(id);
    } else bySignature.set(signature, { first: id, others: 0, ids: [id] });
  }
  return [...bySignature.values()];
}

function alsoText(others: number, kind: string): string {
  return others === 0 ? '' : ` (or any of ${others} other ${kind}${others === 1 ? '' : 's'} the same policies name)`;
}

/** Resources: every app the policies name (Office 365 group members by one representative), plus any other app. */
export function targetClasses(index: TenantIndex, policies: readonly CompiledPolicy[]): DimensionClass[] {
  const apps = new Set<string>();
  for (const cp of policies) {
    const a = applicationsCondition(cp.policy);
    for (const v of [...a.includeApplications, ...a.excludeApplications]) {
      const key = index.resolve('application', v).key;
      const lower = key.toLowerCase();
      if (lower === APP_ALL.toLowerCase() || lower === APP_NONE.toLowerCase() || lower === ALL_AGENT_RESOURCES.toLowerCase()) continue;
      if (lower === OFFICE_365_GROUP.appId) apps.add(OFFICE_365_REPRESENTATIVE);
      else if (lower === ADMIN_PORTALS_GROUP.appId) apps.add(Object.keys(ADMIN_PORTALS_GROUP.members)[0]!);
      else apps.add(lower);
    }
  }
  const out: DimensionClass[] = [...apps].sort().map((id) => ({ label: index.nameOf('application', id), key: id, apply: (s) => void (s.target = { kind: 'application', appId: id }) }));
  out.push({ label: 'any other resource', apply: (s) => void (s.target = { kind: 'application', appId: OTHER_APP }) });
  return out;
}

/**
 * These applications. An app group stands for its members: one representative, plus every member some policy names
 * (a policy on SharePoint alone treats SharePoint apart from the rest of the group).
 */
export function appClasses(index: TenantIndex, appIds: readonly string[], policies: readonly CompiledPolicy[]): DimensionClass[] {
  const named = new Set<string>();
  for (const cp of policies) {
    const a = applicationsCondition(cp.policy);
    for (const v of [...a.includeApplications, ...a.excludeApplications]) named.add(index.resolve('application', v).key.toLowerCase());
  }
  const ids = new Set<string>();
  for (const raw of appIds) {
    const key = index.resolve('application', raw).key.toLowerCase();
    // The keyword groups stand for their members; an application such as Azure management is itself the resource.
    const group = [OFFICE_365_GROUP, ADMIN_PORTALS_GROUP].find((g) => g.appId === key);
    if (group) {
      const members = Object.keys(group.members);
      // The representative stands for the members no policy names; the named ones are classes of their own.
      const preferred = group === OFFICE_365_GROUP ? OFFICE_365_REPRESENTATIVE : members[0]!;
      const representative = !named.has(preferred) ? preferred : members.find((m) => !named.has(m));
      if (representative) ids.add(representative);
      for (const m of members) if (named.has(m)) ids.add(m);
    } else ids.add(key);
  }
  return [...ids].map((id) => ({ label: index.nameOf('application', id), key: id, apply: (s) => void (s.target = { kind: 'application', appId: id }) }));
}


/**
 * Workload identities: these service principals when the export lists the tenant's own applications; else every one a
 * policy names and one no policy names (what ServicePrincipalsInMyTenant must reach).
 */
export function workloadClasses(index: TenantIndex, policies: readonly CompiledPolicy[], ids?: readonly string[]): DimensionClass[] {
  const sp = (id: string, label: string): DimensionClass => ({ label, key: `sp:${id.toLowerCase()}`, apply: (s) => void (s.identity = { kind: 'servicePrincipal', servicePrincipalId: id }) });
  if (ids) return ids.map((id) => sp(id, `service principal ${index.nameOf('servicePrincipal', id)}`));
  const named = new Set<string>();
  for (const cp of policies) {
    const c = (cp.policy.conditions?.clientApplications ?? {}) as Record<string, unknown>;
    for (const v of [...list(c.includeServicePrincipals), ...list(c.excludeServicePrincipals)]) {
      if (v.toLowerCase() !== 'serviceprincipalsinmytenant') named.add(index.resolve('servicePrincipal', v).key.toLowerCase());
    }
  }
  return [...[...named].sort().map((id) => sp(id, `service principal ${index.nameOf('servicePrincipal', id)}`)), sp(SYNTHETIC_SERVICE_PRINCIPAL, 'a service principal of the tenant that no policy names')];
}

/** (beta) Agent identities: every one a policy names, and one no policy names. */
export function agentClasses(index: TenantIndex, policies: readonly CompiledPolicy[]): DimensionClass[] {
  const agent = (id: string, label: string): DimensionClass => ({ label, key: `agent:${id.toLowerCase()}`, apply: (s) => void (s.identity = { kind: 'agent', agentId: id }) });
  const named = new Set<string>();
  for (const cp of policies) {
    const c = (cp.policy.conditions?.clientApplications ?? {}) as Record<string, unknown>;
    for (const v of [...list(c.includeAgentIdServicePrincipals), ...list(c.excludeAgentIdServicePrincipals)]) {
      if (!['all', 'allagentidserviceprincipals'].includes(v.toLowerCase())) named.add(index.resolve('servicePrincipal', v).key.toLowerCase());
    }
  }
  return [...[...named].sort().map((id) => agent(id, `agent identity ${index.nameOf('servicePrincipal', id)}`)), agent(SYNTHETIC_AGENT, 'an agent identity that no policy names')];
}

export function userActionClass(action: string): DimensionClass {
  return { label: USER_ACTION_NAMES[action.toLowerCase()] ?? `user action ${action}`, apply: (s) => void (s.target = { kind: 'userAction', action }) };
}

export function clientAppClasses(types: readonly string[] = CLIENT_APP_TYPES): DimensionClass[] {
  return types.map((t) => ({ label: CLIENT_APP_LABELS[t] ?? t, apply: (s) => void (s.clientApp = t as ClientAppType) }));
}

export function platformClasses(): DimensionClass[] {
  return PLATFORMS.map((p) => ({ label: platformLabel(p), apply: (s) => void (s.platform = p) }));
}

// Class labels are what a reader sees in a gap ("a B2B collaboration guest; Android; a browser"): Graph's values worded.
const platformLabel = (p: (typeof PLATFORMS)[number]) => (p === 'unknown' ? 'an unknown platform' : (PLATFORM_NAMES[p.toLowerCase()] ?? p));

const GUEST_LABELS: Record<string, string> = {
  internalGuest: 'a local guest user',
  b2bCollaborationGuest: 'a B2B collaboration guest',
  b2bCollaborationMember: 'a B2B collaboration member',
  b2bDirectConnectUser: 'a B2B direct connect user',
  otherExternalUser: 'another external user',
  serviceProvider: 'a service provider user',
};

const CLIENT_APP_LABELS: Record<string, string> = {
  browser: 'a browser',
  mobileAppsAndDesktopClients: 'a mobile app or desktop client',
  exchangeActiveSync: 'an Exchange ActiveSync client',
  other: 'another legacy-authentication client',
};

const FLOW_LABELS: Record<string, string> = {
  none: 'no transfer flow',
  deviceCodeFlow: 'the device code flow',
  authenticationTransfer: 'authentication transfer',
};

const LEVEL_LABELS = {
  signInRisk: 'sign-in risk',
  userRisk: 'user risk',
  servicePrincipalRisk: 'service principal risk',
  agentIdRisk: 'agent risk',
  insiderRisk: 'insider risk',
} as const;

export function levelClasses(dimension: keyof typeof LEVEL_LABELS, levels?: readonly string[]): DimensionClass[] {
  const all = dimension === 'insiderRisk' ? INSIDER_RISK_LEVELS : RISK_LEVELS;
  const label = LEVEL_LABELS[dimension];
  return all
    .filter((l) => !levels || levels.some((x) => x.toLowerCase() === l))
    .map((l) => ({ label: `${label} ${l}`, apply: (s) => void ((s as unknown as Record<string, string>)[dimension] = l) }));
}

export function flowClasses(methods?: readonly string[]): DimensionClass[] {
  return TRANSFER_METHODS.filter((m) => !methods || methods.some((x) => x.toLowerCase() === m.toLowerCase())).map((m) => ({
    label: FLOW_LABELS[m] ?? `${m} flow`,
    apply: (s) => void (s.authenticationFlow = m),
  }));
}

const ELSEWHERE_IPS = ['198.51.100.77', '192.0.2.77', '203.0.113.77', '100.64.0.77', '8.8.8.8', '2001:db8::77', '2001:db8:ffff::1'];
const ELSEWHERE_COUNTRIES = ['AQ', 'BV', 'HM', 'TF', 'UM', 'ZZ'];

/** What class builders need of the run: the tenant, its compiled named locations, and facts for a scenario. */
export interface ClassContext {
  index: TenantIndex;
  locations: LocationTable;
  facts(scenario: Scenario): Facts;
}

/** Locations: a representative sign-in inside each named location the policies reference, and one elsewhere. */
export function locationClasses(ctx: ClassContext, policies: readonly CompiledPolicy[]): DimensionClass[] {
  const table = ctx.locations;
  const referenced = new Set<string>();
  for (const cp of policies) {
    const l = cp.policy.conditions?.locations;
    for (const id of [...list(l?.includeLocations), ...list(l?.excludeLocations)]) referenced.add(id.toLowerCase());
  }
  if (referenced.has('alltrusted')) for (const loc of table.byId.values()) if (loc.kind === 'ip' && loc.trusted) referenced.add(loc.id);
  return computeLocationClasses(ctx, referenced);
}

function computeLocationClasses(ctx: ClassContext, referenced: Set<string>): DimensionClass[] {
  const { index } = ctx;
  const table = ctx.locations;
  const inAnyIp = (text: string) => {
    const a = parseIpAddress(text)!;
    return [...table.byId.values()].some((l) => l.kind === 'ip' && l.ranges.some((r) => r.family === a.family && a.value >= r.first && a.value <= r.last));
  };
  const inAnyCountry = (c: string) => [...table.byId.values()].some((l) => l.kind === 'country' && l.countries.has(c));
  const ip = ELSEWHERE_IPS.find((x) => !inAnyIp(x));
  const country = ELSEWHERE_COUNTRIES.find((c) => !inAnyCountry(c)) ?? 'ZZ';
  const out: DimensionClass[] = [];
  // Each class names the exported locations its representative is in, so location membership never depends on guessing.
  const add = (label: string, ipText: string, c: string, extra: string[] = [], elsewhere = false) => {
    const probe = ctx.facts({ identity: { kind: 'user' }, target: { kind: 'application', appId: OTHER_APP }, ip: ipText, country: c });
    const ids = [...[...table.byId.keys()].filter((id) => probe.locationIn(id) === YES), ...extra];
    out.push({ label, trusted: probe.trusted === YES, ...(elsewhere ? { elsewhere } : {}), apply: (s) => void ((s.ip = ipText), (s.country = c), (s.namedLocationIds = [...ids]), (s.mfaTrustedIp = false)) });
  };
  for (const id of [...referenced].sort()) {
    if (id === 'all' || id === 'alltrusted' || id === MFA_TRUSTED_IPS_LOCATION) continue;
    const loc = table.byId.get(id);
    const name = index.nameOf('namedLocation', id);
    if (!loc || loc.kind === 'other') {
      if (ip) add(`at ${name} (not in the export)`, ip, country, [id]);
      continue;
    }
    if (loc.kind === 'ip') {
      const r = loc.ranges[0];
      if (!r) continue;
      const first = r.family === 4 && r.last - r.first >= 2n ? r.first + 1n : r.first;
      const addr = formatAddress(r.family, first);
      add(`at ${name} (${addr})`, addr, country);
    } else {
      const c = [...loc.countries].sort()[0];
      if (c && ip) add(`in ${c} (${name})`, ip, c);
      if (loc.unknownCountries && ip) add(`in an unknown country (${name})`, ip, 'unknown');
    }
  }
  if ((referenced.has('alltrusted') || referenced.has(MFA_TRUSTED_IPS_LOCATION)) && ip) {
    out.push({ label: 'at an MFA trusted IP', trusted: true, apply: (s) => void ((s.ip = ip), (s.country = country), (s.namedLocationIds = []), (s.mfaTrustedIp = true)) });
  }
  if (ip) add('anywhere else', ip, country, [], true);
  return out;
}

/** Devices: unregistered, compliant, and for each device filter one device it matches and one it does not. */
export function deviceClasses(policies: readonly CompiledPolicy[]): DimensionClass[] {
  return computeDeviceClasses(policies);
}

function computeDeviceClasses(policies: readonly CompiledPolicy[]): DimensionClass[] {
  const out: DimensionClass[] = [
    { label: 'an unregistered device', unmanaged: true, apply: (s) => void (s.device = null) },
    {
      label: 'a compliant Entra joined device',
      apply: (s) => void (s.device = { trustType: 'AzureAD', isCompliant: true, deviceOwnership: 'Company', profileType: 'RegisteredDevice' }),
    },
    { label: 'a personal registered device', unmanaged: true, apply: (s) => void (s.device = { trustType: 'Workplace', isCompliant: false, deviceOwnership: 'Personal', profileType: 'RegisteredDevice' }) },
    {
      label: 'a compliant hybrid joined device',
      apply: (s) => void (s.device = { trustType: 'ServerAD', isCompliant: true, deviceOwnership: 'Company', profileType: 'RegisteredDevice' }),
    },
    {
      label: 'a non-compliant Entra joined device',
      unmanaged: true,
      apply: (s) => void (s.device = { trustType: 'AzureAD', isCompliant: false, deviceOwnership: 'Company', profileType: 'RegisteredDevice' }),
    },
  ];
  const seen = new Set(out.map((c) => c.label));
  for (const cp of policies) {
    const f = cp.policy.conditions?.devices?.deviceFilter;
    if (!f || typeof f.rule !== 'string') continue;
    let tree: FilterNode;
    try {
      tree = parseDeviceFilter(f.rule);
    } catch {
      continue;
    }
    const short = f.rule.length > 60 ? f.rule.slice(0, 57) + '…' : f.rule;
    // One device the filter matches and one it does not: between them, both sides of the filter are reached.
    for (const [label, device, wanted] of [
      [`a device matching ${short}`, satisfy(tree), true],
      [`a registered device not matching ${short}`, falsify(tree), false],
    ] as const) {
      if (!device || matchesDevice(tree, device) !== wanted || seen.has(label)) continue;
      seen.add(label);
      out.push({ label, unmanaged: isUnmanaged(device), apply: (s) => void (s.device = { ...device }) });
    }
  }
  return out;
}

/** Neither compliant nor hybrid joined. */
function isUnmanaged(device: DeviceAttributes): boolean {
  const get = (k: string) => String(Object.entries(device).find(([key]) => key.toLowerCase() === k)?.[1] ?? '').toLowerCase();
  return get('iscompliant') !== 'true' && get('trusttype') !== 'serverad';
}

/** A registered device that a filter does not match: every branch of each -or fails, the first clause of each -and. */
function falsify(node: FilterNode): DeviceAttributes | null {
  if (node.type === 'and') return falsify(node.children[0]!);
  if (node.type === 'or') {
    const out: DeviceAttributes = { trustType: 'AzureAD', isCompliant: false };
    for (const c of node.children) {
      const part = falsify(c);
      if (!part) return null;
      Object.assign(out, part);
    }
    return out;
  }
  if (node.type !== 'clause') return null;
  const one = Array.isArray(node.value) ? node.value[0] ?? '' : node.value;
  const collection = node.property === 'systemLabels' || node.property === 'physicalIds';
  const other = /^(true|false)$/i.test(one) ? (one.toLowerCase() === 'true' ? 'False' : 'True') : `not-${one}`;
  switch (node.operator) {
    case 'eq':
    case 'in':
    case 'startsWith':
    case 'endsWith':
    case 'contains':
      return { trustType: 'AzureAD', isCompliant: false, [node.property]: collection ? [] : other };
    default:
      // Negative operators fail on a property holding the value.
      return { trustType: 'AzureAD', isCompliant: false, [node.property]: collection ? [one] : one };
  }
}

/** A device that matches a filter: the first branch of each -or, every clause of each -and (positive clauses set). */
function satisfy(node: FilterNode): DeviceAttributes | null {
  if (node.type === 'or') return satisfy(node.children[0]!);
  if (node.type === 'and') {
    const out: DeviceAttributes = {};
    for (const c of node.children) {
      const part = satisfy(c);
      if (!part) return null;
      for (const [k, v] of Object.entries(part)) {
        const cur = out[k];
        out[k] = Array.isArray(cur) && Array.isArray(v) ? [...cur, ...v] : v;
      }
    }
    return out;
  }
  if (node.type !== 'clause') return null;
  const one = Array.isArray(node.value) ? node.value[0] ?? '' : node.value;
  const collection = node.property === 'systemLabels' || node.property === 'physicalIds';
  switch (node.operator) {
    case 'eq':
    case 'in':
    case 'startsWith':
    case 'endsWith':
      return { [node.property]: collection ? [one] : one };
    case 'contains':
      return { [node.property]: collection ? [one] : one };
    default:
      // Negative operators match a property that is not set.
      return {};
  }
}
