/**
 * Derived, read-only views of a snapshot: ids -> names (directory objects, well-known Microsoft apps and roles,
 * named locations, strengths, contexts), group membership where exported, and each object's source.
 */
import type {
  ConditionalAccessPolicy,
  DirectoryGroup,
  DirectoryRole,
  DirectoryUser,
  NamedLocation,
  AuthenticationStrengthPolicy,
  AuthenticationContextClassReference,
  ServicePrincipal,
  TenantSnapshot,
} from './snapshot-types.js';
import { APP_DISPLAY_NAME_ALIASES, SPECIAL_APP_NAMES, WELL_KNOWN_APPS } from './well-known-apps.js';
import { WELL_KNOWN_ROLES } from './well-known-roles.js';
import { BUILT_IN_AUTHENTICATION_STRENGTHS } from './well-known-strengths.js';

/** Where an object of the snapshot came from. */
export interface ObjectSource {
  file: string;
  pointer: string;
  bodyPointer: string;
  fieldPointers: Record<string, string>;
  fromTemplate: boolean;
}

export type ReferenceKind =
  | 'user'
  | 'group'
  | 'role'
  | 'application'
  | 'namedLocation'
  | 'authenticationStrength'
  | 'authenticationContext'
  | 'servicePrincipal';

export type ReferenceStatus =
  /** A special value such as All, None, Office365, GuestsOrExternalUsers, AllTrusted. */
  | 'keyword'
  /** Found in the exported directory or CA objects. */
  | 'resolved'
  /** A Microsoft first-party app, built-in role or built-in strength known to calint. */
  | 'well-known'
  /** A display name where an id belongs, matched to an object (e.g. "Office 365"). */
  | 'display-name'
  /** A template placeholder such as `<EmergencyAccessAccountsGroup>` or `xxxxxxxx-…`. */
  | 'placeholder'
  /** A well-formed id that no exported object has (deleted, or not exported). */
  | 'unresolved';

export interface ResolvedReference {
  value: string;
  kind: ReferenceKind;
  status: ReferenceStatus;
  /** The canonical id or keyword the value stands for (differs from value for display names). */
  key: string;
  /** What a person reads: "Office 365 (app group)", "Global Administrator", "Break Glass 01". */
  name: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/**
 * Template text where an id belongs: `<EmergencyAccessAccountsGroup>`, `xxxxxxxx-xxxx-…`, `{{id}}`, `${id}`, and the
 * literal of Microsoft's Conditional Access templates, "Current administrator will be excluded" (the portal puts the
 * signed-in administrator there when the template is deployed).
 */
export function isPlaceholder(value: string): boolean {
  return (
    /^<.*>$/.test(value) ||
    /x{8}-x{4}/i.test(value) ||
    /^\{\{.*\}\}$/.test(value) ||
    /^\$\{.*\}$/.test(value) ||
    /^current administrator will be excluded$/i.test(value.trim())
  );
}

const SPECIAL_APP_KEYS: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(Object.keys(SPECIAL_APP_NAMES).map((k) => [k.toLowerCase(), k])));
const USER_KEYWORDS: Record<string, string> = { all: 'All users', none: 'No users', guestsorexternalusers: 'All guest and external users' };
const LOCATION_KEYWORDS: Record<string, string> = { all: 'Any location', alltrusted: 'All trusted locations' };
const ROLE_KEYWORDS: Record<string, string> = {};

function own(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export class TenantIndex {
  readonly policies: readonly ConditionalAccessPolicy[];
  private readonly sources: Map<object, ObjectSource>;
  private readonly byKind: Record<ReferenceKind, Map<string, { id: string; name: string }>>;
  private readonly byName: Record<ReferenceKind, Map<string, string[]>>;
  /** Every name and alias (UPN) of each kind as written, for "did you mean" suggestions. */
  private readonly shownNames: Record<ReferenceKind, Set<string>>;
  private readonly groupsById = new Map<string, DirectoryGroup>();
  private readonly usersById = new Map<string, DirectoryUser>();

  constructor(
    readonly snapshot: TenantSnapshot,
    sources: Map<object, ObjectSource>,
  ) {
    this.policies = snapshot.policies ?? [];
    this.sources = sources;
    const kinds: ReferenceKind[] = [
      'user',
      'group',
      'role',
      'application',
      'namedLocation',
      'authenticationStrength',
      'authenticationContext',
      'servicePrincipal',
    ];
    this.byKind = Object.fromEntries(kinds.map((k) => [k, new Map()])) as TenantIndex['byKind'];
    this.byName = Object.fromEntries(kinds.map((k) => [k, new Map()])) as TenantIndex['byName'];
    this.shownNames = Object.fromEntries(kinds.map((k) => [k, new Set()])) as TenantIndex['shownNames'];

    const dir = snapshot.directory ?? {};
    for (const u of (dir.users ?? []) as DirectoryUser[]) {
      if (typeof u.id !== 'string') continue;
      this.usersById.set(u.id.toLowerCase(), u);
      this.add('user', u.id, u.displayName ?? u.userPrincipalName ?? u.id, [u.userPrincipalName]);
    }
    for (const g of (dir.groups ?? []) as DirectoryGroup[]) {
      if (typeof g.id !== 'string') continue;
      this.groupsById.set(g.id.toLowerCase(), g);
      this.add('group', g.id, g.displayName ?? g.id);
    }
    for (const [id, name] of Object.entries(WELL_KNOWN_ROLES)) this.add('role', id, name);
    for (const r of (dir.roles ?? []) as DirectoryRole[]) {
      const rr = r as DirectoryRole & { templateId?: string | null; roleTemplateId?: string | null };
      const id = rr.templateId ?? rr.roleTemplateId ?? rr.id;
      if (typeof id === 'string') this.add('role', id, rr.displayName ?? id);
    }
    for (const [id, name] of Object.entries(WELL_KNOWN_APPS)) this.add('application', id, name);
    for (const sp of (dir.servicePrincipals ?? []) as ServicePrincipal[]) {
      if (typeof sp.appId === 'string') this.add('application', sp.appId, sp.displayName ?? sp.appId);
      if (typeof sp.id === 'string') this.add('servicePrincipal', sp.id, sp.displayName ?? sp.id);
    }
    for (const l of (snapshot.namedLocations ?? []) as NamedLocation[]) {
      if (typeof l.id === 'string') this.add('namedLocation', l.id, l.displayName ?? l.id);
    }
    for (const [id, name] of Object.entries(BUILT_IN_AUTHENTICATION_STRENGTHS)) this.add('authenticationStrength', id, name);
    for (const s of (snapshot.authenticationStrengths ?? []) as AuthenticationStrengthPolicy[]) {
      if (typeof s.id === 'string') this.add('authenticationStrength', s.id, s.displayName ?? s.id);
    }
    for (const c of (snapshot.authenticationContexts ?? []) as AuthenticationContextClassReference[]) {
      if (typeof c.id === 'string') this.add('authenticationContext', c.id, c.displayName ? `${c.displayName} (${c.id})` : c.id);
    }
  }

  private add(kind: ReferenceKind, id: string, name: string, aliases: Array<string | null | undefined> = []): void {
    this.byKind[kind].set(id.toLowerCase(), { id, name });
    for (const n of [name, ...aliases]) {
      if (!n) continue;
      if (n !== id) this.shownNames[kind].add(n);
      const key = n.toLowerCase();
      const ids = this.byName[kind].get(key) ?? [];
      if (!ids.includes(id)) ids.push(id);
      this.byName[kind].set(key, ids);
    }
  }

  /** The names (and UPNs) of every object of a kind the index knows, as written: what a person could have meant. */
  names(kind: ReferenceKind): string[] {
    const out = [...this.shownNames[kind]];
    if (kind === 'application') out.push(...Object.values(SPECIAL_APP_NAMES), ...Object.keys(APP_DISPLAY_NAME_ALIASES));
    return out;
  }

  /** The ids of the objects of a kind with this name or UPN (case-insensitive); several when the name is ambiguous. */
  idsNamed(kind: ReferenceKind, name: string): string[] {
    return [...(this.byName[kind].get(name.toLowerCase()) ?? [])];
  }

  /** Whether the export holds any object of a kind (users, groups, …), as opposed to built-in catalogues only. */
  exports(kind: 'user' | 'group' | 'servicePrincipal' | 'namedLocation'): boolean {
    if (kind === 'user') return this.usersById.size > 0;
    if (kind === 'group') return this.groupsById.size > 0;
    return this.byKind[kind].size > 0;
  }

  /** Where a snapshot object (policy, location, …) was read from. */
  sourceOf(object: object): ObjectSource | undefined {
    return this.sources.get(object);
  }

  private readonly resolved = new Map<string, ResolvedReference>();

  /** Resolve an id (or special value, display name, placeholder) that a policy references. Cached: rules ask often. */
  resolve(kind: ReferenceKind, value: string): ResolvedReference {
    const cacheKey = `${kind}\u0000${value}`;
    let hit = this.resolved.get(cacheKey);
    if (!hit) {
      hit = this.resolveUncached(kind, value);
      this.resolved.set(cacheKey, hit);
    }
    return hit;
  }

  private resolveUncached(kind: ReferenceKind, value: string): ResolvedReference {
    const lower = value.toLowerCase();
    const keyword = this.keyword(kind, value);
    if (keyword) return keyword;
    const hit = this.byKind[kind].get(lower);
    if (hit) {
      const wellKnown =
        (kind === 'application' && WELL_KNOWN_APPS[hit.id] === hit.name) ||
        (kind === 'role' && WELL_KNOWN_ROLES[hit.id] === hit.name) ||
        (kind === 'authenticationStrength' && BUILT_IN_AUTHENTICATION_STRENGTHS[hit.id] === hit.name);
      return { value, kind, status: wellKnown ? 'well-known' : 'resolved', key: hit.id, name: hit.name };
    }
    if (isPlaceholder(value)) return { value, kind, status: 'placeholder', key: value, name: value };
    if (kind === 'application') {
      const alias = own(APP_DISPLAY_NAME_ALIASES, lower);
      if (alias) {
        const target = this.keyword(kind, alias) ?? this.resolve(kind, alias);
        return { ...target, value, status: 'display-name' };
      }
    }
    const named = this.byName[kind].get(lower);
    if (named && named.length === 1) {
      const id = named[0]!;
      return { value, kind, status: 'display-name', key: id, name: this.byKind[kind].get(id.toLowerCase())?.name ?? value };
    }
    return { value, kind, status: isGuid(value) || kind === 'authenticationContext' ? 'unresolved' : 'placeholder', key: value, name: value };
  }

  private keyword(kind: ReferenceKind, value: string): ResolvedReference | null {
    const lower = value.toLowerCase();
    let name: string | undefined;
    let key = value;
    // Own properties only: a tenant value such as "constructor" must not find Object.prototype members.
    if (kind === 'user') name = own(USER_KEYWORDS, lower);
    if (kind === 'namedLocation') name = own(LOCATION_KEYWORDS, lower);
    if (kind === 'role') name = own(ROLE_KEYWORDS, lower);
    if (kind === 'application') {
      const special = own(SPECIAL_APP_KEYS, lower);
      if (special) {
        name = SPECIAL_APP_NAMES[special];
        key = special;
      }
    }
    return name ? { value, kind, status: 'keyword', key, name } : null;
  }

  /** A person-readable name for a reference: "Office 365 (app group)", "Global Administrator". */
  nameOf(kind: ReferenceKind, value: string): string {
    return this.resolve(kind, value).name;
  }

  user(id: string): DirectoryUser | undefined {
    return this.usersById.get(id.toLowerCase());
  }

  group(id: string): DirectoryGroup | undefined {
    return this.groupsById.get(id.toLowerCase());
  }

  /** Direct member ids of a group where the export holds membership; null when unknown. */
  groupMembers(id: string): string[] | null {
    const g = this.group(id) as (DirectoryGroup & { members?: Array<{ id?: unknown }> | null }) | undefined;
    if (!g || !Array.isArray(g.members)) return null;
    return g.members.map((m) => m?.id).filter((m): m is string => typeof m === 'string');
  }

  /** True when the export shows `userId` in `groupId`, directly or through nested groups. */
  isMemberOf(userId: string, groupId: string, seen = new Set<string>()): boolean {
    const key = groupId.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    const members = this.groupMembers(groupId);
    if (!members) return false;
    const u = userId.toLowerCase();
    return members.some((m) => m.toLowerCase() === u || (this.group(m) !== undefined && this.isMemberOf(userId, m, seen)));
  }
}
