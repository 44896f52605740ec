/**
 * Mutations of real exports for the fuzz suites: each is a small descriptor (what to change, where) that fast-check
 * generates and shrinks, and `applyMutation` turns a seed file's bytes into the mutated bytes. Not a test file.
 */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'flip'; at: number[]; bytes: number[] }
  | { kind: 'truncate'; fraction: number }
  | { kind: 'wrong-type'; at: number; value: Replacement }
  | { kind: 'proto-key'; at: number; key: string; value: unknown }
  | { kind: 'encoding'; as: Encoding }
  | { kind: 'duplicate-key'; at: number }
  | { kind: 'wrap'; how: 'array' | 'value' | 'snapshot' | 'unwrap' | 'nested-value' };

type Encoding = 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'utf8-bom' | 'latin1' | 'nul' | 'invalid-utf8' | 'lone-surrogate' | 'utf32';

type Replacement =
  | { type: 'json'; value: unknown }
  | { type: 'huge-string'; chars: number }
  | { type: 'deep'; depth: number }
  | { type: 'big-array'; length: number }
  | { type: 'number-text'; text: string };

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'then'];

const replacement: fc.Arbitrary<Replacement> = fc.oneof(
  { weight: 6, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ type: 'json' as const, value })) },
  { weight: 2, arbitrary: fc.constantFrom(null, true, 0, -1, '', 'All', 'None', [], {}, ['All'], [null], [{}], 'enabled', '00000000-0000-0000-0000-000000000000').map((value) => ({ type: 'json' as const, value })) },
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 1_000_000 }).map((chars) => ({ type: 'huge-string' as const, chars })) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 5_000 }).map((depth) => ({ type: 'deep' as const, depth })) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 50_000 }).map((length) => ({ type: 'big-array' as const, length })) },
  { weight: 1, arbitrary: fc.constantFrom('1e400', '-1e400', '-0', '123456789012345678901234567890', '0.0000000000000000000001', '1E+2').map((text) => ({ type: 'number-text' as const, text })) },
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('wrong-type' as const), at: fc.nat(), value: replacement }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('proto-key' as const), at: fc.nat(), key: fc.constantFrom(...PROTO_KEYS), value: fc.jsonValue({ maxDepth: 2 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('encoding' as const),
      as: fc.constantFrom<Encoding>('utf16le-bom', 'utf16be-bom', 'utf16le', 'utf8-bom', 'latin1', 'nul', 'invalid-utf8', 'lone-surrogate', 'utf32'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-key' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), how: fc.constantFrom('array' as const, 'value' as const, 'snapshot' as const, 'unwrap' as const, 'nested-value' as const) }) },
);

/** Every value in a JSON document, as parent and key, in document order. */
function slots(root: unknown): Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> {
  const out: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), walk(x)));
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) (out.push({ parent: v as Record<string, unknown>, key: k }), walk((v as Record<string, unknown>)[k]));
  };
  walk(root);
  return out;
}

function objects(root: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      out.push(v as Record<string, unknown>);
      Object.values(v).forEach(walk);
    }
  };
  walk(root);
  return out;
}

const MARK = '\u0000calint-fuzz-raw\u0000';

/** A replacement as JSON text (some are not values JSON.stringify could write: 1e400, 5 000 levels deep). */
function replacementText(r: Replacement): string {
  switch (r.type) {
    case 'json':
      return JSON.stringify(r.value) ?? 'null';
    case 'huge-string':
      return JSON.stringify('x'.repeat(r.chars));
    case 'deep':
      return '['.repeat(r.depth) + ']'.repeat(r.depth);
    case 'big-array':
      return `[${Array.from({ length: r.length }, (_, i) => `"${i}"`).join(',')}]`;
    case 'number-text':
      return r.text;
  }
}

function setOwn(target: Record<string, unknown> | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function encode(text: string, as: Encoding): Buffer {
  switch (as) {
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16be-bom': {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    case 'latin1':
      return Buffer.from(text.replace(/"displayName": "/, '"displayName": "Ünïcødé '), 'latin1');
    case 'nul': {
      const b = Buffer.from(text);
      const at = Math.floor(b.length / 2);
      return Buffer.concat([b.subarray(0, at), Buffer.from([0]), b.subarray(at)]);
    }
    case 'invalid-utf8': {
      // Bytes no UTF-8 decoder accepts, inside a string value (or at the end when there is none).
      const b = Buffer.from(text);
      const at = b.indexOf('"displayName": "');
      const cut = at === -1 ? b.length : at + '"displayName": "'.length;
      return Buffer.concat([b.subarray(0, cut), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), b.subarray(cut)]);
    }
    case 'lone-surrogate':
      return Buffer.from(text.replace(/"displayName": "/, '"displayName": "\\ud800 \\udc00x '));
    case 'utf32': {
      const out = Buffer.alloc(text.length * 4);
      for (let i = 0; i < text.length; i++) out.writeUInt32LE(text.charCodeAt(i), i * 4);
      return Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), out]);
    }
  }
}

/** The seed's bytes with the mutation applied. A seed that is not JSON gets byte-level mutations only. */
export function applyMutation(seed: Buffer, m: Mutation): Buffer {
  if (m.kind === 'flip') {
    const b = Buffer.from(seed);
    if (b.length === 0) return b;
    m.at.forEach((p, i) => (b[p % b.length] = m.bytes[i % m.bytes.length]!));
    return b;
  }
  if (m.kind === 'truncate') return seed.subarray(0, Math.floor(seed.length * m.fraction));
  const text = seed.toString('utf8').replace(/^\uFEFF/, '');
  if (m.kind === 'encoding') return encode(text, m.as);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return seed;
  }
  switch (m.kind) {
    case 'wrong-type': {
      const all = slots(doc);
      if (all.length === 0) return Buffer.from(replacementText(m.value));
      const { parent, key } = all[m.at % all.length]!;
      setOwn(parent, key, MARK);
      return Buffer.from(JSON.stringify(doc, null, 2).replace(JSON.stringify(MARK), () => replacementText(m.value)));
    }
    case 'proto-key': {
      const all = objects(doc);
      if (all.length === 0) return seed;
      setOwn(all[m.at % all.length]!, m.key, m.value);
      return Buffer.from(JSON.stringify(doc, null, 2));
    }
    case 'duplicate-key': {
      const all = objects(doc).filter((o) => Object.keys(o).length > 0);
      if (all.length === 0) return seed;
      const target = all[m.at % all.length]!;
      const first = Object.keys(target)[0]!;
      const original = JSON.stringify(target[first]) ?? 'null';
      setOwn(target, first, MARK);
      // The key twice: a decoy value first, the original last (JSON's last-wins rule keeps the original).
      const twice = `${JSON.stringify(first)}: "decoy", ${JSON.stringify(first)}: ${original}`;
      return Buffer.from(JSON.stringify(doc, null, 2).replace(`${JSON.stringify(first)}: ${JSON.stringify(MARK)}`, () => twice));
    }
    case 'wrap': {
      const value = (doc as { value?: unknown })?.value;
      const wrapped =
        m.how === 'array' ? [doc] : m.how === 'value' ? { value: doc } : m.how === 'snapshot' ? { kind: 'calint-snapshot', policies: doc } : m.how === 'nested-value' ? { value: { value: doc } } : (value ?? doc);
      return Buffer.from(JSON.stringify(wrapped, null, 2));
    }
  }
}

/** A short label for the tallies in the suite's summary. */
export function mutationLabel(m: Mutation): string {
  switch (m.kind) {
    case 'wrong-type':
      return `wrong-type:${m.value.type}`;
    case 'encoding':
      return `encoding:${m.as}`;
    case 'wrap':
      return `wrap:${m.how}`;
    case 'proto-key':
      return `proto-key:${m.key}`;
    default:
      return m.kind;
  }
}
