// Each test file runs with a temp dir of its own (TMPDIR, which os.tmpdir() and every command a
// test starts read), made here before the file and checked after it: whatever the file's tests
// made there and did not remove fails the file, named. Other processes' temp entries (other
// workers, other runs on the machine) land elsewhere, so only this file's own count.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

// A tool's cache, kept in the temp dir across runs by design, is no test's leftover: pnpm turns on
// Node's compile cache, which lives in <temp dir>/node-compile-cache.
const toolCaches = new Set(['node-compile-cache']);

const outer = process.env.TMPDIR;
const own = mkdtempSync(path.join(tmpdir(), 'lab-test-tmp-'));
process.env.TMPDIR = own;

// Registered before the file's own hooks, so it runs after them (vitest runs after-hooks as a stack).
afterAll(() => {
  if (outer === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = outer;
  const left = readdirSync(own)
    .filter((name) => !toolCaches.has(name))
    .sort();
  // Removed either way: the check itself leaves nothing behind.
  rmSync(own, { recursive: true, force: true });
  if (left.length > 0) throw new Error(`left ${left.length} temporary entr${left.length === 1 ? 'y' : 'ies'} behind in the temp dir: ${left.join(', ')}`);
});
