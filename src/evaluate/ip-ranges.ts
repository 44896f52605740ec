/**
 * IPv4 and IPv6 address ranges as named locations hold them: parsing (CIDR blocks and lower–upper bounds), size,
 * containment, overlap and the special-purpose blocks that never appear as a public client address.
 * Addresses are bigints; IPv4-mapped IPv6 ranges (inside ::ffff:0:0/96) are read as the IPv4 range they map, so
 * `::ffff:198.51.100.0/120` and `198.51.100.0/24` are the same range. Pure functions, no state.
 */

export type IpFamily = 4 | 6;

export interface IpRange {
  family: IpFamily;
  /** First and last address of the range, inclusive. */
  first: bigint;
  last: bigint;
  /** Prefix length when the range is exactly one CIDR block, else null (a lower–upper range of another size). */
  prefix: number | null;
  /** The CIDR text had bits set after the prefix (`203.0.113.7/24`); the block is read with them cleared. */
  hostBitsSet: boolean;
  /** Written as an IPv4-mapped IPv6 range and converted to IPv4. */
  mapped: boolean;
}

export const ADDRESS_BITS: Readonly<Record<IpFamily, number>> = { 4: 32, 6: 128 };

const MAPPED_PREFIX = 0xffff00000000n; // ::ffff:0:0/96

/** A single address, or null when the text is not one (no zone ids, no leading zeros in IPv4 octets). */
export function parseIpAddress(text: string): { family: IpFamily; value: bigint } | null {
  const s = text.trim();
  if (s.includes(':')) {
    const value = parseIpv6(s);
    return value === null ? null : { family: 6, value };
  }
  const value = parseIpv4(s);
  return value === null ? null : { family: 4, value };
}

function parseIpv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(s: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (piece.includes('.')) {
        // An embedded IPv4 address is allowed only as the last piece (::ffff:192.0.2.1).
        if (i !== pieces.length - 1) return null;
        const v4 = parseIpv4(piece);
        if (v4 === null) return null;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return null;
        out.push(parseInt(piece, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  // An embedded IPv4 address must end the address, so it cannot sit before "::".
  if (halves.length === 2 && halves[0]!.includes('.')) return null;
  const count = head.length + tail.length;
  if (halves.length === 1 ? count !== 8 : count > 7) return null;
  const all = [...head, ...new Array<number>(8 - count).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

function mask(family: IpFamily, prefix: number): bigint {
  const bits = ADDRESS_BITS[family];
  const host = BigInt(bits - prefix);
  return ((1n << BigInt(bits)) - 1n) ^ ((1n << host) - 1n);
}

/** `203.0.113.0/24`, `2001:db8::/32`; a bare address is read as a single-address block (/32 or /128). */
export function parseCidr(text: string): IpRange | null {
  if (typeof text !== 'string') return null;
  const s = text.trim();
  const slash = s.indexOf('/');
  const addressText = slash === -1 ? s : s.slice(0, slash);
  const address = parseIpAddress(addressText);
  if (!address) return null;
  const bits = ADDRESS_BITS[address.family];
  let prefix = bits;
  if (slash !== -1) {
    const p = s.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return null;
    prefix = Number(p);
    if (prefix > bits) return null;
  }
  const m = mask(address.family, prefix);
  const first = address.value & m;
  const last = first | (((1n << BigInt(bits)) - 1n) ^ m);
  return toIpv4IfMapped({ family: address.family, first, last, prefix, hostBitsSet: first !== address.value, mapped: false });
}

/** An `iPv4Range` / `iPv6Range` (lowerAddress, upperAddress); null when either bound is invalid, families differ or lower > upper. */
export function parseIpRangeBounds(lower: string, upper: string): IpRange | null {
  if (typeof lower !== 'string' || typeof upper !== 'string') return null;
  const lo = parseIpAddress(lower);
  const hi = parseIpAddress(upper);
  if (!lo || !hi || lo.family !== hi.family || lo.value > hi.value) return null;
  return toIpv4IfMapped({ family: lo.family, first: lo.value, last: hi.value, prefix: exactPrefix(lo.family, lo.value, hi.value), hostBitsSet: false, mapped: false });
}

/** The prefix length when [first, last] is exactly one CIDR block, else null. */
function exactPrefix(family: IpFamily, first: bigint, last: bigint): number | null {
  const size = last - first + 1n;
  if ((size & (size - 1n)) !== 0n) return null;
  const hostBits = bitLength(size) - 1;
  if ((first & (size - 1n)) !== 0n) return null;
  return ADDRESS_BITS[family] - hostBits;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** An IPv6 range inside ::ffff:0:0/96 becomes the IPv4 range it maps; anything else is returned unchanged. */
export function toIpv4IfMapped(range: IpRange): IpRange {
  if (range.family !== 6 || range.first < MAPPED_PREFIX || range.last > MAPPED_PREFIX + 0xffffffffn) return range;
  return {
    family: 4,
    first: range.first - MAPPED_PREFIX,
    last: range.last - MAPPED_PREFIX,
    prefix: range.prefix === null ? null : range.prefix - 96,
    hostBitsSet: range.hostBitsSet,
    mapped: true,
  };
}

/** How many addresses the range holds. */
export function addressCount(range: IpRange): bigint {
  return range.last - range.first + 1n;
}

/**
 * The prefix length of the smallest CIDR block size that holds as many addresses as the range: the range's own
 * prefix for a CIDR block, and for a lower–upper range the prefix its size corresponds to (rounded to the broader).
 */
export function effectivePrefix(range: IpRange): number {
  if (range.prefix !== null) return range.prefix;
  const count = addressCount(range);
  const hostBits = bitLength(count - 1n);
  return ADDRESS_BITS[range.family] - hostBits;
}

/** `outer` holds every address of `inner` (same family; IPv4-mapped ranges count as IPv4). */
export function containsRange(outer: IpRange, inner: IpRange): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}

/** The two ranges share at least one address. */
export function rangesOverlap(a: IpRange, b: IpRange): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** Every pair of items whose ranges overlap, in the order of the input (sort-and-sweep; each pair once). */
export function overlappingPairs<T>(items: readonly T[], rangeOf: (item: T) => IpRange): Array<[T, T]> {
  const order = items
    .map((item, position) => ({ item, position, range: rangeOf(item) }))
    .sort((a, b) => a.range.family - b.range.family || cmp(a.range.first, b.range.first) || cmp(b.range.last, a.range.last) || a.position - b.position);
  const pairs: Array<{ a: number; b: number; pair: [T, T] }> = [];
  let active: typeof order = [];
  for (const current of order) {
    active = active.filter((x) => x.range.family === current.range.family && x.range.last >= current.range.first);
    for (const other of active) {
      const [x, y] = other.position < current.position ? [other, current] : [current, other];
      pairs.push({ a: x.position, b: y.position, pair: [x.item, y.item] });
    }
    active.push(current);
  }
  return pairs.sort((p, q) => p.a - q.a || p.b - q.b).map((p) => p.pair);
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 5952 text: IPv4 dotted quad; IPv6 lower-case with the longest run of two or more zero groups as "::". */
export function formatAddress(family: IpFamily, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** `198.51.100.0/24`, `2001:db8::/48`, or `192.0.2.10-192.0.2.20` for a range that is not one block. */
export function formatRange(range: IpRange): string {
  const first = formatAddress(range.family, range.first);
  if (range.prefix !== null) return `${first}/${range.prefix}`;
  return `${first}-${formatAddress(range.family, range.last)}`;
}

export type SpecialPurposeKind =
  | 'private'
  | 'shared'
  | 'loopback'
  | 'link-local'
  | 'documentation'
  | 'benchmarking'
  | 'multicast'
  | 'reserved'
  | 'unique-local'
  | 'unspecified'
  | 'this-network'
  | 'discard';

export interface SpecialPurposeBlock {
  block: string;
  range: IpRange;
  kind: SpecialPurposeKind;
  /** What a person reads: "private network, RFC 1918". */
  name: string;
}

/**
 * Blocks that never appear as the public address of a client on the internet (IANA special-purpose address
 * registries): private, shared (carrier-grade NAT), loopback, link-local, documentation, benchmarking, multicast and
 * reserved space. Blocks that can be globally routed (6to4, Teredo, NAT64 64:ff9b::/96) are not listed.
 */
const SPECIAL_PURPOSE: ReadonlyArray<[string, SpecialPurposeKind, string]> = [
  ['0.0.0.0/8', 'this-network', '"this network", RFC 791'],
  ['10.0.0.0/8', 'private', 'private network, RFC 1918'],
  ['100.64.0.0/10', 'shared', 'shared address space for carrier-grade NAT, RFC 6598'],
  ['127.0.0.0/8', 'loopback', 'loopback, RFC 1122'],
  ['169.254.0.0/16', 'link-local', 'link-local, RFC 3927'],
  ['172.16.0.0/12', 'private', 'private network, RFC 1918'],
  ['192.0.0.0/24', 'reserved', 'IETF protocol assignments, RFC 6890'],
  ['192.0.2.0/24', 'documentation', 'documentation range TEST-NET-1, RFC 5737'],
  ['192.168.0.0/16', 'private', 'private network, RFC 1918'],
  ['198.18.0.0/15', 'benchmarking', 'benchmarking, RFC 2544'],
  ['198.51.100.0/24', 'documentation', 'documentation range TEST-NET-2, RFC 5737'],
  ['203.0.113.0/24', 'documentation', 'documentation range TEST-NET-3, RFC 5737'],
  ['224.0.0.0/4', 'multicast', 'multicast, RFC 5771'],
  ['240.0.0.0/4', 'reserved', 'reserved for future use and broadcast, RFC 1112, RFC 919'],
  ['::/128', 'unspecified', 'the unspecified address, RFC 4291'],
  ['::1/128', 'loopback', 'loopback, RFC 4291'],
  ['64:ff9b:1::/48', 'private', 'local-use NAT64 prefix, RFC 8215'],
  ['100::/64', 'discard', 'discard-only prefix, RFC 6666'],
  ['2001:db8::/32', 'documentation', 'documentation range, RFC 3849'],
  ['3fff::/20', 'documentation', 'documentation range, RFC 9637'],
  ['fc00::/7', 'unique-local', 'unique local addresses, RFC 4193'],
  ['fe80::/10', 'link-local', 'link-local, RFC 4291'],
  ['ff00::/8', 'multicast', 'multicast, RFC 4291'],
];

export const SPECIAL_PURPOSE_BLOCKS: readonly SpecialPurposeBlock[] = SPECIAL_PURPOSE.map(([block, kind, name]) => ({
  block,
  kind,
  name,
  range: parseCidr(block)!,
}));

const GLOBAL_UNICAST_V6 = parseCidr('2000::/3')!;
const OUTSIDE_GLOBAL_UNICAST: SpecialPurposeBlock = {
  block: '2000::/3',
  kind: 'reserved',
  name: 'IPv6 space outside global unicast 2000::/3, reserved by the IETF, RFC 4291',
  range: GLOBAL_UNICAST_V6,
};

/**
 * The special-purpose block that holds the whole range, or null when the range is (at least partly) public.
 * An IPv6 range outside 2000::/3 that no listed block holds is reported as reserved space.
 */
export function specialPurposeBlock(range: IpRange): SpecialPurposeBlock | null {
  const r = toIpv4IfMapped(range);
  const hit = SPECIAL_PURPOSE_BLOCKS.find((b) => containsRange(b.range, r));
  if (hit) return hit;
  if (r.family === 6 && !rangesOverlap(GLOBAL_UNICAST_V6, r)) return OUTSIDE_GLOBAL_UNICAST;
  return null;
}

/** Special-purpose blocks that lie inside a (broad) range, e.g. 10.0.0.0/8 inside 0.0.0.0/1. */
export function specialPurposeBlocksWithin(range: IpRange): SpecialPurposeBlock[] {
  const r = toIpv4IfMapped(range);
  return SPECIAL_PURPOSE_BLOCKS.filter((b) => containsRange(r, b.range));
}
