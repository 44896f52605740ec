import { describe, expect, it } from 'vitest';
import { formatCount } from '../src/model/format-number.js';

describe('formatCount', () => {
  it.each([
    [0, '0'], [999, '999'], [1000, '1,000'], [3072, '3,072'], [2000, '2,000'], [-1234567, '-1,234,567'], [16777216, '16,777,216'],
    [2n ** 64n, '18,446,744,073,709,551,616'], [12.6, '13'],
  ] as Array<[number | bigint, string]>)('%s → %s, as en-US toLocaleString writes integers', (n, text) => {
    expect(formatCount(n)).toBe(text);
    if (typeof n === 'bigint' || Number.isInteger(n)) expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});
