// The contents of chosen files of an image's final filesystem, read while `docker save` streams
// by (no container is made, so images without a shell or even an entrypoint are read alike).
// Each file comes with the layer that last wrote it, whiteouts applied, so a finding in a file
// can name the instruction to blame. The archive is read as every image of the lab is
// (saved-image.ts: either format, plain or compressed layers).
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { docker } from '../engine/docker.ts';
import { Uncompress } from './blob-streams.ts';
import { mergeLayers, normaliseEntryName, type LayerEntry } from './filesystem.ts';
import { readSavedImage } from './saved-image.ts';

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

/** One layer tar, plain or compressed: the wanted entries (with file contents) and every whiteout. */
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
  await pipeline(source, new Uncompress(), extract);
  return read;
}

/**
 * Reads the files of `ref`'s final filesystem whose absolute path `wanted` accepts. Paths that
 * a later layer deleted, or replaced with something other than a regular file, are left out.
 */
export async function readImageFiles(ref: string, wanted: (path: string) => boolean): Promise<ImageFileContent[]> {
  const saved = (await docker().getImage(ref).get()) as unknown as Readable;
  const { layers: ordered } = await readSavedImage(saved, `docker save of ${ref}`, (blob) => readLayer(blob, wanted));
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
