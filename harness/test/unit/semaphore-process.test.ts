// The semaphore's settle time keeps its process going: a job queued behind a settling slot runs
// before the process may end (an unref'd timer let the forge's process exit 13, "unsettled
// top-level await", with its last builds still queued).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('runs the job queued behind a settling slot before its process ends', async () => {
  const script = path.resolve(import.meta.dirname, '../fixtures/semaphore/last-jobs.ts');
  const { stdout } = await run(process.execPath, [script], { timeout: 30_000 });
  expect(stdout).toBe('first\nlast\nboth ran\n');
});
