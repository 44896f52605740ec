import { describe, expect, it } from 'vitest';
import { corpusDir } from '../helpers/corpus.js';
import { checkFastPath, jsonFilesUnder } from '../helpers/strict-json.js';

describe('the strict-JSON fast path on the corpus', () => {
  it('gives the value and every position the full parser gives, on every JSON file of the corpus', () => {
    const files = jsonFilesUnder([corpusDir()]);
    expect(files.length).toBeGreaterThan(200);
    expect(checkFastPath(files)).toBeGreaterThan(150);
  });
});
