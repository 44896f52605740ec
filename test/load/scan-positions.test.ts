import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkFolder } from '../../src/load/discover.js';
import { decodeText } from '../../src/load/decode.js';
import { parseJsonTolerant } from '../../src/load/parse-json.js';
import { scanStrictJson } from '../../src/load/scan-positions.js';

const root = path.resolve(__dirname, '../..');
const folders = [path.join(root, '../shared/corpus'), path.join(root, 'examples'), path.join(root, 'test')];
const files = folders.flatMap((f) => walkFolder(f)).filter((f) => f.endsWith('.json'));

describe('the strict-JSON fast path', () => {
  it('gives the value and every position the full parser gives, on every JSON file of the corpus, examples and tests', () => {
    let fast = 0;
    for (const file of files) {
      let text: string;
      try {
        text = decodeText(readFileSync(file)).text;
      } catch {
        continue;
      }
      let full;
      try {
        full = parseJsonTolerant(text);
      } catch {
        expect(scanStrictJson(text), file).toBeNull();
        continue;
      }
      const scanned = scanStrictJson(text);
      if (!scanned) {
        // Declined only for what the full parser has to report, or what JSON.parse rejects.
        expect(full.duplicates.length > 0 || full.hasComments || full.hasTrailingCommas || /^\uFEFF/.test(text) || (() => { try { JSON.parse(text); return false; } catch { return true; } })(), file).toBe(true);
        continue;
      }
      fast++;
      expect(scanned.value, file).toEqual(full.value);
      expect([...scanned.offsets], file).toEqual([...full.offsets]);
    }
    expect(fast).toBeGreaterThan(300);
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
