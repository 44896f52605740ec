/**
 * The corpus suite (`npm run test:corpus`): the tests that read the real-world corpus of exports kept outside the
 * repository (CALINT_CORPUS, default ../shared/corpus). Without the corpus it stops at once with one line.
 */
import { defineConfig } from 'vitest/config';
import { corpusDir, corpusProblem } from './test/helpers/corpus.js';

const problem = corpusProblem(corpusDir());
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}

export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
