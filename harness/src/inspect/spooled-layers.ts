// Layer scans side by side. `docker save` streams an image's layers one after another, and a
// layer's scan (its gzip above all: 42 s of the 55 s node:18's 1.09 GB took here) keeps one core
// busy while the archive waits for it, so on two cores an inspection used one. A spooled reader
// writes each layer blob to a temporary file as it streams by (the archive moves on at disk
// speed) and scans it from there, at most `parallel` at once: the same reader on the same bytes,
// so the same sizes to the byte, measured on every core. Each file is removed once read, also
// when its scan fails.
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Semaphore } from '../semaphore.ts';
import { tempFolder } from '../temp-folder.ts';

/** How many spooled blobs are read at once: one per core. */
export const defaultParallel = availableParallelism();

/**
 * A reader of one blob that takes the blob whole into a temporary file under `dir` first,
 * then runs `read` on the file, with at most `parallel` reads running at once.
 */
export function spooled<L>(read: (blob: Readable) => Promise<L>, { parallel = defaultParallel, dir = tmpdir() } = {}): (blob: Readable) => Promise<L> {
  const slots = new Semaphore(parallel);
  return async (blob) => {
    const folder = await tempFolder('layer', dir);
    try {
      const file = path.join(folder, 'blob');
      await pipeline(blob, createWriteStream(file));
      return await slots.run(() => read(createReadStream(file)));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };
}
