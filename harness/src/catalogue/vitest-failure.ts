// The `--target test` claim for an app tested with vitest: a test that fails on purpose is
// written into a copy of the context, and the build must fail naming it (the apps' reporter,
// test/support/failures-last.ts, prints failing tests' names as the log's last lines).
import type { TestTarget } from './check-options.ts';

const title = 'injected failure: written by the harness to fail the build';

export function vitestTestTarget(target: string, file = 'test/injected-failure.test.ts'): TestTarget {
  return {
    target,
    failingTest: {
      file,
      contents: ["import { expect, it } from 'vitest';", '', `it('${title}', () => {`, '  expect(1 + 1).toBe(3);', '});', ''].join('\n'),
    },
    expectInError: title,
  };
}
