import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs no engine and runs in seconds; `contract` builds real
// images on a real engine, so it runs one file at a time (2 cores) with long timeouts.
export default defineConfig({
  test: {
    // With LAB_TEST_RESULTS set (pnpm test does), a JSON report feeds CI's closing line
    // (harness/src/cli/test-summary.ts).
    reporters: process.env.LAB_TEST_RESULTS
      ? ['default', ['json', { outputFile: `${process.env.LAB_TEST_RESULTS}/harness-${(process.env.npm_lifecycle_event ?? 'vitest').replace(/[^a-z0-9-]/gi, '-')}.json` }]]
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
          fileParallelism: false,
          testTimeout: 15 * 60_000,
          hookTimeout: 30 * 60_000,
        },
      },
    ],
  },
});
