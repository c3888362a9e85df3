// A folder in the OS temp dir, made whole or not at all: when filling it fails, it is removed
// before the error goes on, so a caller that gets it back has only to remove it when done.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A new folder named `<prefix>XXXXXX` in the OS temp dir, filled by `fill`; removed if `fill` throws. */
export async function filledTempFolder(prefix: string, fill: (dir: string) => Promise<unknown>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    await fill(dir);
    return dir;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
