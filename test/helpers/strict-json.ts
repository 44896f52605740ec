/**
 * The check behind the strict-JSON fast path tests: on real files, scanStrictJson gives the value and every position
 * (and duplicate keys) the full parser gives, or declines for a reason the full parser has to report. Used by the unit suite on the
 * repository's own JSON and by the corpus suite on the corpus.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { walkFolder } from '../../src/load/discover.js';
import { decodeText } from '../../src/load/decode.js';
import { parseJsonTolerant } from '../../src/load/parse-json.js';
import { scanStrictJson } from '../../src/load/scan-positions.js';

export function jsonFilesUnder(folders: string[]): string[] {
  return folders.flatMap((f) => walkFolder(f)).filter((f) => f.endsWith('.json'));
}

/** Checks every file; returns how many went through the fast path. */
export function checkFastPath(files: string[]): number {
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
      expect(full.hasComments || full.hasTrailingCommas || /^\uFEFF/.test(text) || (() => { try { JSON.parse(text); return false; } catch { return true; } })(), file).toBe(true);
      continue;
    }
    fast++;
    expect(scanned.value, file).toEqual(full.value);
    expect(scanned.duplicates, file).toEqual(full.duplicates);
    // In document order; where keys repeat, the full parser's map keeps a repeated key at its first place.
    const order = (entries: Array<[string, number]>) => (full.duplicates.length > 0 ? entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : entries);
    expect(order([...scanned.offsets]), file).toEqual(order([...full.offsets]));
    // The fast path answers lookups by walking the pointer (it builds no map): every pointer, one by one.
    for (const [pointer, offset] of full.offsets) if (scanned.offsets.get(pointer) !== offset) expect(scanned.offsets.get(pointer), `${file} ${pointer}`).toBe(offset);
  }
  return fast;
}
