import { defineRule } from '../../src/engine/define-rule.js';
import { formatCount } from '../../src/model/format-number.js';
import type { FindingDraft } from '../../src/engine/rule-types.js';
import {
  addressCount,
  effectivePrefix,
  formatRange,
  specialPurposeBlock,
  specialPurposeBlocksWithin,
  type IpRange,
} from '../../src/evaluate/ip-ranges.js';
import type { NamedLocation } from '../../src/model/snapshot-types.js';
import { ipLocations, parseRangeEntry, type RangeEntry } from '../../src/evaluate/named-locations.js';
import type { TenantIndex } from '../../src/model/tenant-index.js';

interface Options {
  /** Shortest accepted IPv4 prefix for a trusted range. */
  minPrefixV4: number;
  /** Shortest accepted IPv6 prefix for a trusted range. */
  minPrefixV6: number;
  /** Do not report documentation ranges (RFC 5737, RFC 3849, RFC 9637), e.g. in a sample tenant. */
  ignoreDocumentationRanges: boolean;
}

/** Microsoft accepts only CIDR masks longer than /8 in IP named locations. */
const MICROSOFT_MIN_PREFIX = 9;

export default defineRule<Options>({
  id: 'locations/broad-trusted-range',
  catalogue: 'CA-093',
  title: 'Trusted IP ranges are narrow and public',
  risk: 'A trusted location covers far more addresses than the organisation\'s own networks, or addresses that can never match',
  priority: 2,
  effort: 'low',
  userImpact: 'low',
  severity: 'medium',
  scope: 'tenant',
  rationale:
    'A trusted location says "requests from these addresses are from us": policies exclude it from MFA or blocks, and ' +
    'Identity Protection lowers the risk of sign-ins from it. A trusted range much wider than the networks you run ' +
    '(a whole provider allocation, a /8, a cloud region) extends that trust to strangers on the same provider; calint ' +
    'reports trusted IPv4 ranges shorter than /16 and IPv6 ranges shorter than /48 by default (an IPv6 /48 is one ' +
    'site). Microsoft accepts only prefixes longer than /8. Private, shared (carrier-grade NAT), loopback, link-local, ' +
    'multicast, reserved and documentation ranges never match anything: Entra ID sees the public address a network uses ' +
    'to reach the internet, not the address of the device inside it, so such an entry in any IP location (trusted or ' +
    'not) protects or trusts nothing while looking as if it did.',
  remediation:
    'Under Conditional Access > Named locations, edit the location: replace broad ranges with the public egress ' +
    'addresses you own (your NAT or proxy addresses, or the provider range assigned to you), and remove private and ' +
    'documentation ranges; the address to list is the one sign-in logs show for on-premises users. Consider a compliant ' +
    'device or Global Secure Access compliant network instead of IP trust for cloud proxies and VPNs.',
  references: [
    'https://learn.microsoft.com/entra/identity/conditional-access/concept-assignment-network',
    'https://learn.microsoft.com/entra/identity/conditional-access/location-condition',
  ],
  options: {
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minPrefixV4: { type: 'integer', minimum: 1, maximum: 32, description: 'Report trusted IPv4 ranges with a shorter prefix than this.' },
        minPrefixV6: { type: 'integer', minimum: 1, maximum: 128, description: 'Report trusted IPv6 ranges with a shorter prefix than this.' },
        ignoreDocumentationRanges: {
          type: 'boolean',
          description: 'Do not report documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20), e.g. in sample data.',
        },
      },
    },
    defaults: { minPrefixV4: 16, minPrefixV6: 48, ignoreDocumentationRanges: false },
  },
  messages: {
    broad: (d) =>
      `Trusted location "${d.location}" holds ${d.range} (${d.sizeText}), broader than /${d.minPrefix}${d.limitText}; ` +
      `everyone whose traffic leaves from that range is treated as being on your network.${d.specialText}`,
    notRoutable: (d) =>
      `${d.trustedText} "${d.location}" holds ${d.range}, which is not a public range (${d.blockName}); Entra ID sees only ` +
      'public client addresses, so it never matches a sign-in and the entry does nothing.',
    unparsable: (d) =>
      `${d.trustedText} "${d.location}" holds the range ${d.range}, which is not a valid IPv4 or IPv6 range; calint ` +
      'cannot tell what it covers.',
  },
  check({ index, options, finding, notice }) {
    const out: FindingDraft[] = [];
    for (const location of ipLocations(index)) {
      const name = location.displayName ?? location.id ?? '(unnamed location)';
      const trusted = location.isTrusted === true;
      const trustedText = trusted ? 'Trusted location' : 'Location';
      (location.ipRanges ?? []).forEach((entry, i) => {
        const text = rangeText(entry);
        const range = parseRangeEntry(entry);
        const evidence = { location: locationEvidence(index, location, i), actual: entry };
        if (!range) {
          if (isPlaceholder(entry)) {
            notice('info', `Template placeholders in IP ranges were skipped (e.g. ${text} in "${name}").`);
            return;
          }
          out.push(finding(null, 'unparsable', { pointer: '', evidence, data: { location: name, range: text, trustedText } }));
          return;
        }
        const special = specialPurposeBlock(range);
        if (special) {
          if (special.kind === 'documentation' && options.ignoreDocumentationRanges) return;
          out.push(
            finding(null, 'notRoutable', {
              pointer: '',
              evidence: { ...evidence, range: formatRange(range), specialPurpose: { block: special.block, kind: special.kind, name: special.name } },
              data: { location: name, range: formatRange(range), blockName: formatRange(range) === special.block ? special.name : `inside ${special.block}: ${special.name}`, trustedText },
            }),
          );
          return;
        }
        if (!trusted) return;
        const minPrefix = range.family === 4 ? options.minPrefixV4 : options.minPrefixV6;
        const prefix = effectivePrefix(range);
        if (prefix >= minPrefix) return;
        const within = specialPurposeBlocksWithin(range);
        out.push(
          finding(null, 'broad', {
            pointer: '',
            evidence: {
              ...evidence,
              range: formatRange(range),
              prefix,
              addresses: addressCount(range).toString(),
              expected: { prefixAtLeast: minPrefix },
              specialPurposeBlocksWithin: within.map((b) => b.block),
            },
            data: {
              location: name,
              range: formatRange(range),
              minPrefix,
              sizeText: sizeText(range),
              limitText: prefix < MICROSOFT_MIN_PREFIX ? ` and beyond Microsoft's limit (prefixes must be longer than /8)` : '',
              specialText: within.length ? ` It even contains non-public blocks (${within.map((b) => b.block).join(', ')}).` : '',
            },
          }),
        );
      });
    }
    return out;
  },
});




/** A template placeholder such as `xx.xx.xxx.xx/32` or `<OfficeEgressIP>` rather than a mistyped range. */
function isPlaceholder(entry: RangeEntry): boolean {
  const values = entry && typeof entry === 'object' ? [entry.cidrAddress, entry.lowerAddress, entry.upperAddress] : [];
  return values.some((v) => typeof v === 'string' && (/^(?=.*[xX])[xX.:]+(\/\d+)?$/.test(v) || /[<{$]/.test(v)));
}

function rangeText(entry: RangeEntry): string {
  if (entry && typeof entry === 'object') {
    if (typeof entry.cidrAddress === 'string') return `"${entry.cidrAddress}"`;
    if (typeof entry.lowerAddress === 'string' || typeof entry.upperAddress === 'string') return `"${entry.lowerAddress ?? ''}-${entry.upperAddress ?? ''}"`;
  }
  return JSON.stringify(entry ?? null);
}

function sizeText(range: IpRange): string {
  const count = addressCount(range);
  if (range.family === 4) return `${formatCount(count)} addresses`;
  const prefix = effectivePrefix(range);
  return prefix <= 64 ? `${formatCount((2n ** BigInt(64 - prefix)))} /64 networks` : `${formatCount(count)} addresses`;
}

/** Where the location and the range are in the input, for a tenant-wide finding that has no policy to point at. */
function locationEvidence(index: TenantIndex, location: NamedLocation, rangeIndex: number) {
  const source = index.sourceOf(location);
  const rangesPointer = source ? (source.fieldPointers?.ipRanges ?? `${source.bodyPointer}/ipRanges`) : null;
  return {
    id: location.id ?? null,
    name: location.displayName ?? null,
    isTrusted: location.isTrusted ?? null,
    file: source?.file ?? null,
    pointer: rangesPointer === null ? null : `${rangesPointer}/${rangeIndex}`,
  };
}
