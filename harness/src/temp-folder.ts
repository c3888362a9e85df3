// The harness's temp folders, named lab-<what>.<pid>-XXXXXX for the process that made it: that
// process removes its own on every way out; what a killed one (SIGKILL) could not remove, the
// next run removes before it starts (sweepStale), as it does its containers.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { processIsAlive } from './process-alive.ts';

const ownName = /^lab-[\w.-]+\.(\d+)-[A-Za-z0-9]{6}$/;

/** A new empty folder in `dir` (the OS temp dir), the caller's to remove. */
export function tempFolder(what: string, dir = tmpdir()): Promise<string> {
  return mkdtemp(path.join(dir, `lab-${what}.${process.pid}-`));
}

/** A temp folder filled by `fill`; when `fill` throws it is removed before the error goes on, so the caller gets it whole or not at all. */
export async function filledTempFolder(what: string, fill: (dir: string) => Promise<unknown>): Promise<string> {
  const dir = await tempFolder(what);
  try {
    await fill(dir);
    return dir;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Removes the temp folders of processes that no longer run; how many it removed. */
export async function removeDeadTempFolders(dir = tmpdir()): Promise<number> {
  const dead = (await readdir(dir).catch(() => [] as string[])).filter((name) => {
    const pid = Number(ownName.exec(name)?.[1]);
    return pid > 0 && pid !== process.pid && !processIsAlive(pid);
  });
  let removed = 0;
  // One that cannot go (a killed test's second engine still has a tmpfs mounted in it) stops no run.
  for (const name of dead)
    removed += await rm(path.join(dir, name), { recursive: true, force: true }).then(
      () => 1,
      () => 0,
    );
  return removed;
}
