/**
 * Where the real-world corpus is: `CALINT_CORPUS` (absolute, or relative to the repository root), else `../shared/corpus`
 * beside the repository. Only the corpus suite (`npm run test:corpus`, vitest.corpus.config.ts) reads it; the unit
 * suite (`npm test`) needs nothing beside the repository.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const DEFAULT_CORPUS = '../shared/corpus';

export function corpusDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(REPO_ROOT, env.CALINT_CORPUS || DEFAULT_CORPUS);
}

/** null when the corpus is there; otherwise the one line that says what is missing and how to point at it. */
export function corpusProblem(dir = corpusDir()): string | null {
  if (existsSync(dir) && statSync(dir).isDirectory()) return null;
  return `calint corpus suite: no corpus folder at ${dir} (set CALINT_CORPUS to the corpus folder, absolute or relative to ${REPO_ROOT})`;
}
