import { defineRule } from '../../src/engine/define-rule.js';
import { formatCount } from '../../src/model/format-number.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import type { NamedLocation } from '../../src/model/snapshot-types.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';
import { MAX_IP_NAMED_LOCATIONS, MAX_IP_RANGES_PER_LOCATION, MIN_CIDR_PREFIX_EXCLUSIVE } from '../../src/model/well-known-limits.js';

function isIpLocation(location: NamedLocation): boolean {
  const type = location['@odata.type'];
  if (typeof type === 'string') return /ipNamedLocation$/i.test(type);
  return Array.isArray(location.ipRanges);
}

/** The prefix length of a CIDR range ("203.0.113.0/24" → 24), or null when the value is not CIDR. */
function prefixLength(cidr: unknown): number | null {
  if (typeof cidr !== 'string') return null;
  const m = /\/(\d{1,3})\s*$/.exec(cidr);
  return m ? Number(m[1]) : null;
}

/** One entry per location id: two snapshots of the same tenant list the same locations twice. */
function distinctLocations(locations: readonly NamedLocation[]): NamedLocation[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    if (typeof l.id !== 'string' || l.id === '') return true;
    const key = l.id.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function where(index: TenantIndex, location: NamedLocation) {
  const source = index.sourceOf(location);
  return { id: location.id ?? null, name: location.displayName ?? null, file: source?.file ?? null, pointer: source?.bodyPointer ?? null };
}

function label(location: NamedLocation): string {
  return location.displayName ? `"${location.displayName}"` : (location.id ?? '(unnamed)');
}

export default defineRule({
  id: 'limits/named-locations',
  catalogue: 'CA-093',
  title: 'Named locations stay within the service limits',
  risk: 'Named locations exceed the service limits, so some of them cannot be saved',
  priority: 3,
  effort: 'medium',
  userImpact: 'none',
  severity: 'medium',
  scope: 'tenant',
  rationale:
    `Microsoft Entra accepts at most ${MAX_IP_NAMED_LOCATIONS} IP named locations, at most ${formatCount(MAX_IP_RANGES_PER_LOCATION)} ` +
    `IP ranges in one location, and only CIDR prefixes longer than /${MIN_CIDR_PREFIX_EXCLUSIVE}. A configuration beyond these ` +
    'limits cannot be saved: an infrastructure-as-code deployment fails part-way, leaving policies that point at locations ' +
    'that were never created. A range of /8 or wider is also far more address space than any organisation owns.',
  remediation:
    'Merge small IP locations into fewer ones, split a location with too many ranges (or summarise adjacent ranges into ' +
    `larger CIDR blocks, still longer than /${MIN_CIDR_PREFIX_EXCLUSIVE}), and replace very wide ranges with the public egress ranges you actually use.`,
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network'],
  messages: {
    tooManyLocations: (d) =>
      `The export holds ${d.count} IP named locations (${d.total} named locations in all); the limit is ${d.limit}, so some cannot be created.`,
    tooManyRanges: (d) =>
      `Named location ${d.location} has ${d.count} IP ranges; the limit is ${d.limit} per location, so it cannot be saved as it is.`,
    prefixTooShort: (d) =>
      `Named location ${d.location} has ${d.rangesText}; only prefixes longer than /${d.minPrefix} are allowed, so it cannot be saved as it is.`,
  },
  check({ index, snapshot, finding }) {
    const locations = distinctLocations(snapshot.namedLocations ?? []);
    const ipLocations = locations.filter(isIpLocation);
    const findings: FindingDraft[] = [];
    if (ipLocations.length > MAX_IP_NAMED_LOCATIONS) {
      findings.push(
        finding(null, 'tooManyLocations', {
          pointer: '',
          evidence: { actual: ipLocations.length, expected: `at most ${MAX_IP_NAMED_LOCATIONS}`, totalNamedLocations: locations.length },
          data: { count: ipLocations.length, total: locations.length, limit: MAX_IP_NAMED_LOCATIONS },
        }),
      );
    }
    for (const location of ipLocations) {
      const ranges = Array.isArray(location.ipRanges) ? location.ipRanges : [];
      if (ranges.length > MAX_IP_RANGES_PER_LOCATION) {
        findings.push(
          finding(null, 'tooManyRanges', {
            pointer: '',
            evidence: { location: where(index, location), actual: ranges.length, expected: `at most ${MAX_IP_RANGES_PER_LOCATION}` },
            data: {
              location: label(location),
              count: formatCount(ranges.length),
              limit: formatCount(MAX_IP_RANGES_PER_LOCATION),
            },
          }),
        );
      }
      const wide = ranges
        .map((r, i) => ({ cidr: r?.cidrAddress, prefix: prefixLength(r?.cidrAddress), i }))
        .filter((r) => r.prefix !== null && r.prefix <= MIN_CIDR_PREFIX_EXCLUSIVE);
      if (wide.length > 0) {
        findings.push(
          finding(null, 'prefixTooShort', {
            pointer: '',
            evidence: {
              location: where(index, location),
              actual: wide.map((r) => ({ cidrAddress: r.cidr, pointer: `/ipRanges/${r.i}/cidrAddress` })),
              expected: `CIDR prefixes longer than /${MIN_CIDR_PREFIX_EXCLUSIVE}`,
            },
            data: {
              location: label(location),
              rangesText: `${wide.length === 1 ? 'the range' : `${wide.length} ranges`} ${wide
                .slice(0, 5)
                .map((r) => r.cidr)
                .join(', ')}${wide.length > 5 ? ', …' : ''}`,
              minPrefix: MIN_CIDR_PREFIX_EXCLUSIVE,
            },
          }),
        );
      }
    }
    return findings;
  },
});
