import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // scripts/ is not in the Docker build context (see .dockerignore): its test runs in the workspace only.
    include: ['test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Tests listen on ephemeral loopback ports; nothing is shared between files.
    environment: 'node',
    testTimeout: 10_000,
    // The usual output, then the failing tests' names as the last lines (see the file).
    reporters: ['default', './test/support/failures-last.ts'],
  },
});
