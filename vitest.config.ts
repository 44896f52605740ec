import { configDefaults, defineConfig } from 'vitest/config';

/** The unit suite (`npm test`): everything under test/ except the corpus suite (vitest.corpus.config.ts). */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/corpus/**'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
