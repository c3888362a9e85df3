// Where a string shows in an image: its config (history, environment, labels: every string of
// the config as `docker save` writes it) and every file of every layer, by name, link target
// and content, read as the layers stream out of `docker save`; nothing runs in the image, which
// may have no shell. For proving that a build secret stayed out of an image, and showing where
// one that was passed the wrong way went.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { docker } from '../engine/docker.ts';
import { Uncompress } from './blob-streams.ts';
import { normaliseEntryName } from './filesystem.ts';
import { cleanInstruction } from './image.ts';
import { readSavedImage } from './saved-image.ts';

export interface ImageHit {
  /** `config` (the image config, history included) or `layer` (a file of one layer). */
  place: 'config' | 'layer';
  /** For a config hit: the JSON path, e.g. `history[7].created_by`; for a layer hit: the file. */
  at: string;
  /** For a layer hit: the layer's index (0 = bottom) and the instruction that made it. */
  layer?: number;
  instruction?: string;
  /** The text around the hit (config hits), the needle masked. */
  excerpt?: string;
}

/** Reads a stream to its end; true if `needle` occurs in it, also across chunk boundaries. */
export async function streamContains(content: Readable, needle: Buffer): Promise<boolean> {
  let found = false;
  let tail = Buffer.alloc(0);
  for await (const chunk of content) {
    if (found) continue;
    const window = Buffer.concat([tail, chunk as Buffer]);
    if (window.includes(needle)) found = true;
    else tail = window.subarray(Math.max(0, window.length - needle.length + 1));
  }
  return found;
}

/** Every string in a JSON value that contains `needle`, with its path. */
export function jsonStringsContaining(value: unknown, needle: string, at = ''): { at: string; text: string }[] {
  if (typeof value === 'string') return value.includes(needle) ? [{ at, text: value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => jsonStringsContaining(item, needle, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(key.includes(needle) ? [{ at: `${at ? `${at}.` : ''}${key}`, text: key }] : []),
      ...jsonStringsContaining(item, needle, at ? `${at}.${key}` : key),
    ]);
  }
  return [];
}

/** The text around the first `needle`, with the needle itself masked, so a report never repeats it. */
export function maskedExcerpt(text: string, needle: string, width = 80): string {
  const index = text.indexOf(needle);
  const from = Math.max(0, index - width);
  const to = Math.min(text.length, index + needle.length + width);
  return `${from > 0 ? '...' : ''}${text.slice(from, to).split(needle).join('<the value>')}${to < text.length ? '...' : ''}`;
}

/** Where `needle` shows in one layer blob (plain or compressed): names, link targets, contents. */
interface LayerSearch {
  names: string[];
  linkTargets: string[];
  contents: string[];
}

async function searchLayer(blob: Readable, needle: string, bytes: Buffer): Promise<LayerSearch> {
  const found: LayerSearch = { names: [], linkTargets: [], contents: [] };
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const filePath = normaliseEntryName(header.name);
    if (filePath.includes(needle)) found.names.push(filePath);
    if (header.linkname?.includes(needle)) found.linkTargets.push(filePath);
    if (header.type !== 'file') {
      stream.on('end', next).resume();
      return;
    }
    streamContains(stream as unknown as Readable, bytes).then((hit) => {
      if (hit) found.contents.push(filePath);
      next();
    }, next);
  });
  await pipeline(blob, new Uncompress(), extract);
  return found;
}

/** Every place `needle` shows in the image `ref`: config strings, file names, link targets, file contents. */
export async function findInImage(ref: string, needle: string): Promise<ImageHit[]> {
  if (!needle) throw new Error('findInImage needs a non-empty string to look for');
  const bytes = Buffer.from(needle, 'utf8');
  const archive = (await docker().getImage(ref).get()) as unknown as Readable;
  const saved = await readSavedImage(archive, `docker save of ${ref}`, (blob) => searchLayer(blob, needle, bytes));
  const history = (saved.config.history ?? []).filter((h) => !h.empty_layer);
  const layerHit = (layer: number, at: string): ImageHit => ({ place: 'layer', at, layer, instruction: cleanInstruction(history[layer]?.created_by) });

  const hits: ImageHit[] = jsonStringsContaining(JSON.parse(saved.configText), needle).map((hit) => ({
    place: 'config',
    at: hit.at,
    excerpt: maskedExcerpt(hit.text, needle),
  }));
  saved.layers.forEach((layer, index) => {
    for (const filePath of layer.names) hits.push(layerHit(index, `${filePath} (its name)`));
    for (const filePath of layer.linkTargets) hits.push(layerHit(index, `${filePath} (its link target)`));
    for (const filePath of layer.contents) hits.push(layerHit(index, filePath));
  });
  return hits;
}

/** One line per hit, for a report: where, and what made it. */
export function describeHit(hit: ImageHit): string {
  return hit.place === 'config' ? `image config ${hit.at}: ${hit.excerpt ?? ''}` : `layer ${hit.layer} (${hit.instruction ?? '?'}): ${hit.at}`;
}
