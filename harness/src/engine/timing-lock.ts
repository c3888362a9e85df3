// While a lab run times something (a start to healthy, a stop, a cold build and its one-line
// rebuilds), no other lab run on this machine builds, scans layers or drives a browser: on 2
// cores a build beside a timing measures that build too (a clean-clone CI run failed react-spa's
// rebuild ratio so, 21.4% against its 20% budget, with another contract file building beside it).
// A readers-writer lock across processes, in a folder every run of the machine shares:
// - `timed(fn)`: the writer. Takes the folder's `timed` file (made by link(), which fails where
//   it exists, so one process holds it), then waits for the other processes' shared work to end.
// - `shared(fn)`: a reader, for heavy work that times nothing (builds, layer scans, a browser).
//   Waits while another process holds `timed`; a writer waiting keeps new readers out, so a
//   timing waits at most for the builds already running.
// A process's own work never waits for itself (its builds inside its own timing run), and a
// holder that died (killed run) is swept by its pid. Timing inside shared work is refused: two
// processes could each hold what the other waits for.
import { AsyncLocalStorage } from 'node:async_hooks';
import { link, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { processIsAlive } from '../process-alive.ts';
import { pause, throwIfStopped } from '../stop.ts';

/** The folder every lab run of this machine shares (the cores are the machine's). */
export const timingLockDir = () => process.env.LAB_TIMING_LOCK_DIR ?? '/tmp/multi-stage-lab-timing-lock';
const pollMs = 100;
const writerFile = 'timed';

type Hold = 'timed' | 'shared';
const held = new AsyncLocalStorage<Hold>();
let sequence = 0;
/** This process's timings, one at a time (a process's own timings never run side by side). */
let ownTimings: Promise<void> = Promise.resolve();

const pidOf = (text: string) => Number(text.trim());
const readerPid = (name: string) => Number(/^shared-(\d+)-/.exec(name)?.[1] ?? NaN);

/** The pid holding `timed`, undefined when none (a dead holder's file is removed). */
async function writerPid(dir: string): Promise<number | undefined> {
  const file = path.join(dir, writerFile);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const pid = pidOf(text);
  if (processIsAlive(pid)) return pid;
  await rm(file, { force: true });
  return undefined;
}

/** Other processes' shared work in progress (dead readers' files are removed). */
async function otherReaders(dir: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = readerPid(name);
    if (Number.isNaN(pid) || pid === process.pid) continue;
    if (processIsAlive(pid)) pids.push(pid);
    else await rm(path.join(dir, name), { force: true });
  }
  return pids;
}

async function takeWriter(dir: string): Promise<void> {
  const staged = path.join(dir, `staged-${process.pid}-${++sequence}`);
  await writeFile(staged, String(process.pid));
  try {
    for (;;) {
      throwIfStopped();
      const taken = await link(staged, path.join(dir, writerFile)).then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
          return false;
        },
      );
      if (taken) break;
      await writerPid(dir); // removes a dead holder's file
      await pause(pollMs);
    }
  } finally {
    await rm(staged, { force: true });
  }
  while ((await otherReaders(dir)).length) {
    throwIfStopped();
    await pause(pollMs);
  }
}

async function dropWriter(dir: string): Promise<void> {
  if ((await writerPid(dir)) === process.pid) await rm(path.join(dir, writerFile), { force: true });
}

async function takeReader(dir: string): Promise<string> {
  for (;;) {
    throwIfStopped();
    const writer = await writerPid(dir);
    if (writer === undefined || writer === process.pid) {
      const file = path.join(dir, `shared-${process.pid}-${++sequence}`);
      await writeFile(file, '');
      // A writer that took `timed` meanwhile goes first: it may already have counted readers.
      const now = await writerPid(dir);
      if (now === undefined || now === process.pid) return file;
      await rm(file, { force: true });
    }
    await pause(pollMs);
  }
}

/** Runs `fn` with no other lab process's builds, layer scans or browser running beside it. */
export async function timed<T>(fn: () => Promise<T>): Promise<T> {
  const current = held.getStore();
  if (current === 'timed') return fn();
  if (current === 'shared') throw new Error('a timing inside shared work (timing-lock.ts): time before or after the build, not inside it');
  const dir = timingLockDir();
  await mkdir(dir, { recursive: true });
  const before = ownTimings;
  let done!: () => void;
  ownTimings = new Promise((resolve) => (done = resolve));
  try {
    await before;
    await takeWriter(dir);
    try {
      return await held.run('timed', fn);
    } finally {
      await dropWriter(dir);
    }
  } finally {
    done();
  }
}

/** Runs heavy work that times nothing (a build, a layer scan, a browser), never beside another process's timing. */
export async function shared<T>(fn: () => Promise<T>): Promise<T> {
  if (held.getStore()) return fn();
  const dir = timingLockDir();
  await mkdir(dir, { recursive: true });
  const file = await takeReader(dir);
  try {
    return await held.run('shared', fn);
  } finally {
    await rm(file, { force: true });
  }
}
