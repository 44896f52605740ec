/**
 * Every reference a policy makes to another object (user, group, role, named location, authentication strength,
 * authentication context, terms of use, custom control), with its pointer, and what the export says about it.
 * Shared by the references/ rules; pure functions over the policy and the tenant index.
 */
import type { ConditionalAccessPolicy, DirectoryRole, TenantSnapshot } from '../model/snapshot-types.js';
import { isGuid, isPlaceholder, type ReferenceKind, type ResolvedReference, type TenantIndex } from '../model/tenant-index.js';

export type PolicyReferenceKind = ReferenceKind | 'termsOfUse' | 'customControl';

export interface PolicyReference {
  kind: PolicyReferenceKind;
  /** The string as the export holds it. */
  value: string;
  /** JSON pointer relative to the policy, e.g. `/conditions/users/excludeGroups/0`. */
  pointer: string;
  /** The property that holds it, e.g. `excludeGroups`. */
  field: string;
  /** Whether the reference widens (include) or narrows (exclude) the policy; null for controls. */
  side: 'include' | 'exclude' | null;
}

interface FieldSpec {
  kind: PolicyReferenceKind;
  path: readonly string[];
  side: 'include' | 'exclude' | null;
}

const LIST_FIELDS: readonly FieldSpec[] = [
  { kind: 'user', path: ['conditions', 'users', 'includeUsers'], side: 'include' },
  { kind: 'user', path: ['conditions', 'users', 'excludeUsers'], side: 'exclude' },
  { kind: 'group', path: ['conditions', 'users', 'includeGroups'], side: 'include' },
  { kind: 'group', path: ['conditions', 'users', 'excludeGroups'], side: 'exclude' },
  { kind: 'role', path: ['conditions', 'users', 'includeRoles'], side: 'include' },
  { kind: 'role', path: ['conditions', 'users', 'excludeRoles'], side: 'exclude' },
  { kind: 'namedLocation', path: ['conditions', 'locations', 'includeLocations'], side: 'include' },
  { kind: 'namedLocation', path: ['conditions', 'locations', 'excludeLocations'], side: 'exclude' },
  { kind: 'authenticationContext', path: ['conditions', 'applications', 'includeAuthenticationContextClassReferences'], side: 'include' },
  { kind: 'termsOfUse', path: ['grantControls', 'termsOfUse'], side: null },
  { kind: 'customControl', path: ['grantControls', 'customAuthenticationFactors'], side: null },
];

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * The references a policy makes, in document order of the fields above, each with the pointer of its array
 * element (positions count every element, so a non-string member does not shift the pointers of the others).
 */
export function policyReferences(policy: ConditionalAccessPolicy, kinds?: readonly PolicyReferenceKind[]): PolicyReference[] {
  const all = listReferences(policy);
  return kinds ? all.filter((r) => kinds.includes(r.kind)) : all;
}

function listReferences(policy: ConditionalAccessPolicy): PolicyReference[] {
  const out: PolicyReference[] = [];
  for (const spec of LIST_FIELDS) {
    const values = at(policy, spec.path);
    if (!Array.isArray(values)) continue;
    values.forEach((value, i) => {
      if (typeof value !== 'string') return;
      out.push({ kind: spec.kind, value, pointer: `/${spec.path.join('/')}/${i}`, field: spec.path.at(-1)!, side: spec.side });
    });
  }
  {
    const strength = policy.grantControls?.authenticationStrength as Record<string, unknown> | null | undefined;
    if (strength && typeof strength === 'object' && typeof strength.id === 'string') {
      out.push({
        kind: 'authenticationStrength',
        value: strength.id,
        pointer: '/grantControls/authenticationStrength/id',
        field: 'authenticationStrength',
        side: null,
      });
    }
  }
  return out;
}

/**
 * What a reference stands for:
 * - `keyword`: a special value (All, None, AllTrusted, …);
 * - `known`: an exported object, or a Microsoft built-in calint knows;
 * - `placeholder`: a template slot that was never filled in (`<Group>`, `xxxxxxxx-…`, `{{…}}`, an empty string);
 * - `display-name`: text where an id belongs; `resolved` is set when it names exactly one exported or built-in object;
 * - `malformed`: shaped like a GUID but not one (wrong characters or lengths: typed or anonymised by hand);
 * - `unresolved`: a well-formed id that no exported object has (deleted, or not exported).
 */
export type ReferenceVerdict =
  | { status: 'keyword' | 'known'; resolved: ResolvedReference }
  | { status: 'placeholder' }
  | { status: 'display-name'; resolved: ResolvedReference | null }
  | { status: 'malformed' }
  | { status: 'unresolved' };

/** Five dash-separated groups of about GUID length: meant as an id, whatever the characters. */
const GUID_SHAPED = /^[0-9a-z]{7,10}-[0-9a-z]{3,5}-[0-9a-z]{3,5}-[0-9a-z]{3,6}-[0-9a-z]{10,14}$/i;

export function isGuidShaped(value: string): boolean {
  return GUID_SHAPED.test(value.trim());
}

export function classifyReference(index: TenantIndex, kind: ReferenceKind, value: string): ReferenceVerdict {
  if (value.trim() === '' || isPlaceholder(value.trim())) return { status: 'placeholder' };
  const r = index.resolve(kind, value);
  if (r.status === 'keyword') return { status: 'keyword', resolved: r };
  if (r.status === 'resolved' || r.status === 'well-known') return { status: 'known', resolved: r };
  if (r.status === 'display-name') return { status: 'display-name', resolved: r };
  if (isGuid(value)) return { status: 'unresolved' };
  if (isGuidShaped(value)) return { status: 'malformed' };
  return { status: 'display-name', resolved: null };
}

/** True when the export holds at least one object of the kind, so a missing id means something. */
export function exportHolds(snapshot: TenantSnapshot, kind: ReferenceKind): boolean {
  const dir = snapshot.directory ?? {};
  const count: Record<ReferenceKind, unknown[] | null | undefined> = {
    user: dir.users,
    group: dir.groups,
    role: dir.roles,
    servicePrincipal: dir.servicePrincipals,
    application: dir.servicePrincipals,
    namedLocation: snapshot.namedLocations,
    authenticationStrength: snapshot.authenticationStrengths,
    authenticationContext: snapshot.authenticationContexts,
  };
  return Array.isArray(count[kind]) && count[kind]!.length > 0;
}

/** The exported role definition a policy's role id names (by template id, role template id or object id). */
export function exportedRole(snapshot: TenantSnapshot, id: string): DirectoryRole | undefined {
  const key = id.toLowerCase();
  return (snapshot.directory?.roles ?? []).find((r) => {
    const rr = r as DirectoryRole & { roleTemplateId?: string | null };
    return [rr.templateId, rr.roleTemplateId, rr.id].some((x) => typeof x === 'string' && x.toLowerCase() === key);
  });
}

/** "user", "group", … as a person reads them. */
export const KIND_LABEL: Record<PolicyReferenceKind, string> = {
  user: 'user',
  group: 'group',
  role: 'directory role',
  application: 'application',
  servicePrincipal: 'service principal',
  namedLocation: 'named location',
  authenticationStrength: 'authentication strength',
  authenticationContext: 'authentication context',
  termsOfUse: 'terms of use',
  customControl: 'custom control',
};

/** Case-insensitive set membership for ids. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
