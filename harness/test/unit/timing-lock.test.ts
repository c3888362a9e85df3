// The timing lock (src/engine/timing-lock.ts) between real processes: a timing waits for another
// run's build to end and keeps new ones out until it is done; a build waits for another run's
// timing; a killed holder is swept; a process's own builds run inside its own timing; a timing
// asked for inside shared work is refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shared, timed } from '../../src/engine/timing-lock.ts';

const holderScript = path.resolve(import.meta.dirname, '../fixtures/timing-lock/holder.ts');
const children: ChildProcess[] = [];
let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'timing-lock-'));
  process.env.LAB_TIMING_LOCK_DIR = dir;
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  delete process.env.LAB_TIMING_LOCK_DIR;
  await rm(dir, { recursive: true, force: true });
});

/** Another process holding `kind`; resolves once it holds it. */
function holder(kind: 'timed' | 'shared'): { child: ChildProcess; held: Promise<void> } {
  const child = spawn(process.execPath, [holderScript, kind], { env: { ...process.env, LAB_TIMING_LOCK_DIR: dir }, stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  const held = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`the holder exited (${code}) before it held the lock`)));
  });
  return { child, held };
}
const release = (child: ChildProcess) => child.stdin!.write('release\n');
const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

/** Starts `fn` under the lock; says when it began. */
function started(run: (fn: () => Promise<void>) => Promise<void>): { began: () => boolean; done: Promise<void> } {
  let began = false;
  const done = run(async () => {
    began = true;
  });
  return { began: () => began, done };
}
const moment = (ms = 600) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the timing lock between processes', { timeout: 20_000 }, () => {
  it.each([
    { waiting: 'a timing', other: 'build', holds: 'shared', run: timed },
    { waiting: 'a build', other: 'timing', holds: 'timed', run: shared },
  ] as const)('$waiting waits for another run’s $other to end', async ({ holds, run }) => {
    const other = holder(holds);
    await other.held;
    const mine = started(run);
    await moment();
    expect(mine.began()).toBe(false);
    release(other.child);
    await mine.done;
    expect(mine.began()).toBe(true);
  });

  it('a waiting timing keeps new builds out: it waits only for those already running', async () => {
    const running = holder('shared');
    await running.held;
    let lateHeldDuringTiming: boolean | undefined;
    let lateHeld = false;
    const timing = timed(async () => {
      await moment(300);
      lateHeldDuringTiming = lateHeld;
    });
    await moment(); // the timing has taken its file and waits for the running build
    const late = holder('shared');
    void late.held.then(() => (lateHeld = true));
    await moment();
    expect(lateHeld).toBe(false);
    release(running.child);
    await timing;
    await late.held;
    expect(lateHeldDuringTiming).toBe(false);
  });

  it('a holder killed mid-hold is swept: the next run does not wait for it', async () => {
    const timing = holder('timed');
    await timing.held;
    timing.child.kill('SIGKILL');
    await exited(timing.child);
    const build = started(shared);
    await build.done;
    expect(build.began()).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('the timing lock in one process', () => {
  it('runs its own builds inside its own timing', async () => {
    const order: string[] = [];
    await timed(async () => {
      order.push('timing');
      await shared(async () => {
        order.push('its build');
      });
    });
    expect(order).toEqual(['timing', 'its build']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a timing inside shared work, which could deadlock two runs', async () => {
    await expect(shared(() => timed(async () => undefined))).rejects.toThrow(/a timing inside shared work/);
  });
});
