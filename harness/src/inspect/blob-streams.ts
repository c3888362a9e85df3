// Streams of an image archive's blobs: a layer blob is a plain tar (the classic store's
// `docker save`) or compressed (the containerd store keeps and saves the blobs as built: gzip,
// possibly zstd), and its first bytes tell which; and a tee that always reads its source to the
// end, so the archive a blob comes from moves on even when a reader of it fails.
import { Transform, type Readable, type TransformCallback, type Writable } from 'node:stream';
import { createGunzip, createZstdDecompress } from 'node:zlib';

/** The first bytes of the blob tell its compression: gzip (1f 8b), zstd (28 b5 2f fd), or none. */
export function compressionOf(head: Buffer): 'gzip' | 'zstd' | 'none' {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

/** Decompresses what its first bytes say is compressed; passes a plain tar through. */
export class Uncompress extends Transform {
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
export function tee(source: Readable, sinks: Writable[]): Promise<void> {
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
