/**
 * Tolerant JSON parsing (comments, trailing commas) that records, while parsing, where every value sits:
 * a JSON pointer -> character offset map. Duplicate keys keep the last value, as JSON.parse does, and are reported.
 * Hand-written single pass: several times faster than a visitor-based parser on Graph exports. Strict JSON takes a
 * faster path still (scan-positions.ts: JSON.parse plus a scan for positions only, duplicate keys included).
 */
import { escapeToken } from './pointer.js';
import { LineIndex } from './line-index.js';
import { scanStrictJson, type DuplicateKey, type PositionIndex } from './scan-positions.js';

export type { DuplicateKey, PositionIndex } from './scan-positions.js';


export interface ParsedJson {
  value: unknown;
  /** pointer -> offset of the property key (object members) or of the value (array elements, root). */
  offsets: PositionIndex;
  duplicates: DuplicateKey[];
  hasComments: boolean;
  hasTrailingCommas: boolean;
  lines: LineIndex;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

const enum C {
  Tab = 9, Lf = 10, Cr = 13, Space = 32, Quote = 34, Plus = 43, Comma = 44, Minus = 45, Dot = 46, Slash = 47,
  Zero = 48, Nine = 57, Colon = 58, Star = 42, Backslash = 92, LBracket = 91, RBracket = 93, LBrace = 123, RBrace = 125,
  LowerE = 101, UpperE = 69, Bom = 0xfeff, Nbsp = 0xa0,
}

export function parseJson(text: string): ParsedJson {
  const fast = scanStrictJson(text);
  if (fast) return { value: fast.value, offsets: fast.offsets, duplicates: fast.duplicates, hasComments: false, hasTrailingCommas: false, lines: new LineIndex(text) };
  return parseJsonTolerant(text);
}

/** The full parser: comments, trailing commas, duplicate keys, precise syntax errors. parseJson uses it when needed. */
export function parseJsonTolerant(text: string): ParsedJson {
  const offsets = new Map<string, number>();
  const duplicates: DuplicateKey[] = [];
  // Every pointer recorded, in parse order: depth first, so the positions recorded inside a value follow its own.
  // When a duplicate key discards a value, they are deleted from `offsets` by walking that stretch of the log, each
  // entry at most once (`jump` leaps over entries already deleted): linear however many duplicates there are.
  const log: string[] = [];
  const jump: number[] = [];
  /** Member pointer -> log index where its (container) value's own positions begin. */
  const valueStart = new Map<string, number>();
  const record = (pointer: string, offset: number): void => {
    offsets.set(pointer, offset);
    log.push(pointer);
    jump.push(-1);
  };
  /** The first entry at or after `i` not yet deleted (path-compressing the jumps). */
  const live = (i: number): number => {
    let j = i;
    while (j < jump.length && jump[j] !== -1) j = jump[j]!;
    while (i < j && jump[i] !== -1) {
      const next = jump[i]!;
      jump[i] = j;
      i = next;
    }
    return j;
  };
  const discardInside = (pointer: string): void => {
    const start = valueStart.get(pointer);
    if (start === undefined) return; // the discarded value was a scalar: nothing recorded inside it
    const prefix = pointer + '/';
    for (let k = live(start); k < log.length && log[k]!.startsWith(prefix); k = live(k + 1)) {
      offsets.delete(log[k]!);
      jump[k] = k + 1;
    }
  };
  const n = text.length;
  let i = 0;
  let hasComments = false;
  let hasTrailingCommas = false;

  const fail = (reason: string, at = i): never => {
    throw new JsonSyntaxError(reason, Math.min(at, n));
  };

  const skip = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === C.Space || c === C.Lf || c === C.Cr || c === C.Tab || c === C.Bom || c === C.Nbsp) {
        i++;
      } else if (c === C.Slash) {
        const next = text.charCodeAt(i + 1);
        if (next === C.Slash) {
          hasComments = true;
          i += 2;
          while (i < n && text.charCodeAt(i) !== C.Lf && text.charCodeAt(i) !== C.Cr) i++;
        } else if (next === C.Star) {
          hasComments = true;
          const end = text.indexOf('*/', i + 2);
          if (end === -1) fail('unterminated comment');
          i = end + 2;
        } else {
          fail('unexpected character "/"');
        }
      } else {
        return;
      }
    }
  };

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let chunkStart = i;
    let out = '';
    for (;;) {
      if (i >= n) fail('unterminated string (truncated JSON?)', start);
      const c = text.charCodeAt(i);
      if (c === C.Quote) {
        out += text.slice(chunkStart, i);
        i++;
        return out;
      }
      if (c === C.Backslash) {
        out += text.slice(chunkStart, i);
        const e = text[i + 1];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = text.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid unicode escape', i);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            fail(e === undefined ? 'unterminated string (truncated JSON?)' : `invalid escape character "\\${e}"`, i);
        }
        i += 2;
        chunkStart = i;
        continue;
      }
      if (c < 0x20) fail(c === C.Lf || c === C.Cr ? 'unterminated string: line break inside a string' : 'control character inside a string', i);
      i++;
    }
  };

  const parseNumber = (): number => {
    const start = i;
    if (text.charCodeAt(i) === C.Minus) i++;
    let c = text.charCodeAt(i);
    if (c === C.Zero) i++;
    else if (c >= 49 && c <= C.Nine) while ((c = text.charCodeAt(i)) >= C.Zero && c <= C.Nine) i++;
    else fail('invalid number', start);
    if (text.charCodeAt(i) === C.Dot) {
      i++;
      if (!((c = text.charCodeAt(i)) >= C.Zero && c <= C.Nine)) fail('invalid number', start);
      while ((c = text.charCodeAt(i)) >= C.Zero && c <= C.Nine) i++;
    }
    c = text.charCodeAt(i);
    if (c === C.LowerE || c === C.UpperE) {
      i++;
      c = text.charCodeAt(i);
      if (c === C.Plus || c === C.Minus) i++;
      if (!((c = text.charCodeAt(i)) >= C.Zero && c <= C.Nine)) fail('invalid number', start);
      while ((c = text.charCodeAt(i)) >= C.Zero && c <= C.Nine) i++;
    }
    return Number(text.slice(start, i));
  };

  const parseValue = (pointer: string, depth: number): unknown => {
    if (depth > 512) fail('nesting deeper than 512 levels');
    skip();
    if (i >= n) fail('value expected (truncated JSON?)');
    const c = text.charCodeAt(i);
    if (c === C.LBrace) return parseObject(pointer, depth);
    if (c === C.LBracket) return parseArray(pointer, depth);
    if (c === C.Quote) return parseString();
    if (c === C.Minus || (c >= C.Zero && c <= C.Nine)) return parseNumber();
    if (text.startsWith('true', i)) return (i += 4), true;
    if (text.startsWith('false', i)) return (i += 5), false;
    if (text.startsWith('null', i)) return (i += 4), null;
    return fail(`unexpected ${describeAt(text, i)}: value expected`);
  };

  const parseObject = (pointer: string, depth: number): Record<string, unknown> => {
    const obj: Record<string, unknown> = {};
    let members = 0;
    i++; // {
    skip();
    if (text.charCodeAt(i) === C.RBrace) {
      i++;
      return obj;
    }
    for (;;) {
      skip();
      if (i >= n) fail('closing brace "}" expected (truncated JSON?)');
      if (text.charCodeAt(i) !== C.Quote) {
        if (text.charCodeAt(i) === C.RBrace && members > 0) {
          hasTrailingCommas = true;
          i++;
          return obj;
        }
        fail(`unexpected ${describeAt(text, i)}: property name expected`);
      }
      const keyOffset = i;
      const key = parseString();
      const childPointer = pointer + '/' + escapeToken(key);
      // A key seen before in this object: its first offset is still the one recorded for its pointer.
      if (Object.hasOwn(obj, key)) {
        duplicates.push({ pointer: childPointer, firstOffset: offsets.get(childPointer) ?? keyOffset, lastOffset: keyOffset });
        // The first value is discarded: so are the positions recorded inside it.
        discardInside(childPointer);
        valueStart.delete(childPointer);
      }
      members++;
      record(childPointer, keyOffset);
      skip();
      if (text.charCodeAt(i) !== C.Colon) fail(i >= n ? 'colon expected (truncated JSON?)' : `unexpected ${describeAt(text, i)}: colon expected`);
      i++;
      skip();
      const open = text.charCodeAt(i);
      if (open === C.LBrace || open === C.LBracket) valueStart.set(childPointer, log.length);
      const value = parseValue(childPointer, depth + 1);
      if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
      else obj[key] = value;
      skip();
      const d = text.charCodeAt(i);
      if (d === C.Comma) {
        i++;
        continue;
      }
      if (d === C.RBrace) {
        i++;
        return obj;
      }
      fail(i >= n ? 'closing brace "}" expected (truncated JSON?)' : `unexpected ${describeAt(text, i)}: comma or "}" expected`);
    }
  };

  const parseArray = (pointer: string, depth: number): unknown[] => {
    const arr: unknown[] = [];
    i++; // [
    skip();
    if (text.charCodeAt(i) === C.RBracket) {
      i++;
      return arr;
    }
    for (;;) {
      skip();
      if (text.charCodeAt(i) === C.RBracket && arr.length > 0) {
        hasTrailingCommas = true;
        i++;
        return arr;
      }
      if (i >= n) fail('closing bracket "]" expected (truncated JSON?)');
      const childPointer = pointer + '/' + arr.length;
      record(childPointer, i);
      arr.push(parseValue(childPointer, depth + 1));
      skip();
      const d = text.charCodeAt(i);
      if (d === C.Comma) {
        i++;
        continue;
      }
      if (d === C.RBracket) {
        i++;
        return arr;
      }
      fail(i >= n ? 'closing bracket "]" expected (truncated JSON?)' : `unexpected ${describeAt(text, i)}: comma or "]" expected`);
    }
  };

  skip();
  if (i >= n) fail('empty file: no JSON value', 0);
  record('', i);
  const value = parseValue('', 0);
  skip();
  if (i < n) fail(`unexpected ${describeAt(text, i)} after the JSON value (end of file expected)`);
  return { value, offsets, duplicates, hasComments, hasTrailingCommas, lines: new LineIndex(text) };
}

function describeAt(text: string, i: number): string {
  const ch = text[i];
  if (ch === undefined) return 'end of file';
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 30));
  return word ? `"${word[0]}"` : `character ${JSON.stringify(ch)}`;
}
