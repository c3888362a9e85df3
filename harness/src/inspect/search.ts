// Where in an image some text occurs: every file of every layer is read from `docker save` and
// searched, and so is the image config (ENV, LABEL, the history of the instructions). Used to
// show that a build arg reached only the files it should (the bundle), and no layer or
// metadata besides.
import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { normaliseEntryName } from './filesystem.ts';
import { readSavedImage } from './image.ts';

export interface Occurrence {
  needle: string;
  /** The file's path, or "image config". */
  where: string;
  /** The layer index (0 = bottom) holding the file; absent for the config. */
  layer?: number;
}

/** Collects which needles a byte stream contains, including matches across chunk boundaries. */
export class NeedleScanner extends Writable {
  readonly found = new Set<string>();
  private tail = Buffer.alloc(0);
  private readonly needles: Buffer[];
  private readonly keep: number;

  constructor(needles: string[]) {
    super();
    this.needles = needles.map((n) => Buffer.from(n, 'utf8'));
    this.keep = Math.max(0, ...this.needles.map((n) => n.length - 1));
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    const window = Buffer.concat([this.tail, chunk]);
    for (const needle of this.needles) if (window.includes(needle)) this.found.add(needle.toString('utf8'));
    this.tail = window.subarray(Math.max(0, window.length - this.keep));
    callback();
  }
}

/** Searches one layer tar (plain or gzip'd, as an OCI layout may hold it). */
async function searchLayer(source: Readable, needles: string[]): Promise<{ path: string; needle: string }[]> {
  const hits: { path: string; needle: string }[] = [];
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    if (header.type !== 'file') {
      stream.on('end', next).resume();
      return;
    }
    const scanner = new NeedleScanner(needles);
    pipeline(stream as unknown as Readable, scanner).then(() => {
      for (const needle of scanner.found) hits.push({ path: normaliseEntryName(header.name), needle });
      next();
    }, (error: unknown) => extract.destroy(error as Error));
  });
  // Peek at the first bytes: gzip'd layers start with 1f 8b.
  const peek = new PassThrough();
  let decided = false;
  const input = new PassThrough();
  source.on('data', (chunk: Buffer) => {
    if (!decided) {
      decided = true;
      (chunk[0] === 0x1f && chunk[1] === 0x8b ? peek.pipe(createGunzip()) : peek).pipe(input);
    }
    if (!peek.write(chunk)) {
      source.pause();
      peek.once('drain', () => source.resume());
    }
  });
  source.on('end', () => {
    if (!decided) input.end();
    peek.end();
  });
  source.on('error', (error) => peek.destroy(error));
  await pipeline(input, extract);
  return hits;
}

/** Every file (by layer) and the config of `ref` that contains one of `needles`. */
export async function searchImage(ref: string, needles: string[]): Promise<Occurrence[]> {
  const { configText, layers } = await readSavedImage(ref, (layer) => searchLayer(layer, needles));
  const occurrences: Occurrence[] = layers.flatMap((hits, layer) => hits.map((hit) => ({ needle: hit.needle, where: hit.path, layer })));
  for (const needle of needles) if (configText.includes(needle)) occurrences.push({ needle, where: 'image config (ENV, LABEL, CMD, history)' });
  return occurrences;
}
