/**
 * The fast path of parseJson for strict JSON (what Graph and the admin center export): JSON.parse builds the value
 * natively, and this scanner only records where each member and element sits, jumping over string contents with
 * indexOf and building no values. It gives the same positions as the full parser, and the same duplicate keys: it
 * counts the keys it passes against those the value holds, and only when they differ looks for the repeated ones.
 * It declines (returns null) whenever the full parser has something to say: text JSON.parse rejects (comments,
 * trailing commas, a BOM, a syntax error to report), deep nesting.
 */
import { escapeToken, splitPointer } from './pointer.js';

/** A key repeated in one object: the last one wins, as in JSON.parse. */
export interface DuplicateKey {
  pointer: string;
  /** Offset of the occurrence before it (the first, for a key written twice). */
  firstOffset: number;
  lastOffset: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const MAX_DEPTH = 512;

/** Where each value sits, by JSON pointer: what both parsers give (a Map is one). */
export interface PositionIndex {
  /** Offset of the property key (object members) or of the value (array elements, root); undefined when absent. */
  get(pointer: string): number | undefined;
  /** Every pointer and its offset, in document order. */
  [Symbol.iterator](): Iterator<[string, number]>;
}

/**
 * The fast path's positions: one entry per value in document order (preorder), its offset and where its subtree ends,
 * in two typed arrays. No pointer string is built while scanning (for a 25 000-policy export that was half a million
 * strings and Map entries, most never asked for); a lookup walks the pointer down from the root, and each container it
 * passes is indexed once, on first use.
 */
class StrictPositions implements PositionIndex {
  /** Node -> its children: node numbers by index (arrays) or by key (objects). Per instance, built on demand. */
  private readonly children = new Map<number, Int32Array | Map<string, number>>();

  constructor(
    private readonly text: string,
    private readonly value: unknown,
    readonly offsets: Int32Array,
    readonly ends: Int32Array,
    private readonly count: number,
  ) {}

  get(pointer: string): number | undefined {
    if (this.count === 0) return undefined;
    if (pointer === '') return this.offsets[0];
    if (pointer[0] !== '/') return undefined;
    let node = 0;
    let value = this.value;
    for (const token of splitPointer(pointer)) {
      if (value === null || typeof value !== 'object') return undefined;
      const children = this.childrenOf(node, value);
      let child: number | undefined;
      if (children instanceof Int32Array) {
        if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
        const i = Number(token);
        child = i < children.length ? children[i] : undefined;
        value = (value as unknown[])[i];
      } else {
        child = children.get(token);
        value = child === undefined ? undefined : (value as Record<string, unknown>)[token];
      }
      if (child === undefined) return undefined;
      node = child;
    }
    return this.offsets[node];
  }

  /** The live entries (a member repeated later in its object is not: the later one wins), in document order. */
  *[Symbol.iterator](): Iterator<[string, number]> {
    if (this.count === 0) return;
    const visit = function* (self: StrictPositions, node: number, pointer: string, value: unknown): Generator<[string, number]> {
      yield [pointer, self.offsets[node]!];
      if (value === null || typeof value !== 'object' || self.ends[node]! === node + 1) return;
      const children = self.childrenOf(node, value);
      if (children instanceof Int32Array) {
        for (let i = 0; i < children.length; i++) yield* visit(self, children[i]!, `${pointer}/${i}`, (value as unknown[])[i]);
        return;
      }
      for (let c = node + 1; c < self.ends[node]!; c = self.ends[c]!) {
        const key = self.keyAt(c);
        if (children.get(key) === c) yield* visit(self, c, `${pointer}/${escapeToken(key)}`, (value as Record<string, unknown>)[key]);
      }
    };
    yield* visit(this, 0, '', this.value);
  }

  /**
   * Every repeated key, in the order the text repeats them, with the occurrence before it: one walk over all members
   * (those of discarded values too), a key set per object. Only run when the key count says there are some.
   */
  duplicates(): DuplicateKey[] {
    const out: DuplicateKey[] = [];
    const walk = (node: number, pointer: string, isArray: boolean): void => {
      const seen = isArray ? null : new Map<string, number>();
      let index = 0;
      for (let c = node + 1; c < this.ends[node]!; c = this.ends[c]!) {
        let child: string;
        let at = this.offsets[c]!;
        if (seen) {
          const key = this.keyAt(c);
          child = `${pointer}/${escapeToken(key)}`;
          const before = seen.get(key);
          if (before !== undefined) out.push({ pointer: child, firstOffset: before, lastOffset: at });
          seen.set(key, at);
          at = closingQuote(this.text, at) + 1; // to the value, past the key and the colon
          while (this.text.charCodeAt(at) !== 58) at++;
          at++;
        } else {
          child = `${pointer}/${index++}`;
        }
        if (this.ends[c]! > c + 1) {
          while (/\s/.test(this.text[at]!)) at++;
          walk(c, child, this.text.charCodeAt(at) === 91);
        }
      }
    };
    if (this.count > 1) walk(0, '', this.text.charCodeAt(this.offsets[0]!) === 91);
    return out;
  }

  childrenOf(node: number, value: object): Int32Array | Map<string, number> {
    let children = this.children.get(node);
    if (children) return children;
    const first = node + 1;
    const end = this.ends[node]!;
    if (Array.isArray(value)) {
      const list = new Int32Array(value.length);
      for (let c = first, i = 0; c < end; c = this.ends[c]!, i++) list[i] = c;
      children = list;
    } else {
      const byKey = new Map<string, number>();
      for (let c = first; c < end; c = this.ends[c]!) byKey.set(this.keyAt(c), c);
      children = byKey;
    }
    this.children.set(node, children);
    return children;
  }

  /** The key of a member node, read from the text at its offset (unescaped). */
  keyAt(node: number): string {
    const start = this.offsets[node]!;
    const end = closingQuote(this.text, start);
    const raw = this.text.slice(start + 1, end);
    return raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
  }
}

/** Offset of the quote closing the string that opens at `at`. */
function closingQuote(text: string, at: number): number {
  let j = text.indexOf('"', at + 1);
  for (;;) {
    let k = j - 1;
    while (text.charCodeAt(k) === BACKSLASH) k--;
    if ((j - 1 - k) % 2 === 0) return j; // an even run of backslashes: the quote is not escaped
    j = text.indexOf('"', j + 1);
  }
}

export function scanStrictJson(text: string): { value: unknown; offsets: PositionIndex; duplicates: DuplicateKey[] } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const n = text.length;
  let offsets = new Int32Array(Math.max(64, n >> 5));
  let ends = new Int32Array(offsets.length);
  let count = 0;
  const add = (offset: number): number => {
    if (count === offsets.length) {
      const more = new Int32Array(offsets.length * 2);
      more.set(offsets);
      offsets = more;
      const moreEnds = new Int32Array(ends.length * 2);
      moreEnds.set(ends);
      ends = moreEnds;
    }
    offsets[count] = offset;
    return count++;
  };
  let i = 0;
  let keys = 0;

  const ws = () => {
    let c = text.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++i);
  };
  /** The value at i, whose node the caller added; adds a node per member and element inside it. */
  const value_ = (depth: number): boolean => {
    if (depth > MAX_DEPTH) return false;
    const c = text.charCodeAt(i);
    if (c === 123) {
      i++;
      ws();
      if (text.charCodeAt(i) === 125) return i++, true;
      for (;;) {
        ws();
        const node = add(i);
        i = closingQuote(text, i) + 1;
        keys++;
        ws();
        i++; // colon
        ws();
        if (!value_(depth + 1)) return false;
        ends[node] = count;
        ws();
        if (text.charCodeAt(i++) === 125) return true; // else a comma
      }
    }
    if (c === 91) {
      i++;
      ws();
      if (text.charCodeAt(i) === 93) return i++, true;
      for (;;) {
        ws();
        const node = add(i);
        if (!value_(depth + 1)) return false;
        ends[node] = count;
        ws();
        if (text.charCodeAt(i++) === 93) return true;
      }
    }
    if (c === QUOTE) {
      i = closingQuote(text, i) + 1;
      return true;
    }
    // number, true, false, null: up to the next delimiter
    let d = text.charCodeAt(i);
    while (i < n && d !== 44 && d !== 93 && d !== 125 && d !== 32 && d !== 10 && d !== 13 && d !== 9) d = text.charCodeAt(++i);
    return true;
  };

  ws();
  const root = add(i);
  if (!value_(0)) return null;
  ends[root] = count;
  const positions = new StrictPositions(text, value, offsets, ends, count);
  // JSON.parse keeps one member per name: fewer keys in the value than in the text means repeated ones.
  return { value, offsets: positions, duplicates: keys === countKeys(value) ? [] : positions.duplicates() };
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
