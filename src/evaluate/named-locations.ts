/** Named locations as the location rules read them: each IP location once, its ranges parsed, lookups by id. */
import { parseCidr, parseIpRangeBounds, type IpRange } from './ip-ranges.js';
import type { NamedLocation } from '../model/snapshot-types.js';
import type { TenantIndex } from '../model/tenant-index.js';

export type RangeEntry = NonNullable<NamedLocation['ipRanges']>[number];

/**
 * IP named locations, each once: an export merged from several snapshots may repeat a location (same id), and a
 * template or POST body without an id may sit next to the exported location of the same name.
 */
export function ipLocations(index: TenantIndex): NamedLocation[] {
  const all = ((index.snapshot.namedLocations ?? []) as NamedLocation[]).filter(
    (l) => Array.isArray(l.ipRanges) || l['@odata.type'] === '#microsoft.graph.ipNamedLocation',
  );
  const nameKey = (l: NamedLocation) => (typeof l.displayName === 'string' ? l.displayName.toLowerCase() : null);
  const exportedNames = new Set(all.filter((l) => typeof l.id === 'string').map(nameKey));
  const seenIds = new Set<string>();
  const seenNames = new Set<string | null>();
  return all.filter((l) => {
    if (typeof l.id === 'string') {
      const key = l.id.toLowerCase();
      if (seenIds.has(key)) return false;
      seenIds.add(key);
      return true;
    }
    const name = nameKey(l);
    if (name !== null && (exportedNames.has(name) || seenNames.has(name))) return false;
    seenNames.add(name);
    return true;
  });
}

/** One ipRanges entry (CIDR or lower/upper bounds) as a range, or null when it does not parse. */
export function parseRangeEntry(entry: RangeEntry): IpRange | null {
  if (!entry || typeof entry !== 'object') return null;
  if (typeof entry.cidrAddress === 'string') return parseCidr(entry.cidrAddress);
  if (typeof entry.lowerAddress === 'string' && typeof entry.upperAddress === 'string') return parseIpRangeBounds(entry.lowerAddress, entry.upperAddress);
  return null;
}

/**
 * Exported named locations by id, and a check that says once, through the rule's notice, that a referenced location
 * cannot be judged because the export holds no named locations at all (`why` finishes "to tell …").
 */
export function locationLookup(index: TenantIndex, notice: (kind: 'not-evaluated', message: string) => void, why: string) {
  const byId = new Map<string, NamedLocation>();
  for (const l of (index.snapshot.namedLocations ?? []) as NamedLocation[]) if (typeof l.id === 'string') byId.set(l.id.toLowerCase(), l);
  const noLocations = byId.size === 0;
  const needLocations = (value: string) => {
    if (noLocations && !['keyword', 'placeholder'].includes(index.resolve('namedLocation', value).status)) {
      notice('not-evaluated', `needs the named locations (export identity/conditionalAccess/namedLocations and lint it with the policies) ${why}`);
    }
  };
  return { byId, needLocations };
}
