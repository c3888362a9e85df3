// One layer of an image, read once as it streams by: its entries (for the final filesystem),
// its uncompressed size, and its size gzip'd at the default level (as a registry stores it).
// A layer comes as a plain tar (the classic store's `docker save`) or compressed (the
// containerd store keeps and saves the blobs as built); it is measured on its uncompressed tar
// either way (see blob-streams.ts).
import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { tee, Uncompress } from './blob-streams.ts';
import { normaliseEntryName, type LayerEntry } from './filesystem.ts';

export interface LayerScan {
  entries: LayerEntry[];
  /**
   * The layer's uncompressed size: the bytes of the regular files its tar holds. Directories,
   * symlinks, whiteouts, hard links (their file is counted once, where it is stored) and the
   * tar's own headers count nothing. It is what the classic store records for a layer it
   * unpacks from a tar (every BuildKit layer), so there it equals `docker image inspect`'s Size.
   */
  uncompressedBytes: number;
  /** The uncompressed tar, gzip'd at the default level. */
  compressedBytes: number;
  /** The text of the regular files the scan was asked to keep (`keep`), by path: small files read on the same pass. */
  texts?: Record<string, string>;
}

export interface ScanOptions {
  /** Measure the gzip'd size (default); without it the compressed size is 0, and the scan much faster. */
  gzip?: boolean;
  /** Regular files whose text to keep (normalised absolute paths), so no second `docker save` reads them. */
  keep?: (path: string) => boolean;
}

function entrySize(header: tar.Header): number {
  return header.type === 'file' ? (header.size ?? 0) : 0;
}

/**
 * Reads one layer blob (plain, gzip'd or zstd'd tar) to its end: its entries and both of its
 * sizes; with `gzip: false` the compressed size is not measured (0), which is much faster.
 */
export async function scanLayer(blob: Readable, { gzip = true, keep }: ScanOptions = {}): Promise<LayerScan> {
  const entries: LayerEntry[] = [];
  const texts: Record<string, string> = {};
  let compressedBytes = 0;
  let uncompressedBytes = 0;
  const uncompress = new Uncompress();
  const toGzip = new PassThrough();
  const toTar = new PassThrough();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const type = header.type === 'file' || header.type === 'directory' || header.type === 'symlink' || header.type === 'link' ? header.type : 'other';
    const path = normaliseEntryName(header.name);
    entries.push({
      path,
      type,
      size: header.size ?? 0,
      mode: header.mode ?? 0,
      ...(header.linkname ? { linkname: header.linkname } : {}),
      ...(header.uid !== undefined ? { uid: header.uid } : {}),
      ...(header.gid !== undefined ? { gid: header.gid } : {}),
    });
    uncompressedBytes += entrySize(header);
    if (keep && type === 'file' && keep(path)) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        texts[path] = Buffer.concat(chunks).toString('utf8');
        next();
      });
      return;
    }
    stream.on('end', next);
    stream.resume();
  });
  const countCompressed = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      compressedBytes += chunk.length;
      callback();
    },
  });
  const settled = await Promise.allSettled([
    tee(blob, [uncompress]),
    tee(uncompress, gzip ? [toGzip, toTar] : [toTar]),
    gzip ? pipeline(toGzip, createGzip(), countCompressed) : Promise.resolve(),
    pipeline(toTar, extract),
  ]);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  return { entries, uncompressedBytes, compressedBytes, ...(keep ? { texts } : {}) };
}
