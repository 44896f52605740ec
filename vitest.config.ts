import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The unit suite (`npm test`): everything under test/ except the corpus suite (vitest.corpus.config.ts) and the
 * CI-integration suites (vitest.ci.config.ts).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/corpus/**', 'test/ci/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
