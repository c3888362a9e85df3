import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    // scripts/ is not in the Docker build context (see .dockerignore): its test runs in the workspace only.
    include: ['test/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'jsdom',
    setupFiles: ['./test/support/setup.ts'],
    testTimeout: 10_000,
    // The usual output, then the failing tests' names as the last lines (see the file).
    // In the lab's workspace, `pnpm test` sets LAB_TEST_RESULTS: a JSON report there feeds CI's count.
    reporters: [
      'default',
      './test/support/failures-last.ts',
      ...(process.env.LAB_TEST_RESULTS ? [['json', { outputFile: `${process.env.LAB_TEST_RESULTS}/react-spa-test-unit.json` }] satisfies ['json', object]] : []),
    ],
  },
});
