/** Shared helpers for the loader tests (not a test file itself: vitest only runs *.test.ts). */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadInputs, DEFAULT_MAX_FILE_BYTES, type LoadResult } from '../../src/load/load-inputs.js';
import type { InputRecord } from '../../src/load/types.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixtures = 'test/load/fixtures';

export async function load(inputs: string[], cwd = repoRoot): Promise<LoadResult> {
  return loadInputs(inputs, { cwd, maxFileBytes: DEFAULT_MAX_FILE_BYTES });
}

/** The record of one input; fails the test when it is missing or present twice. */
export function recordOf(result: LoadResult, file: string): InputRecord {
  const matches = result.inputs.filter((i) => i.path === file);
  expect(matches, `input record for ${file} (have: ${result.inputs.map((i) => i.path).join(', ')})`).toHaveLength(1);
  return matches[0]!;
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** 1-based line and column (UTF-16 code units) of a character offset, computed independently of src/load/line-index.ts. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  if (offset < 0) throw new Error('offset < 0: the needle was not found');
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line, column: offset - (lastBreak + 1) + 1 };
}

/** Position of the n-th (0-based) occurrence of a needle, plus `shift` characters (e.g. to skip `"key": `). */
export function positionOf(text: string, needle: string, occurrence = 0, shift = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`needle ${JSON.stringify(needle)} #${occurrence} not found`);
  }
  return lineColumn(text, at + shift);
}

export function readFixture(relative: string): string {
  return fs.readFileSync(path.join(repoRoot, relative), 'utf8');
}
