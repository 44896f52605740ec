import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonTolerant } from '../../src/load/parse-json.js';
import { scanStrictJson } from '../../src/load/scan-positions.js';
import { checkFastPath, jsonFilesUnder } from '../helpers/strict-json.js';

const root = path.resolve(__dirname, '../..');

describe('the strict-JSON fast path', () => {
  // The corpus suite (test/corpus/scan-positions.test.ts) runs the same check on every JSON file of the corpus.
  it('gives the value and every position the full parser gives, on every JSON file of the examples and tests', () => {
    const files = jsonFilesUnder([path.join(root, 'examples'), path.join(root, 'test')]);
    expect(checkFastPath(files)).toBeGreaterThan(300);
  });

  it('declines comments and trailing commas', () => {
    expect(scanStrictJson('{"a": 1 // c\n}')).toBeNull();
    expect(scanStrictJson('[1, 2,]')).toBeNull();
  });

  it('finds duplicate keys as the full parser does, a key written two ways included', () => {
    for (const text of ['{"a": 1, "a": 2}', '{"a": {"b": 1, "b": 1}}', '{"a\\u0062": 1, "ab": 2}', '[{"x": [1, {"y": 0, "y": 1}], "x": 2}]']) {
      const fast = scanStrictJson(text)!;
      const full = parseJsonTolerant(text);
      expect(fast.duplicates.length, text).toBeGreaterThan(0);
      expect(fast.duplicates, text).toEqual(full.duplicates);
      expect(fast.value, text).toEqual(full.value);
      const sorted = (entries: Array<[string, number]>) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      expect(sorted([...fast.offsets]), text).toEqual(sorted([...full.offsets]));
    }
  });

  it('records positions past escaped quotes, backslashes and nested structures', () => {
    const text = '{"k\\"ey": "v\\\\", "arr": [ "x\\"", {"__proto__": 1}, [ ] ], "n": -1.5e3, "t": true}';
    const r = scanStrictJson(text)!;
    expect(r).not.toBeNull();
    expect([...r.offsets]).toEqual([...parseJsonTolerant(text).offsets]);
    expect(r.offsets.get('/arr/1/__proto__')).toBe(text.indexOf('"__proto__"'));
    expect(r.offsets.get('/k"ey')).toBe(1);
  });

  it('answers undefined for every pointer the value does not hold (the caller then asks for the parent)', () => {
    const text = '{"a": [10, {"b~c/d": null}], "s": "x", "0": 1}';
    const r = scanStrictJson(text)!;
    expect(r.offsets.get('/a/1/b~0c~1d')).toBe(text.indexOf('"b~c/d"'));
    expect(r.offsets.get('/0')).toBe(text.indexOf('"0"'));
    for (const absent of ['/nope', '/a/2', '/a/01', '/a/-', '/a/x', '/s/0', '/a/0/x', '/constructor', '/a/length', 'a', '/a/1/b~c/d']) {
      expect(r.offsets.get(absent), absent).toBeUndefined();
    }
  });
});
