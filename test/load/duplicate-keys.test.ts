/**
 * Duplicate keys (issue 13: 200 000 of them took minutes, because each one rescanned every recorded position). The
 * parser now deletes the positions of a discarded value by walking the stretch of its log that value wrote, once. This
 * checks, on generated JSON full of repeated keys at every depth, that the result is exactly the documented one: the
 * value JSON.parse gives (last wins), a position for every pointer of that value and for nothing else (the position of
 * the last occurrence), and one duplicate report per repeated key in text order, naming the occurrence before it.
 * The time it takes is measured by `npm run bench:grow`, not here.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DUPLICATE_WARNINGS } from '../../src/load/load-inputs.js';
import { parseJson, parseJsonTolerant } from '../../src/load/parse-json.js';
import { load } from './helpers.js';
import { escapeToken } from '../../src/load/pointer.js';

type Raw = { t: 'obj'; members: Array<[string, Raw]> } | { t: 'arr'; items: Raw[] } | { t: 'num'; v: number };

const raw: fc.Arbitrary<Raw> = fc.letrec<{ node: Raw }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ t: fc.constant('num' as const), v: fc.nat(99) }),
    fc.record({ t: fc.constant('arr' as const), items: fc.array(tie('node'), { maxLength: 3 }) }),
    // Three key names (one needing a pointer escape), so repeats are common.
    fc.record({ t: fc.constant('obj' as const), members: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c/d'), tie('node')), { maxLength: 5 }) }),
  ),
})).node;

interface Expected {
  text: string;
  offsets: Array<[string, number]>;
  duplicates: Array<{ pointer: string; firstOffset: number; lastOffset: number }>;
}

/** Writes the text and works out, independently of the parser, what it must report. */
function expectationsOf(root: Raw): Expected {
  let text = '// a comment: the tolerant parser, not the strict fast path\n';
  const duplicates: Expected['duplicates'] = [];
  // Each node's own position (member: its key; element and root: its value), and its final pointer map.
  const write = (node: Raw, pointer: string): Map<string, number> => {
    const live = new Map<string, number>();
    if (node.t === 'num') {
      text += String(node.v);
      return live;
    }
    if (node.t === 'arr') {
      text += '[';
      node.items.forEach((item, i) => {
        if (i > 0) text += ', ';
        const child = `${pointer}/${i}`;
        live.set(child, text.length);
        for (const [p, o] of write(item, child)) live.set(p, o);
      });
      text += ']';
      return live;
    }
    text += '{';
    const last = new Map<string, { keyOffset: number; inner: Map<string, number> }>();
    node.members.forEach(([key, value], i) => {
      if (i > 0) text += ', ';
      const child = `${pointer}/${escapeToken(key)}`;
      const keyOffset = text.length;
      const before = last.get(key);
      if (before) duplicates.push({ pointer: child, firstOffset: before.keyOffset, lastOffset: keyOffset });
      text += `${JSON.stringify(key)}: `;
      last.set(key, { keyOffset, inner: write(value, child) });
    });
    text += '}';
    // Last one wins; members in the order JSON.parse keeps them (first appearance).
    for (const [key, { keyOffset, inner }] of last) {
      live.set(`${pointer}/${escapeToken(key)}`, keyOffset);
      for (const [p, o] of inner) live.set(p, o);
    }
    return live;
  };
  const start = text.length;
  const inner = write(root, '');
  const offsets = new Map<string, number>([['', start], ...inner]);
  return { text, offsets: [...offsets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), duplicates };
}

describe('duplicate keys', () => {
  it('generated JSON with repeated keys at every depth: value, positions and duplicate reports as specified', () => {
    fc.assert(
      fc.property(raw, (root) => {
        const expected = expectationsOf(root);
        const parsed = parseJsonTolerant(expected.text);
        expect(parsed.value).toEqual(JSON.parse(expected.text.slice(expected.text.indexOf('\n') + 1)));
        expect([...parsed.offsets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(expected.offsets);
        expect(parsed.duplicates).toEqual(expected.duplicates);
        // Without the comment the text is strict JSON: the fast path must say the same (positions shift by the comment).
        const strictText = expected.text.slice(expected.text.indexOf('\n') + 1);
        const shift = expected.text.length - strictText.length;
        const fast = parseJson(strictText);
        expect(fast.value).toEqual(parsed.value);
        expect([...fast.offsets].map(([p, o]) => [p, o + shift]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))).toEqual(expected.offsets);
        expect(fast.duplicates.map((d) => ({ ...d, firstOffset: d.firstOffset + shift, lastOffset: d.lastOffset + shift }))).toEqual(expected.duplicates);
      }),
      { seed: 13, numRuns: 2000 },
    );
  });

  it('a key repeated three times around nested values: only the last value\'s positions remain', () => {
    const text = '{"a": {"x": [1, {"y": 2}]}, "b": 0, "a": {"z": 1}, "a": 5}';
    const parsed = parseJsonTolerant(text);
    expect([...parsed.offsets].map(([pointer]) => pointer).sort()).toEqual(['', '/a', '/b']);
    expect(parsed.offsets.get('/a')).toBe(text.lastIndexOf('"a"'));
    expect(parsed.duplicates.map((d) => [d.pointer, d.firstOffset, d.lastOffset])).toEqual([
      ['/a', 1, text.indexOf('"a": {"z"')],
      ['/a', text.indexOf('"a": {"z"'), text.lastIndexOf('"a"')],
    ]);
  });

  it('200 000 duplicates of one key: every one reported, one position kept (both parsers)', () => {
    const members = Array.from({ length: 200_000 }, (_, i) => `"k": {"v${i % 3}": ${i}}`).join(',');
    for (const parsed of [parseJsonTolerant(`{${members}}`), parseJson(`{${members}}`)]) {
      expect(parsed.duplicates).toHaveLength(199_999);
      expect([...parsed.offsets].map(([pointer]) => pointer).sort()).toEqual(['', '/k', '/k/v1']);
      expect(parsed.value).toEqual({ k: { v1: 199_999 } });
    }
  });

  it(`the loader names ${MAX_DUPLICATE_WARNINGS} duplicates of a file one by one and counts the rest in one warning`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calint-dup-'));
    const copies = Array.from({ length: 150 }, (_, i) => `  "description": "copy ${i}",`).join('\n');
    fs.writeFileSync(path.join(dir, 'p.json'), `{\n${copies}\n  "displayName": "p", "state": "enabled", "conditions": {}\n}\n`);
    const r = await load(['p.json'], dir);
    const warnings = r.warnings.filter((w) => w.code === 'duplicate-key');
    expect(warnings).toHaveLength(MAX_DUPLICATE_WARNINGS + 1);
    // Each at its own repeated key: lines 3, 4, … (line 2 holds the first copy).
    expect(warnings.slice(0, 3).map((w) => [w.pointer, w.line, w.column, w.message])).toEqual(
      [3, 4, 5].map((line) => ['/description', line, 3, `duplicate key "description" (first at line ${line - 1}); the last one wins, as in JSON.parse`]),
    );
    expect(warnings.at(-1)).toMatchObject({
      pointer: null,
      message: '49 more duplicate keys in this file (149 in all; the first 100 are listed); the last of each wins',
    });
  });
});
