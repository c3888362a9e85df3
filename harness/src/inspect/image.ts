// Everything the contract needs to know about an image, read once from `docker image inspect`
// and `docker save`: its config, its sizes, each layer with the instruction that made it, and
// the final filesystem, so "is gcc in the image" is a lookup, not a shell command the image may
// not have. Sizes are measured on the layers themselves, the same way on the classic store and
// the containerd image store (whose `docker image inspect` Size is the compressed content, and
// whose `docker images` size adds the unpacked snapshots):
// - uncompressed size: the sum, over every layer the image's manifest lists (base layers
//   included, each counted whole), of the bytes of the regular files in the layer's tar (see
//   LayerScan); a file a later layer rewrites counts in both layers. On the classic store this
//   equals `docker image inspect`'s Size, to the byte;
// - compressed size: the sum of each layer's uncompressed tar gzip'd at the default level, as a
//   registry stores it, whatever compression the store keeps the layer in.
// Results are cached per image id and inspector version under .cache/inspect/ (cache-key.ts), and
// each layer's scan by its blob's digest beside them, so a layer shared by images is gzip'd once;
// the layers of one image are gzip'd side by side, one per core.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../write-atomic.ts';
import type { Readable } from 'node:stream';
import { docker } from '../engine/docker.ts';
import { cacheDir } from '../paths.ts';
import { inspectCacheFile, inspectLayersDir, prepareInspectCache } from './cache-key.ts';
import { mergeLayers, type FileRecord } from './filesystem.ts';
import { keptLayerScans } from './kept-layers.ts';
import { scanLayer } from './layer-scan.ts';
import { spooled } from './spooled-layers.ts';
import { isDpkgDatabase, osPackagesOf, type OsPackages } from './dpkg.ts';
import { readSavedImage, type SavedImage } from './saved-image.ts';
import { shared } from '../engine/timing-lock.ts';

export interface ImageConfig {
  user: string;
  env: Record<string, string>;
  labels: Record<string, string>;
  exposedPorts: string[];
  entrypoint: string[] | null;
  cmd: string[] | null;
  workingDir: string;
  healthcheck: { test: string[]; intervalNs?: number; timeoutNs?: number; startPeriodNs?: number; retries?: number } | null;
}

export interface LayerFacts {
  index: number;
  /** The instruction that made the layer, as the image history records it. */
  instruction: string;
  uncompressedBytes: number;
  compressedBytes: number;
  files: number;
}

export interface ImageFacts {
  ref: string;
  id: string;
  config: ImageConfig;
  /** The uncompressed size: the sum of the layers' uncompressed sizes (see the top of this file). */
  uncompressedBytes: number;
  /** Sum of the gzip'd layers (default level), as pushed to a registry. */
  compressedBytes: number;
  layers: LayerFacts[];
  /** The final filesystem, whiteouts applied. */
  files: FileRecord[];
  /** Installed OS packages, from the dpkg database read on the same pass (absent where the layers' texts were not kept). */
  osPackages?: OsPackages;
}

/** An image history line as a Dockerfile instruction: `RUN ...`, `COPY ...`. */
export function cleanInstruction(createdBy: string | undefined): string {
  return (createdBy ?? '')
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/\s*# buildkit$/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .trim();
}

function toEnv(list: string[] | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq > 0) env[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return env;
}

/** The facts of one saved image (either archive format): pure, so fixtures can check them. */
export function factsOfSavedImage(ref: string, id: string, saved: SavedImage): ImageFacts {
  const { config: raw, layers } = saved;
  const history = (raw.history ?? []).filter((h) => !h.empty_layer);
  const c = raw.config ?? {};
  const files = [...mergeLayers(layers.map((l) => l.entries)).values()];
  // The dpkg database as the final filesystem has it: each file's text from the layer that last wrote it.
  const dpkg = layers.every((l) => l.texts)
    ? files.flatMap((f) => {
        const text = f.type === 'file' && isDpkgDatabase(f.path) ? layers[f.layer]?.texts?.[f.path] : undefined;
        return text === undefined ? [] : [{ path: f.path, text }];
      })
    : undefined;
  return {
    ref,
    id,
    config: {
      user: c.User ?? '',
      env: toEnv(c.Env),
      labels: c.Labels ?? {},
      exposedPorts: Object.keys(c.ExposedPorts ?? {}),
      entrypoint: c.Entrypoint ?? null,
      cmd: c.Cmd ?? null,
      workingDir: c.WorkingDir ?? '',
      healthcheck: c.Healthcheck?.Test
        ? {
            test: c.Healthcheck.Test,
            ...(c.Healthcheck.Interval ? { intervalNs: c.Healthcheck.Interval } : {}),
            ...(c.Healthcheck.Timeout ? { timeoutNs: c.Healthcheck.Timeout } : {}),
            ...(c.Healthcheck.StartPeriod ? { startPeriodNs: c.Healthcheck.StartPeriod } : {}),
            ...(c.Healthcheck.Retries ? { retries: c.Healthcheck.Retries } : {}),
          }
        : null,
    },
    uncompressedBytes: layers.reduce((sum, l) => sum + l.uncompressedBytes, 0),
    compressedBytes: layers.reduce((sum, l) => sum + l.compressedBytes, 0),
    layers: layers.map((l, index) => ({
      index,
      instruction: cleanInstruction(history[index]?.created_by),
      uncompressedBytes: l.uncompressedBytes,
      compressedBytes: l.compressedBytes,
      files: l.entries.length,
    })),
    files,
    ...(dpkg ? { osPackages: osPackagesOf(dpkg) } : {}),
  };
}

/**
 * Full scans (both sizes, entries, the dpkg database's text), kept per layer beside the images'
 * facts; a layer not kept yet is spooled and scanned beside the next (spooled-layers.ts).
 */
const scanLayerOnce = keptLayerScans(
  inspectLayersDir(cacheDir),
  spooled((blob) => scanLayer(blob, { keep: isDpkgDatabase })),
  () => prepareInspectCache(cacheDir),
);

async function inspectUncached(ref: string, id: string): Promise<ImageFacts> {
  const saved = (await docker().getImage(ref).get()) as unknown as Readable;
  return factsOfSavedImage(ref, id, await readSavedImage(saved, `docker save of ${ref}`, scanLayerOnce));
}

function cacheFileOf(id: string, kind: 'facts' | 'size'): string {
  const file = inspectCacheFile(cacheDir, id);
  return kind === 'size' ? file.replace(/\.json$/, '.size.json') : file;
}

async function cached<T>(file: string): Promise<T | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

async function keep(file: string, value: unknown): Promise<void> {
  await prepareInspectCache(cacheDir);
  await writeFileAtomic(file, JSON.stringify(value));
}

/** Inspects an image (by tag or id); cached by image id and inspector version, so a second look is free. */
export async function inspectImage(ref: string): Promise<ImageFacts> {
  const info = await docker().getImage(ref).inspect();
  const known = await cached<ImageFacts>(cacheFileOf(info.Id, 'facts'));
  if (known) return { ...known, ref };
  // Its layers gzip'd: a core's work, never beside another run's timing.
  const facts = await shared(() => inspectUncached(ref, info.Id));
  await keep(cacheFileOf(info.Id, 'facts'), facts);
  return facts;
}

/**
 * The uncompressed size alone (as defined at the top of this file), for figures that need no
 * more: the layers are read, not gzip'd. Cached by image id like the full facts.
 */
export async function uncompressedSizeOf(ref: string): Promise<number> {
  const info = await docker().getImage(ref).inspect();
  const known = (await cached<ImageFacts>(cacheFileOf(info.Id, 'facts')))?.uncompressedBytes ?? (await cached<number>(cacheFileOf(info.Id, 'size')));
  if (known !== undefined) return known;
  const saved = (await docker().getImage(ref).get()) as unknown as Readable;
  const { layers } = await readSavedImage(saved, `docker save of ${ref}`, (blob) => scanLayer(blob, { gzip: false }));
  const size = layers.reduce((sum, l) => sum + l.uncompressedBytes, 0);
  await keep(cacheFileOf(info.Id, 'size'), size);
  return size;
}
