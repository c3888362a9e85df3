// Each test file runs with a temp dir of its own (TMPDIR, which os.tmpdir() and every command a
// test starts read), made here before the file and checked after it: whatever the file's tests
// made there and did not remove fails the file, named. Other processes' temp entries (other
// workers, other runs on the machine) land elsewhere, so only this file's own count.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

// What a tool keeps in the temp dir under a fixed name, across runs by design, is no test's
// leftover: pnpm turns on Node's compile cache (<temp dir>/node-compile-cache); testcontainers
// takes its reaper's lock in testcontainers-node-<uid>.lock (no reaper is shared here: the harness
// turns Ryuk off, src/engine/docker.ts, so a lock of the file's own guards nothing of others).
const toolFiles = [/^node-compile-cache$/, /^testcontainers-node-[\w-]+\.lock$/];

const outer = process.env.TMPDIR;
// Named as the harness names its temp folders (src/temp-folder.ts): a worker that is killed leaves
// it to the next run's sweep.
const own = mkdtempSync(path.join(tmpdir(), `lab-test.${process.pid}-`));
process.env.TMPDIR = own;

// Registered before the file's own hooks, so it runs after them (vitest runs after-hooks as a stack).
afterAll(() => {
  if (outer === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = outer;
  const left = readdirSync(own)
    .filter((name) => !toolFiles.some((tool) => tool.test(name)))
    .sort();
  // Removed either way: the check itself leaves nothing behind.
  rmSync(own, { recursive: true, force: true });
  if (left.length > 0) throw new Error(`left ${left.length} temporary entr${left.length === 1 ? 'y' : 'ies'} behind in the temp dir: ${left.join(', ')}`);
});
