// The check that no test file leaves a temp folder behind (test/support/own-temp-dir.ts), shown
// failing on a real vitest run of a fixture: the file that forgets its folder fails, naming it;
// the one that removes its own passes; and nothing is left in the temp dir the run was given.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { spawningTestTimeoutMs } from '../../src/limits.ts';
import { fromRepo } from '../../src/paths.ts';
import { testFolder } from '../support/temp-folder.ts';

const run = promisify(execFile);

it(
  'fails the file that leaves a temp folder behind, naming the folder, and leaves nothing itself',
  async () => {
    const fixture = fromRepo('harness/test/fixtures/temp-leak');
    const temp = await testFolder('lab-guard-');
    const result = await run(process.execPath, [fromRepo('node_modules/vitest/vitest.mjs'), 'run', '--root', fixture], {
      cwd: fixture,
      env: { ...process.env, TMPDIR: temp, LAB_TEST_RESULTS: '', NO_COLOR: '1' },
    }).then(
      (ok) => ({ code: 0, output: ok.stdout + ok.stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/FAIL {2}leaks\.test\.ts/);
    expect(result.output).toMatch(/left 1 temporary entry behind in the temp dir: forgotten-\w{6}\n/);
    expect(result.output).toMatch(/✓ tidy\.test\.ts/);
    expect(result.output).toMatch(/Test Files {2}1 failed \| 1 passed/);
    // Each file's own temp dir is gone, the forgotten folder in it too.
    expect(await readdir(temp)).toEqual([]);
  },
  spawningTestTimeoutMs,
);
