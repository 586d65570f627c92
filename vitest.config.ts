import { defineConfig } from 'vitest/config';

// Property tests read XSNN_FC_SEED (pinned in CI by .ci/run) through test/_support/fc.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/_support/plainSummaryReporter.ts'],
  },
});
