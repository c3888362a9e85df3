// Who owns an image's files, read from its layers (the uid and gid each layer's tar records for
// the file that is in the final filesystem): the measurement behind the tutorial's `--chown`.
import type { FileRecord } from './filesystem.ts';

export interface FileOwners {
  /** The folder measured: the image's WORKDIR, where its app lives. */
  dir: string;
  /** Files and folders below it (not itself). */
  files: number;
  /** How many of them each uid owns (uid as a string, JSON's keys); files without an owner recorded count under "unknown". */
  byUid: Record<string, number>;
}

/** The owners of everything below `dir` in the final filesystem. */
export function fileOwners(files: FileRecord[], dir: string): FileOwners {
  const prefix = dir === '/' ? '/' : `${dir.replace(/\/+$/, '')}/`;
  const byUid: Record<string, number> = {};
  let count = 0;
  for (const file of files) {
    if (!file.path.startsWith(prefix)) continue;
    count++;
    const uid = file.uid === undefined ? 'unknown' : String(file.uid);
    byUid[uid] = (byUid[uid] ?? 0) + 1;
  }
  return { dir, files: count, byUid };
}
