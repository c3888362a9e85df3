import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { contractHookTimeoutMs, contractTestTimeoutMs } from './src/limits.ts';

const resultsFile = (extension: string) =>
  path.resolve(process.env.LAB_TEST_RESULTS ?? '.', `harness-${(process.env.npm_lifecycle_event ?? 'vitest').replace(/[^a-z0-9-]/gi, '-')}.${extension}`);

// Two projects: `unit` needs no engine and runs in seconds; `contract` builds real
// images on a real engine, so it runs one file at a time (2 cores) with long timeouts.
export default defineConfig({
  test: {
    // With LAB_TEST_RESULTS set (pnpm test does: the root's .cache/test-results), a JSON report
    // feeds CI's closing line (harness/src/cli/test-summary.ts); it is the task's turbo output,
    // named <package>-<task>.json (turbo.json), so a replayed task restores it.
    // Beside it, why each skipped test was skipped (test/support/skip-notes.ts), for the same line.
    reporters: process.env.LAB_TEST_RESULTS
      ? ['default', ['json', { outputFile: resultsFile('json') }], ['./test/support/skip-notes.ts', { outputFile: resultsFile('skips.json') }]]
      : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          globalSetup: ['test/contract/global-setup.ts'],
          // After each test and file, whatever a timed-out test left building is cancelled.
          setupFiles: ['test/contract/cancel-builds.ts'],
          fileParallelism: false,
          // From src/limits.ts: longer than the builds a test or hook runs, so no build outlives its test.
          testTimeout: contractTestTimeoutMs,
          hookTimeout: contractHookTimeoutMs,
        },
      },
    ],
  },
});
