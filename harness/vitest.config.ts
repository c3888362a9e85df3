import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs no engine and runs in seconds; `contract` builds real
// images on a real engine, so it runs one file at a time (2 cores) with long timeouts.
export default defineConfig({
  test: {
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
