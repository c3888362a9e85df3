// Every file the harness publishes (reports/*, figures/*.json, README sections) is written whole
// or not at all: to a temporary file beside it, flushed, then renamed over it (a rename within one
// file system is atomic). A run stopped or killed mid-write leaves the last complete file, never
// a truncated JSON; at worst a `.<name>.<pid>.tmp` beside it, which the next write of it removes.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { processIsAlive } from './process-alive.ts';

/** Temporary files of `file` left by writers that were killed (their pid no longer runs). */
async function removeLeftTemporaries(file: string): Promise<void> {
  const prefix = `.${path.basename(file)}.`;
  const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^\.(?:.*)\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1]);
    if (!name.startsWith(prefix) || !pid || pid === process.pid || processIsAlive(pid)) continue;
    await rm(path.join(path.dirname(file), name), { force: true });
  }
}

/** Writes `data` to `file` atomically: readers see the old contents or the new, whole. */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  await removeLeftTemporaries(file);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'w', options.mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
