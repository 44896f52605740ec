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

  it('declines duplicate keys, comments, trailing commas and escaped keys it cannot tell apart', () => {
    expect(scanStrictJson('{"a": 1, "a": 2}')).toBeNull();
    expect(scanStrictJson('{"a": {"b": 1, "b": 1}}')).toBeNull();
    expect(scanStrictJson('{"a": 1 // c\n}')).toBeNull();
    expect(scanStrictJson('[1, 2,]')).toBeNull();
    expect(scanStrictJson('{"a\\u0062": 1, "ab": 2}')).toBeNull(); // the same key written two ways
  });

  it('records positions past escaped quotes, backslashes and nested structures', () => {
    const text = '{"k\\"ey": "v\\\\", "arr": [ "x\\"", {"__proto__": 1}, [ ] ], "n": -1.5e3, "t": true}';
    const r = scanStrictJson(text)!;
    expect(r).not.toBeNull();
    expect([...r.offsets]).toEqual([...parseJsonTolerant(text).offsets]);
    expect(r.offsets.get('/arr/1/__proto__')).toBe(text.indexOf('"__proto__"'));
  });
});
