/**
 * CI formats (SARIF, JUnit XML, Code Climate JSON) carry a tenant value of at most MAX_VALUE_CHARS characters: a
 * longer one (a 10 MB policy name) is cut, with an ellipsis and the count of what was left out. The JSON output keeps
 * every value whole. The result is a copy; strings within the limit are shared, not copied.
 */
import type { LintResult } from '../engine/result-types.js';

export const MAX_VALUE_CHARS = 4096;

/** `text`, or its first characters (never half a surrogate pair), an ellipsis and how much was cut. */
export function clipValue(text: string, max = MAX_VALUE_CHARS): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}… (${(text.length - end).toLocaleString('en-US')} more characters; the JSON output has the whole value)`;
}

function clipDeep(value: unknown, max: number): unknown {
  if (typeof value === 'string') return clipValue(value, max);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => clipDeep(v, max));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: clipDeep(v, max), enumerable: true, writable: true, configurable: true });
  return out;
}

/** The result with every string longer than `max` clipped (the result is plain JSON data, so a deep copy is safe). */
export function clipResult(result: LintResult, max = MAX_VALUE_CHARS): LintResult {
  return clipDeep(result, max) as LintResult;
}

/** Any plain data (arrays, objects, strings, numbers) with every string longer than `max` clipped. */
export function clipStrings<T>(value: T, max = MAX_VALUE_CHARS): T {
  return clipDeep(value, max) as T;
}
