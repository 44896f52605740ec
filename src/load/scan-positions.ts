/**
 * The fast path of parseJson for strict JSON (what Graph and the admin center export): JSON.parse builds the value
 * natively, and this scanner only records where each member and element sits, jumping over string contents with
 * indexOf and building no values. It gives the same pointer -> offset map as the full parser. It declines (returns
 * null) whenever the full parser has something to say: text JSON.parse rejects (comments, trailing commas, a BOM, a
 * syntax error to report), duplicate keys (it counts the keys it passes against those the value holds), deep nesting.
 */
import { escapeToken } from './pointer.js';

const QUOTE = 34;
const BACKSLASH = 92;
const MAX_DEPTH = 512;

export function scanStrictJson(text: string): { value: unknown; offsets: Map<string, number> } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const offsets = new Map<string, number>();
  const n = text.length;
  let i = 0;
  let keys = 0;

  const ws = () => {
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
  };
  /** i at an opening quote: moves past the closing one; returns where the contents end. */
  const skipString = (): number => {
    let j = text.indexOf('"', i + 1);
    for (;;) {
      let k = j - 1;
      while (text.charCodeAt(k) === BACKSLASH) k--;
      if ((j - 1 - k) % 2 === 0) break; // an even run of backslashes: the quote is not escaped
      j = text.indexOf('"', j + 1);
    }
    i = j + 1;
    return j;
  };
  const value_ = (pointer: string, depth: number): boolean => {
    if (depth > MAX_DEPTH) return false;
    const c = text.charCodeAt(i);
    if (c === 123) {
      i++;
      ws();
      if (text.charCodeAt(i) === 125) return i++, true;
      for (;;) {
        ws();
        const keyOffset = i;
        const end = skipString();
        const raw = text.slice(keyOffset + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        keys++;
        const child = pointer + '/' + escapeToken(key);
        offsets.set(child, keyOffset);
        ws();
        i++; // colon
        ws();
        if (!value_(child, depth + 1)) return false;
        ws();
        if (text.charCodeAt(i++) === 125) return true; // else a comma
      }
    }
    if (c === 91) {
      i++;
      ws();
      if (text.charCodeAt(i) === 93) return i++, true;
      for (let index = 0; ; index++) {
        ws();
        const child = pointer + '/' + index;
        offsets.set(child, i);
        if (!value_(child, depth + 1)) return false;
        ws();
        if (text.charCodeAt(i++) === 93) return true;
      }
    }
    if (c === QUOTE) {
      skipString();
      return true;
    }
    // number, true, false, null: up to the next delimiter
    let d = text.charCodeAt(i);
    while (i < n && d !== 44 && d !== 93 && d !== 125 && d !== 32 && d !== 10 && d !== 13 && d !== 9) d = text.charCodeAt(++i);
    return true;
  };

  ws();
  offsets.set('', i);
  if (!value_('', 0)) return null;
  return keys === countKeys(value) ? { value, offsets } : null;
}

/** Members of every object in a parsed value (JSON.parse keeps one per name, so duplicates make the count smaller). */
function countKeys(value: unknown): number {
  if (Array.isArray(value)) {
    let sum = 0;
    for (const v of value) if (v !== null && typeof v === 'object') sum += countKeys(v);
    return sum;
  }
  if (value === null || typeof value !== 'object') return 0;
  let sum = 0;
  for (const k in value as Record<string, unknown>) {
    sum++;
    const v = (value as Record<string, unknown>)[k];
    if (v !== null && typeof v === 'object') sum += countKeys(v);
  }
  return sum;
}
