/**
 * Names a person gives calint (command-line flags, the config file, a what-if scenario) resolved against the export and
 * the built-in catalogues (roles, first-party apps, strengths): an id, a UPN or a display name, case-insensitively.
 * A value that resolves to nothing — or to several objects — stops the run with one line naming the value, where it
 * came from and up to three close matches. A well-formed object id the export does not hold is accepted as that id:
 * exports often leave the directory out, and ids are what policies hold.
 */
import { InputError } from '../load/errors.js';
import { closeMatches, didYouMean } from './close-matches.js';
import { isGuid, isPlaceholder, type ReferenceKind, type ResolvedReference, type TenantIndex } from './tenant-index.js';

/** A name that does not resolve, or resolves to several objects. */
export class NameError extends InputError {}

const NOUN: Record<ReferenceKind, string> = {
  user: 'user',
  group: 'group',
  role: 'directory role',
  application: 'application',
  namedLocation: 'named location',
  authenticationStrength: 'authentication strength',
  authenticationContext: 'authentication context',
  servicePrincipal: 'service principal',
};

/** Where a given value came from, as a person reads it: `--role`, `calint.config.json breakGlass.users[0]`. */
export interface GivenSource {
  label: string;
  /** For values from a file: the file and the JSON pointer of the value. */
  file?: string;
  pointer?: string;
  line?: number;
  column?: number;
}

function fail(source: GivenSource, value: string, reason: string): never {
  const where = source.file ? { file: source.file, pointer: source.pointer ?? null, line: source.line ?? null, column: source.column ?? null } : {};
  throw new NameError(`${source.label} "${value}": ${reason}`, where);
}

function describeAmbiguous(index: TenantIndex, kind: ReferenceKind, ids: string[]): string {
  return ids.map((id) => `${index.nameOf(kind, id)} (${id})`).join(', ');
}

/**
 * Resolve a given id or name of one kind. Keywords (All, Office365, …) are returned as such; the caller decides
 * whether one may stand there.
 */
export function resolveGiven(index: TenantIndex, kind: ReferenceKind, raw: string, source: GivenSource): ResolvedReference {
  const value = raw.trim();
  if (value === '') fail(source, raw, `an empty ${NOUN[kind]} name`);
  const ids = isGuid(value) ? [] : index.idsNamed(kind, value);
  if (ids.length > 1) fail(source, value, `${ids.length} ${NOUN[kind]}s have this name: ${describeAmbiguous(index, kind, ids)}; give the id instead`);
  const ref = index.resolve(kind, value);
  if (ref.status === 'keyword' || ref.status === 'resolved' || ref.status === 'well-known' || ref.status === 'display-name') return ref;
  if (isGuid(value)) return ref;
  if (kind === 'authenticationContext' && /^c([1-9]|[1-9][0-9])$/i.test(value)) return { ...ref, key: value.toLowerCase() };
  if (isPlaceholder(value)) fail(source, value, `a placeholder, not a ${NOUN[kind]}: replace it with the object id (or name) of the ${NOUN[kind]}`);
  const exportedKind = kind === 'user' || kind === 'group' || kind === 'servicePrincipal' || kind === 'namedLocation';
  const none = exportedKind && !index.exports(kind) ? `; the export holds no ${NOUN[kind]}s, so give the object id` : '';
  fail(source, value, `no ${NOUN[kind]} with this id or name${none}${didYouMean(closeMatches(value, index.names(kind)))}`);
}

export type PrincipalKind = 'user' | 'group' | 'unknown';

export interface ResolvedPrincipal {
  /** `unknown`: a well-formed id the export does not hold; it stands wherever a user or a group id may stand. */
  kind: PrincipalKind;
  id: string;
  name: string;
}

/** A user or a group, given by id, UPN or name, whose kind is not said (break-glass accounts). */
export function resolvePrincipal(index: TenantIndex, raw: string, source: GivenSource): ResolvedPrincipal {
  const value = raw.trim();
  if (index.user(value)) return { kind: 'user', id: index.user(value)!.id as string, name: index.nameOf('user', value) };
  if (index.group(value)) return { kind: 'group', id: index.group(value)!.id as string, name: index.nameOf('group', value) };
  if (isGuid(value)) return { kind: 'unknown', id: value, name: value };
  const users = index.idsNamed('user', value);
  const groups = index.idsNamed('group', value);
  const all = [...users.map((id) => ({ kind: 'user' as const, id })), ...groups.map((id) => ({ kind: 'group' as const, id }))];
  if (all.length === 1) return { ...all[0]!, name: index.nameOf(all[0]!.kind, all[0]!.id) };
  if (all.length > 1) {
    fail(source, value, `${all.length} users and groups have this name: ${all.map((p) => `${p.kind} ${index.nameOf(p.kind, p.id)} (${p.id})`).join(', ')}; give the object id instead`);
  }
  if (value === '') fail(source, raw, 'an empty user or group');
  if (isPlaceholder(value)) fail(source, value, 'a placeholder, not an account: replace it with the object id (or UPN) of the break-glass user or group');
  const none = !index.exports('user') && !index.exports('group') ? '; the export holds no users or groups, so give the object id' : '';
  fail(source, value, `no user or group with this id, UPN or name${none}${didYouMean(closeMatches(value, [...index.names('user'), ...index.names('group')]))}`);
}
