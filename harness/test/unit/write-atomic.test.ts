// Reports and figures are whole or absent: a file rewritten over and over while it
// is read, and then killed mid-write, is never seen truncated through writeFileAtomic; the same
// reader does see a truncated file from a plain writeFile (what the harness did before), so the
// check can fail.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawningTestTimeoutMs } from '../../src/limits.ts';
import { writeFileAtomic } from '../../src/write-atomic.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lab-write-atomic-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the rewriter; resolves once its first version is written, with what kills it. */
async function rewriter(file: string, mode: 'atomic' | 'plain'): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'fixtures/rewrite-forever.ts'), file, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => resolve());
    child.on('exit', (code) => reject(new Error(`the rewriter exited (${code})`)));
  });
  return async () => {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  };
}

/** Reads and parses `file` until `stop()` says so; the reads that did not parse. */
async function tornReads(file: string, stop: (reads: number, torn: number) => boolean): Promise<{ reads: number; torn: number }> {
  let reads = 0;
  let torn = 0;
  while (!stop(reads, torn)) {
    const text = await readFile(file, 'utf8');
    reads++;
    try {
      JSON.parse(text);
    } catch {
      torn++;
    }
  }
  return { reads, torn };
}

describe('writeFileAtomic', { timeout: spawningTestTimeoutMs }, () => {
  it('is never read half-written, nor left so by a writer killed mid-write; the next write removes its temporary file', async () => {
    const file = path.join(dir, 'atomic.json');
    const kill = await rewriter(file, 'atomic');
    const until = Date.now() + 3_000;
    const seen = await tornReads(file, () => Date.now() > until);
    await kill();
    expect(seen.reads).toBeGreaterThan(10);
    expect(seen.torn).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('version');
    await writeFileAtomic(file, '{"after": true}\n');
    expect(await readdir(dir)).toEqual(['atomic.json']);
  });

  it('(the check can fail) a plain writeFile is read half-written', async () => {
    const file = path.join(dir, 'plain.json');
    const kill = await rewriter(file, 'plain');
    const until = Date.now() + 60_000;
    const seen = await tornReads(file, (_reads, torn) => torn > 0 || Date.now() > until);
    await kill();
    await rm(file, { force: true });
    expect(seen.torn).toBeGreaterThan(0);
  });
});
