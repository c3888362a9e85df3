import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // scripts/ is not in the Docker build context (see .dockerignore): its test runs in the workspace only.
    include: ['test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Tests listen on ephemeral loopback ports; nothing is shared between files.
    environment: 'node',
    testTimeout: 10_000,
    // The usual output, then the failing tests' names as the last lines (see the file).
    // In the lab's workspace, `pnpm test` sets LAB_TEST_RESULTS: a JSON report there feeds CI's count.
    reporters: [
      'default',
      './test/support/failures-last.ts',
      ...(process.env.LAB_TEST_RESULTS ? [['json', { outputFile: `${process.env.LAB_TEST_RESULTS}/node-api-test-unit.json` }] satisfies ['json', object]] : []),
    ],
  },
});
