import { describe, expect, it } from 'vitest';
import {
  addressCount,
  containsRange,
  effectivePrefix,
  formatAddress,
  formatRange,
  overlappingPairs,
  parseCidr,
  parseIpAddress,
  parseIpRangeBounds,
  rangesOverlap,
  specialPurposeBlock,
  specialPurposeBlocksWithin,
  type IpRange,
} from '../../src/evaluate/ip-ranges.js';

const cidr = (text: string): IpRange => {
  const r = parseCidr(text);
  if (!r) throw new Error(`test setup: ${text} does not parse`);
  return r;
};

describe('parseIpAddress', () => {
  it('reads IPv4 dotted quads and rejects malformed ones', () => {
    expect(parseIpAddress('203.0.113.7')).toEqual({ family: 4, value: 0xcb007107n });
    expect(parseIpAddress('0.0.0.0')).toEqual({ family: 4, value: 0n });
    expect(parseIpAddress('255.255.255.255')).toEqual({ family: 4, value: 0xffffffffn });
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-4', '1.2.3.4 5', '', 'a.b.c.d', '1..2.3']) {
      expect(parseIpAddress(bad), bad).toBeNull();
    }
  });

  it('reads IPv6 in full, compressed and IPv4-embedded forms', () => {
    expect(parseIpAddress('::')).toEqual({ family: 6, value: 0n });
    expect(parseIpAddress('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIpAddress('2001:db8::')!.value).toBe(0x20010db8n << 96n);
    expect(parseIpAddress('2001:0DB8:0000:0000:0000:0000:0000:0001')!.value).toBe((0x20010db8n << 96n) | 1n);
    expect(parseIpAddress('1:2:3:4:5:6:7::')!.value).toBe(0x00010002000300040005000600070000n);
    expect(parseIpAddress('::ffff:192.0.2.1')!.value).toBe(0xffffc0000201n);
    expect(parseIpAddress('64:ff9b::198.51.100.1')!.value).toBe((0x64ff9bn << 96n) | 0xc6336401n);
  });

  it('rejects malformed IPv6', () => {
    for (const bad of ['1::2::3', ':::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '12345::', 'fe80::1%eth0', '1.2.3.4::', '::1.2.3.4:5', 'g::1', ':1::', '1:2:3:4:5:6:7:8::']) {
      expect(parseIpAddress(bad), bad).toBeNull();
    }
  });
});

describe('parseCidr', () => {
  it('reads IPv4 blocks with their prefix and bounds', () => {
    const r = cidr('198.51.100.0/24');
    expect(r).toMatchObject({ family: 4, prefix: 24, hostBitsSet: false, mapped: false });
    expect(formatAddress(4, r.first)).toBe('198.51.100.0');
    expect(formatAddress(4, r.last)).toBe('198.51.100.255');
    expect(addressCount(r)).toBe(256n);
  });

  it('clears host bits and says so', () => {
    const r = cidr('203.0.113.77/25');
    expect(r.hostBitsSet).toBe(true);
    expect(formatRange(r)).toBe('203.0.113.0/25');
  });

  it('handles /0 and full-length prefixes in both families', () => {
    expect(addressCount(cidr('0.0.0.0/0'))).toBe(1n << 32n);
    expect(cidr('0.0.0.0/0').last).toBe(0xffffffffn);
    expect(addressCount(cidr('::/0'))).toBe(1n << 128n);
    expect(addressCount(cidr('192.0.2.1/32'))).toBe(1n);
    expect(addressCount(cidr('2001:db8::1/128'))).toBe(1n);
    expect(cidr('2001:db8::1/128')).toMatchObject({ prefix: 128, hostBitsSet: false });
  });

  it('reads a bare address as a single-address block', () => {
    expect(cidr('192.0.2.1')).toMatchObject({ prefix: 32 });
    expect(cidr('2001:db8::1')).toMatchObject({ prefix: 128 });
  });

  it('rejects prefixes out of range and junk', () => {
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/-1', '10.0.0.0/08', '10.0.0.0/8/8', 'x/8', '10.0.0.0/a']) {
      expect(parseCidr(bad), bad).toBeNull();
    }
    expect(parseCidr(null as unknown as string)).toBeNull();
  });

  it('reads IPv4-mapped IPv6 blocks as the IPv4 block they map', () => {
    const r = cidr('::ffff:198.51.100.0/120');
    expect(r).toMatchObject({ family: 4, prefix: 24, mapped: true });
    expect(r.first).toBe(cidr('198.51.100.0/24').first);
    expect(cidr('::ffff:0:0/96')).toMatchObject({ family: 4, prefix: 0, mapped: true });
    // Broader than the mapped block: stays IPv6.
    expect(cidr('::/64')).toMatchObject({ family: 6, mapped: false });
  });
});

describe('parseIpRangeBounds', () => {
  it('reads lower-upper ranges and notices when they are one block', () => {
    expect(parseIpRangeBounds('192.0.2.0', '192.0.2.255')).toMatchObject({ family: 4, prefix: 24 });
    const odd = parseIpRangeBounds('192.0.2.10', '192.0.2.20')!;
    expect(odd.prefix).toBeNull();
    expect(addressCount(odd)).toBe(11n);
    expect(formatRange(odd)).toBe('192.0.2.10-192.0.2.20');
    expect(parseIpRangeBounds('192.0.2.1', '192.0.2.2')!.prefix).toBeNull(); // size 2 but not aligned
    expect(parseIpRangeBounds('2001:db8::', '2001:db8::ffff')).toMatchObject({ family: 6, prefix: 112 });
  });

  it('rejects reversed, mixed-family and invalid bounds', () => {
    expect(parseIpRangeBounds('192.0.2.20', '192.0.2.10')).toBeNull();
    expect(parseIpRangeBounds('192.0.2.1', '2001:db8::1')).toBeNull();
    expect(parseIpRangeBounds('192.0.2.1', 'nope')).toBeNull();
  });
});

describe('effectivePrefix', () => {
  it('is the prefix of a block, and the broader rounding for other ranges', () => {
    expect(effectivePrefix(cidr('10.0.0.0/8'))).toBe(8);
    expect(effectivePrefix(parseIpRangeBounds('192.0.2.10', '192.0.2.20')!)).toBe(28);
    expect(effectivePrefix(parseIpRangeBounds('10.0.0.0', '10.1.0.0')!)).toBe(15);
    expect(effectivePrefix(cidr('0.0.0.0/0'))).toBe(0);
    expect(effectivePrefix(parseIpRangeBounds('::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')!)).toBe(0);
  });
});

describe('containment and overlap', () => {
  it('contains nested blocks, itself, and nothing across families', () => {
    expect(containsRange(cidr('10.0.0.0/8'), cidr('10.1.2.0/24'))).toBe(true);
    expect(containsRange(cidr('10.1.2.0/24'), cidr('10.0.0.0/8'))).toBe(false);
    expect(containsRange(cidr('10.0.0.0/8'), cidr('10.0.0.0/8'))).toBe(true);
    expect(containsRange(cidr('0.0.0.0/0'), cidr('255.255.255.255/32'))).toBe(true);
    expect(containsRange(cidr('::/0'), cidr('2001:db8::1/128'))).toBe(true);
    expect(containsRange(cidr('::/0'), cidr('10.0.0.0/8'))).toBe(false);
  });

  it('overlaps when any address is shared, including edge addresses', () => {
    expect(rangesOverlap(cidr('192.0.2.0/25'), cidr('192.0.2.128/25'))).toBe(false);
    expect(rangesOverlap(parseIpRangeBounds('192.0.2.0', '192.0.2.128')!, cidr('192.0.2.128/25'))).toBe(true);
    expect(rangesOverlap(cidr('192.0.2.0/24'), cidr('192.0.2.255/32'))).toBe(true);
    expect(rangesOverlap(cidr('2001:db8::/32'), cidr('2001:db8:ffff::/48'))).toBe(true);
    expect(rangesOverlap(cidr('2001:db8::/32'), cidr('2001:db9::/32'))).toBe(false);
    expect(rangesOverlap(cidr('::/0'), cidr('0.0.0.0/0'))).toBe(false);
  });

  it('an IPv4-mapped block overlaps its IPv4 twin', () => {
    expect(rangesOverlap(cidr('::ffff:203.0.113.0/120'), cidr('203.0.113.128/25'))).toBe(true);
    expect(containsRange(cidr('203.0.113.0/24'), cidr('::ffff:203.0.113.5/128'))).toBe(true);
  });

  it('overlappingPairs finds every overlapping pair once, in input order', () => {
    const items = ['10.0.0.0/8', '192.0.2.0/24', '10.1.0.0/16', '192.0.2.128/25', '10.1.2.0/24', '2001:db8::/32', '198.51.100.0/24', '2001:db8:1::/48'];
    const pairs = overlappingPairs(items, cidr).map(([a, b]) => `${a} ${b}`);
    expect(pairs).toEqual([
      '10.0.0.0/8 10.1.0.0/16',
      '10.0.0.0/8 10.1.2.0/24',
      '192.0.2.0/24 192.0.2.128/25',
      '10.1.0.0/16 10.1.2.0/24',
      '2001:db8::/32 2001:db8:1::/48',
    ]);
    expect(overlappingPairs(['192.0.2.0/24', '192.0.2.0/24'], cidr)).toHaveLength(1);
    expect(overlappingPairs([], cidr)).toEqual([]);
  });
});

describe('formatAddress', () => {
  it('writes RFC 5952 IPv6', () => {
    const f = (s: string) => formatAddress(6, parseIpAddress(s)!.value);
    expect(f('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(f('::')).toBe('::');
    expect(f('::1')).toBe('::1');
    expect(f('1::')).toBe('1::');
    expect(f('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1'); // a single zero group is not compressed
    expect(f('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1'); // the longest run wins
    expect(f('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1'); // the first of equal runs wins
  });
});

describe('special-purpose blocks', () => {
  it('classifies private, shared, loopback, link-local and documentation IPv4 ranges', () => {
    expect(specialPurposeBlock(cidr('10.20.0.0/16'))?.kind).toBe('private');
    expect(specialPurposeBlock(cidr('172.31.255.0/24'))?.kind).toBe('private');
    expect(specialPurposeBlock(cidr('172.32.0.0/24'))).toBeNull();
    expect(specialPurposeBlock(cidr('192.168.1.1/32'))?.kind).toBe('private');
    expect(specialPurposeBlock(cidr('100.64.0.0/10'))?.kind).toBe('shared');
    expect(specialPurposeBlock(cidr('127.0.0.1/32'))?.kind).toBe('loopback');
    expect(specialPurposeBlock(cidr('169.254.10.0/24'))?.kind).toBe('link-local');
    expect(specialPurposeBlock(cidr('203.0.113.0/25'))?.kind).toBe('documentation');
    expect(specialPurposeBlock(cidr('233.252.0.0/24'))?.kind).toBe('multicast');
    expect(specialPurposeBlock(cidr('255.255.255.255/32'))?.kind).toBe('reserved');
    expect(specialPurposeBlock(cidr('8.8.8.0/24'))).toBeNull();
  });

  it('classifies IPv6 unique-local, link-local, documentation, loopback and non-global space', () => {
    expect(specialPurposeBlock(cidr('fd12:3456:789a::/48'))?.kind).toBe('unique-local');
    expect(specialPurposeBlock(cidr('fe80::/64'))?.kind).toBe('link-local');
    expect(specialPurposeBlock(cidr('2001:db8:4e57::/48'))?.kind).toBe('documentation');
    expect(specialPurposeBlock(cidr('3fff:1::/32'))?.kind).toBe('documentation');
    expect(specialPurposeBlock(cidr('::1/128'))?.kind).toBe('loopback');
    expect(specialPurposeBlock(cidr('::/128'))?.kind).toBe('unspecified');
    expect(specialPurposeBlock(cidr('4000::/16'))?.kind).toBe('reserved');
    expect(specialPurposeBlock(cidr('2a01:111::/32'))).toBeNull();
  });

  it('classifies an IPv4-mapped private range as private', () => {
    expect(specialPurposeBlock(cidr('::ffff:10.0.0.0/104'))?.kind).toBe('private');
  });

  it('does not classify a broad range that only contains special blocks; lists them instead', () => {
    expect(specialPurposeBlock(cidr('0.0.0.0/0'))).toBeNull();
    expect(specialPurposeBlock(cidr('::/0'))).toBeNull();
    expect(specialPurposeBlocksWithin(cidr('0.0.0.0/1')).map((b) => b.block)).toEqual(['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8']);
    expect(specialPurposeBlocksWithin(cidr('198.51.100.0/28'))).toEqual([]);
  });
});
