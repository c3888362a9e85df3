// The contents of chosen files of an image's final filesystem, read while `docker save` streams
// by (no container is made, so images without a shell or even an entrypoint are read alike).
// Each file comes with the layer that last wrote it, whiteouts applied, so a finding in a file
// can name the instruction to blame. Layers may be plain tars (the classic image store) or
// gzip'd blobs (the containerd image store's OCI layout); both are read.
import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, type Gunzip } from 'node:zlib';
import tar from 'tar-stream';
import { docker } from '../engine/docker.ts';
import { mergeLayers, normaliseEntryName, type LayerEntry } from './filesystem.ts';

export interface ImageFileContent {
  /** Absolute path in the image, e.g. "/etc/ssl/certs/ca-certificates.crt". */
  path: string;
  /** Index of the layer (0 = bottom) that last wrote it, as ImageFacts.layers counts them. */
  layer: number;
  /** The bytes, or null for a hard link whose target was not among the files read. */
  content: Buffer | null;
}

export interface LayerRead {
  /** Entries that matter: the wanted paths (any type) and every whiteout. */
  entries: LayerEntry[];
  contents: Map<string, Buffer>;
  /** Hard links among the wanted paths: path -> the path they link to. */
  links: Map<string, string>;
}

const whiteout = /(^|\/)\.wh\./;

/** Gunzips a stream that starts with gzip's magic bytes; passes anything else through. */
class GunzipIfCompressed extends Transform {
  private gunzip: Gunzip | null = null;
  private decided = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.decided) {
      this.decided = true;
      if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
        this.gunzip = createGunzip();
        this.gunzip.on('data', (data: Buffer) => this.push(data));
        this.gunzip.on('error', (error) => this.destroy(error));
      }
    }
    if (this.gunzip) this.gunzip.write(chunk, () => callback());
    else callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.gunzip) return callback();
    this.gunzip.once('end', () => callback());
    this.gunzip.end();
  }
}

/** One layer tar, plain or gzip'd: the wanted entries (with file contents) and every whiteout. */
export async function readLayer(source: Readable, wanted: (path: string) => boolean): Promise<LayerRead> {
  const read: LayerRead = { entries: [], contents: new Map(), links: new Map() };
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const path = normaliseEntryName(header.name);
    const keep = whiteout.test(path) || wanted(path);
    const type = header.type === 'file' || header.type === 'directory' || header.type === 'symlink' || header.type === 'link' ? header.type : 'other';
    if (keep) read.entries.push({ path, type, size: header.size ?? 0, mode: header.mode ?? 0, ...(header.linkname ? { linkname: header.linkname } : {}) });
    if (keep && type === 'link' && header.linkname) read.links.set(path, normaliseEntryName(header.linkname));
    if (keep && type === 'file') {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        read.contents.set(path, Buffer.concat(chunks));
        next();
      });
    } else {
      stream.on('end', next);
      stream.resume();
    }
  });
  await pipeline(source, new GunzipIfCompressed(), extract);
  return read;
}

/**
 * Reads the files of `ref`'s final filesystem whose absolute path `wanted` accepts. Paths that
 * a later layer deleted, or replaced with something other than a regular file, are left out.
 */
export async function readImageFiles(ref: string, wanted: (path: string) => boolean): Promise<ImageFileContent[]> {
  // `docker save` names each layer in manifest.json, which may come last: small entries are
  // kept until then, large ones (layers, never JSON) are read as they stream by.
  const small = new Map<string, Buffer>();
  const layers = new Map<string, Promise<LayerRead>>();
  const inlineLimit = 1 << 20;
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const name = header.name.replace(/^\.\//, '');
    if (header.type !== 'file') {
      stream.on('end', next).resume();
    } else if ((header.size ?? 0) <= inlineLimit) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer)).on('end', () => {
        small.set(name, Buffer.concat(chunks));
        next();
      });
    } else {
      const reading = readLayer(stream as unknown as Readable, wanted);
      reading.catch(() => undefined); // judged below, if manifest.json names it as a layer
      layers.set(name, reading);
      reading.then(() => next(), () => next());
    }
  });
  await pipeline((await docker().getImage(ref).get()) as unknown as Readable, extract);

  const manifestText = small.get('manifest.json');
  if (!manifestText) throw new Error(`docker save of ${ref} has no manifest.json`);
  const [manifest] = JSON.parse(manifestText.toString('utf8')) as { Layers: string[] }[];
  if (!manifest) throw new Error(`docker save of ${ref} has an empty manifest.json`);
  const ordered: LayerRead[] = [];
  for (const name of manifest.Layers) {
    const streamed = layers.get(name);
    const buffer = small.get(name);
    if (streamed) ordered.push(await streamed);
    else if (buffer) ordered.push(await readLayer(new PassThrough().end(buffer), wanted));
    else throw new Error(`docker save of ${ref} lacks layer ${name}`);
  }

  const final = mergeLayers(ordered.map((l) => l.entries));
  const out: ImageFileContent[] = [];
  for (const record of final.values()) {
    if (!wanted(record.path) || (record.type !== 'file' && record.type !== 'link')) continue;
    const layer = ordered[record.layer] as LayerRead;
    const target = layer.links.get(record.path);
    const content = layer.contents.get(target ?? record.path) ?? null;
    out.push({ path: record.path, layer: record.layer, content });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
