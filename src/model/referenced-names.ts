/**
 * Display names for the ids a reader meets in policies and findings (users, groups, roles, apps, named locations,
 * authentication strengths, service principals), so that formatters can name them without the index. Only what the
 * export or calint's catalogues resolve is listed; everything else stays an id.
 */
import type { ReferenceKind, TenantIndex } from './tenant-index.js';

const NAME_KINDS: ReferenceKind[] = ['user', 'group', 'role', 'application', 'namedLocation', 'authenticationStrength', 'servicePrincipal'];

/** A string that may be an id or a keyword an index resolves: short and without spaces. */
const ID_LIKE = /^[\w.@:{}-]{2,100}$/;

export function referencedNames(index: TenantIndex, roots: readonly unknown[]): Record<string, string> {
  const names = new Map<string, string>();
  const tried = new Set<string>();
  const visit = (value: string) => {
    if (tried.has(value) || !ID_LIKE.test(value)) return;
    tried.add(value);
    for (const kind of NAME_KINDS) {
      const r = index.resolve(kind, value);
      if ((r.status === 'resolved' || r.status === 'well-known') && r.name && r.name !== value) {
        names.set(value, r.name);
        return;
      }
    }
  };
  // An explicit stack: evidence can nest deeply and hold 100 000s of values.
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') visit(v);
    else if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (v && typeof v === 'object') for (const item of Object.values(v)) stack.push(item);
  }
  return Object.fromEntries([...names].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}
