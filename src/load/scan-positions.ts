/**
 * The fast path of parseJson for strict JSON (what Graph and the admin center export): JSON.parse builds the value
 * natively, and this scanner only records where each member and element sits, jumping over string contents with
 * indexOf and building no values. It gives the same pointer -> offset map as the full parser. It declines (returns
 * null) whenever the full parser has something to say: text JSON.parse rejects (comments, trailing commas, a BOM, a
 * syntax error to report), duplicate keys (it counts the keys it passes against those the value holds), deep nesting.
 */
import { escapeToken, splitPointer } from './pointer.js';

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
    private readonly offsets: Int32Array,
    private readonly ends: Int32Array,
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

  *[Symbol.iterator](): Iterator<[string, number]> {
    // Preorder: a node's pointer is its parent's plus its index or key; the parsed value says which containers are arrays.
    const stack: Array<{ end: number; pointer: string; value: unknown; index: number }> = [];
    for (let node = 0; node < this.count; node++) {
      while (stack.length > 0 && stack.at(-1)!.end <= node) stack.pop();
      const parent = stack.at(-1);
      let pointer = '';
      let value = this.value;
      if (parent && Array.isArray(parent.value)) {
        pointer = `${parent.pointer}/${parent.index}`;
        value = parent.value[parent.index++];
      } else if (parent) {
        const key = this.keyAt(node);
        pointer = `${parent.pointer}/${escapeToken(key)}`;
        value = (parent.value as Record<string, unknown>)[key];
      }
      yield [pointer, this.offsets[node]!];
      if (this.ends[node]! > node + 1) stack.push({ end: this.ends[node]!, pointer, value, index: 0 });
    }
  }

  private childrenOf(node: number, value: object): Int32Array | Map<string, number> {
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
  private keyAt(node: number): string {
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

export function scanStrictJson(text: string): { value: unknown; offsets: PositionIndex } | null {
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
  if (keys !== countKeys(value)) return null;
  return { value, offsets: new StrictPositions(text, value, offsets, ends, count) };
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
