import { defineRule } from '../../src/engine/define-rule.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import { formatRange, overlappingPairs, type IpRange } from '../../src/evaluate/ip-ranges.js';
import type { NamedLocation } from '../../src/model/snapshot-types.js';
import { ipLocations, parseRangeEntry } from '../../src/evaluate/named-locations.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';

interface Item {
  location: NamedLocation;
  /** Position of the location among the IP locations. */
  l: number;
  /** Position of the range in the location's ipRanges. */
  r: number;
  range: IpRange;
}

const EXAMPLES = 3;
const EVIDENCE_PAIRS = 50;

export default defineRule({
  id: 'locations/overlapping-ranges',
  catalogue: 'CA-093',
  title: 'IP named locations do not overlap',
  risk: 'The same address belongs to more than one named location, so it can be trusted and untrusted at once',
  priority: 3,
  effort: 'low',
  userImpact: 'none',
  severity: 'low',
  scope: 'tenant',
  rationale:
    'Overlapping ranges make the same address mean two things. When a trusted location and an untrusted one (for ' +
    'example a list of suspicious addresses that a policy blocks) share addresses, a sign-in from there is both trusted ' +
    'and blocked, and which intent wins depends on how each policy happens to include or exclude the locations. ' +
    'Overlaps between two trusted locations or inside one location are usually leftovers (a range added twice, a ' +
    'provider range and a host inside it) that make the list harder to review and to clean up when a network is given up.',
  remediation:
    'Under Conditional Access > Named locations, decide which location each shared address belongs to and remove it from ' +
    'the other; merge duplicate ranges inside a location. If an address must be both trusted and restricted, express it ' +
    'with one location and explicit policy conditions instead of two overlapping lists.',
  references: ['https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network'],
  messages: {
    trustMismatch: (d) =>
      `Trusted location "${d.trusted}" and untrusted location "${d.untrusted}" share addresses (${d.examples}); a sign-in ` +
      'from there is trusted by one list and not by the other.',
    acrossLocations: (d) =>
      `Locations "${d.first}" and "${d.second}" (both ${d.trustText}) share addresses (${d.examples}).`,
    withinLocation: (d) => `Location "${d.first}" lists overlapping ranges (${d.examples}).`,
  },
  check({ index, finding }) {
    const locations = ipLocations(index);
    const items: Item[] = locations.flatMap((location, l) =>
      (location.ipRanges ?? []).flatMap((entry, r) => {
        const range = parseRangeEntry(entry);
        return range ? [{ location, l, r, range }] : [];
      }),
    );
    const groups = new Map<string, Array<[Item, Item]>>();
    for (const [a, b] of overlappingPairs(items, (x) => x.range)) {
      const [x, y] = a.l <= b.l ? [a, b] : [b, a];
      const key = `${x.l}:${y.l}`;
      const list = groups.get(key) ?? [];
      list.push([x, y]);
      groups.set(key, list);
    }
    const out: FindingDraft[] = [];
    for (const pairs of groups.values()) {
      const [x, y] = pairs[0]!;
      const nameOf = (loc: NamedLocation) => loc.displayName ?? loc.id ?? '(unnamed location)';
      const examples =
        pairs
          .slice(0, EXAMPLES)
          .map(([p, q]) => `${formatRange(p.range)} and ${formatRange(q.range)}`)
          .join('; ') + (pairs.length > EXAMPLES ? `; ${pairs.length - EXAMPLES} more ${pairs.length - EXAMPLES === 1 ? 'pair' : 'pairs'}` : '');
      const evidence = {
        locations: [locationEvidence(index, x.location), ...(x.l === y.l ? [] : [locationEvidence(index, y.location)])],
        overlappingPairs: pairs.slice(0, EVIDENCE_PAIRS).map(([p, q]) => ({
          first: { location: p.location.id ?? nameOf(p.location), rangeIndex: p.r, range: formatRange(p.range) },
          second: { location: q.location.id ?? nameOf(q.location), rangeIndex: q.r, range: formatRange(q.range) },
        })),
        pairCount: pairs.length,
      };
      if (x.l === y.l) {
        out.push(finding(null, 'withinLocation', { pointer: '', evidence, data: { first: nameOf(x.location), examples } }));
        continue;
      }
      const tx = x.location.isTrusted === true;
      const ty = y.location.isTrusted === true;
      if (tx !== ty) {
        const [trusted, untrusted] = tx ? [x.location, y.location] : [y.location, x.location];
        out.push(finding(null, 'trustMismatch', { pointer: '', evidence, data: { trusted: nameOf(trusted), untrusted: nameOf(untrusted), examples } }));
      } else {
        out.push(
          finding(null, 'acrossLocations', {
            pointer: '',
            evidence,
            data: { first: nameOf(x.location), second: nameOf(y.location), trustText: tx ? 'trusted' : 'untrusted', examples },
          }),
        );
      }
    }
    return out;
  },
});




function locationEvidence(index: TenantIndex, location: NamedLocation) {
  const source = index.sourceOf(location);
  return {
    id: location.id ?? null,
    name: location.displayName ?? null,
    isTrusted: location.isTrusted ?? null,
    file: source?.file ?? null,
    pointer: source?.bodyPointer ?? null,
  };
}
