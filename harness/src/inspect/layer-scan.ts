// One layer of an image, read once as it streams by: its entries (for the final filesystem),
// its uncompressed size, and its size gzip'd at the default level (as a registry stores it).
// A layer comes as a plain tar (the classic store's `docker save`) or compressed (the
// containerd store keeps and saves the blobs as built: gzip, possibly zstd); the first bytes
// tell which, so both stores are measured on the same uncompressed tar.
import { PassThrough, Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, createZstdDecompress } from 'node:zlib';
import tar from 'tar-stream';
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
}

/** The first bytes of the blob tell its compression: gzip (1f 8b), zstd (28 b5 2f fd), or none. */
export function compressionOf(head: Buffer): 'gzip' | 'zstd' | 'none' {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** Decompresses what its first bytes say is compressed; passes a plain tar through. */
class Uncompress extends Transform {
  private inner: Transform | null | undefined;
  private head: Buffer[] = [];
  private headLength = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.inner === undefined) {
      this.head.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength < 4) return callback();
      chunk = this.choose();
    }
    this.forward(chunk, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.inner === undefined) {
      const head = this.choose();
      if (head.length) return this.forward(head, () => this._flush(callback));
    }
    if (!this.inner) return callback();
    this.inner.once('end', () => callback());
    this.inner.end();
  }

  private choose(): Buffer {
    const head = Buffer.concat(this.head);
    const compression = compressionOf(head);
    this.inner = compression === 'none' ? null : compression === 'gzip' ? createGunzip() : createZstdDecompress();
    this.inner?.on('data', (data: Buffer) => this.push(data));
    this.inner?.on('error', (error) => this.destroy(error));
    return head;
  }

  private forward(chunk: Buffer, callback: TransformCallback): void {
    if (!this.inner) {
      this.push(chunk);
      callback();
    } else this.inner.write(chunk, (error) => callback(error ?? undefined));
  }
}

/**
 * Writes every chunk of `source` to each sink, pausing the source while any is full. A sink
 * that fails is dropped, so the source is always read to its end (the archive it comes from
 * moves on only then); each sink's own failure is reported by whoever awaits it.
 */
function tee(source: Readable, sinks: Writable[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const live = () => sinks.filter((sink) => !sink.destroyed);
    for (const sink of sinks) sink.on('error', () => undefined);
    source.on('data', (chunk: Buffer) => {
      const full = live().filter((sink) => !sink.write(chunk));
      if (full.length === 0) return;
      source.pause();
      let pending = full.length;
      for (const sink of full) {
        const go = () => {
          sink.off('drain', go).off('close', go);
          if (--pending === 0) source.resume();
        };
        sink.on('drain', go).on('close', go);
      }
    });
    source.on('end', () => {
      for (const sink of live()) sink.end();
      resolve();
    });
    source.on('error', (error) => {
      for (const sink of live()) sink.destroy(error);
      reject(error);
    });
  });
}

function entrySize(header: tar.Header): number {
  return header.type === 'file' ? (header.size ?? 0) : 0;
}

/**
 * Reads one layer blob (plain, gzip'd or zstd'd tar) to its end: its entries and both of its
 * sizes; with `gzip: false` the compressed size is not measured (0), which is much faster.
 */
export async function scanLayer(blob: Readable, { gzip = true }: { gzip?: boolean } = {}): Promise<LayerScan> {
  const entries: LayerEntry[] = [];
  let compressedBytes = 0;
  let uncompressedBytes = 0;
  const uncompress = new Uncompress();
  const toGzip = new PassThrough();
  const toTar = new PassThrough();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const type = header.type === 'file' || header.type === 'directory' || header.type === 'symlink' || header.type === 'link' ? header.type : 'other';
    entries.push({
      path: normaliseEntryName(header.name),
      type,
      size: header.size ?? 0,
      mode: header.mode ?? 0,
      ...(header.linkname ? { linkname: header.linkname } : {}),
    });
    uncompressedBytes += entrySize(header);
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
  return { entries, uncompressedBytes, compressedBytes };
}
