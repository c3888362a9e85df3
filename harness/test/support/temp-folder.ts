// A temp folder for one test, removed when that test finishes, whether it passed, failed or threw
// midway: the test that makes it needs no try/finally of its own.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

/** A new empty folder in the OS temp dir named `<prefix>XXXXXX`; call it inside a test, not a hook. */
export async function testFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
