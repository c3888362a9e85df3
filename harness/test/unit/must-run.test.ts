// A suite that must run (a forkable app's fork suite) fails when one of its tests skips: shown
// on a real vitest run of a fixture whose test skips.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { spawningTestTimeoutMs } from '../../src/limits.ts';
import { fromRepo } from '../../src/paths.ts';

const run = promisify(execFile);

it(
  'a suite that must run fails, naming the test that skipped',
  async () => {
    const fixture = fromRepo('harness/test/fixtures/vitest-report');
    const result = await run(
      process.execPath,
      [fromRepo('node_modules/vitest/vitest.mjs'), 'run', '--root', fixture, '--config', path.join(fixture, 'must-run.config.ts')],
      {
        cwd: fixture,
        env: { ...process.env, LAB_TEST_RESULTS: '', NO_COLOR: '1' },
      },
    ).then(
      (ok) => ({ code: 0, output: ok.stdout + ok.stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'fixture-app is forkable (its catalogue entry says so), but 1 of its test(s) skipped: docker compose up brings the production service up healthy',
    );
  },
  spawningTestTimeoutMs,
);
