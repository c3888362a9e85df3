// Everything the contract needs to know about an image, read once from `docker image inspect`
// and `docker save`: its config, its sizes (uncompressed, and compressed as a registry stores
// the layers: gzip'd), each layer with the instruction that made it, and the final filesystem,
// so "is gcc in the image" is a lookup, not a shell command the image may not have.
// Results are cached per image id and inspector version under .cache/inspect/ (cache-key.ts).
import { readFile, writeFile } from 'node:fs/promises';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { docker } from '../engine/docker.ts';
import { cacheDir } from '../paths.ts';
import { inspectCacheFile, prepareInspectCache } from './cache-key.ts';
import { mergeLayers, normaliseEntryName, type FileRecord, type LayerEntry } from './filesystem.ts';

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
  /** The size `docker images` shows. */
  uncompressedBytes: number;
  /** Sum of the gzip'd layers (default level), as pushed to a registry. */
  compressedBytes: number;
  layers: LayerFacts[];
  /** The final filesystem, whiteouts applied. */
  files: FileRecord[];
}

export interface RawConfig {
  config?: {
    User?: string;
    Env?: string[];
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown> | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null;
  };
  history?: { created_by?: string; empty_layer?: boolean }[];
}

export interface LayerScan {
  entries: LayerEntry[];
  compressedBytes: number;
  contentBytes: number;
}

/** Reads a regular file's content as a layer streams by (it must consume `content` to its end). */
export type FileVisitor = (filePath: string, content: Readable) => Promise<void>;

/**
 * Reads one layer tar: its entries, and how many bytes it gzips to. With `visit`, which sees each
 * file's content, the gzip'd size is not measured (0): a search has no use for it.
 */
async function scanLayer(source: Readable, visit?: FileVisitor): Promise<LayerScan> {
  const entries: LayerEntry[] = [];
  let compressedBytes = 0;
  let contentBytes = 0;
  // One read feeds two consumers (gzip and the tar parser); pause the source while either is full.
  const toGzip = new PassThrough();
  const toTar = new PassThrough();
  const sinks = visit ? [toTar] : [toGzip, toTar];
  source.on('data', (chunk: Buffer) => {
    const waits = sinks.filter((sink) => !sink.write(chunk));
    if (waits.length === 0) return;
    source.pause();
    let pending = waits.length;
    for (const sink of waits) sink.once('drain', () => --pending === 0 && source.resume());
  });
  source.on('end', () => {
    for (const sink of sinks) sink.end();
  });
  source.on('error', (error) => {
    for (const sink of sinks) sink.destroy(error);
  });
  const countCompressed = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      compressedBytes += chunk.length;
      callback();
    },
  });
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const type = header.type === 'file' || header.type === 'directory' || header.type === 'symlink' || header.type === 'link' ? header.type : 'other';
    const size = header.size ?? 0;
    entries.push({
      path: normaliseEntryName(header.name),
      type,
      size,
      mode: header.mode ?? 0,
      ...(header.linkname ? { linkname: header.linkname } : {}),
    });
    if (type === 'file') contentBytes += size;
    if (type === 'file' && visit) {
      visit(normaliseEntryName(header.name), stream as unknown as Readable).then(() => next(), (error: Error) => next(error));
      return;
    }
    stream.on('end', next);
    stream.resume();
  });
  await Promise.all([...(visit ? [] : [pipeline(toGzip, createGzip(), countCompressed)]), pipeline(toTar, extract)]);
  return { entries, compressedBytes, contentBytes };
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

/** `docker save` of one image, read: its config (parsed and as saved) and every layer in order. */
export interface SavedImage {
  config: RawConfig;
  configText: string;
  layers: LayerScan[];
  /** The layers' names in the archive, bottom first: what `visit` was told. */
  layerNames: string[];
}

/**
 * Reads `docker save` of one image: the config and every layer, scanned as they stream by.
 * `visit` gets every layer's files' contents, with the layer's name in the archive (their order
 * is known only at the end, from manifest.json: see `layerNames`).
 */
export async function readSavedImage(ref: string, visit?: (layerName: string, filePath: string, content: Readable) => Promise<void>): Promise<SavedImage> {
  const small = new Map<string, Buffer>();
  const scanned = new Map<string, LayerScan>();
  const visitorOf = (layerName: string): FileVisitor | undefined => visit && ((filePath, content) => visit(layerName, filePath, content));
  const extract = tar.extract();
  const inlineLimit = 1 << 20;
  extract.on('entry', (header, stream, next) => {
    const name = header.name.replace(/^\.\//, '');
    const done = (error?: unknown) => (error ? extract.destroy(error as Error) : next());
    if (header.type !== 'file') {
      stream.on('end', () => done()).resume();
    } else if ((header.size ?? 0) <= inlineLimit && !name.endsWith('layer.tar')) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer)).on('end', () => {
        small.set(name, Buffer.concat(chunks));
        done();
      });
    } else {
      scanLayer(stream as unknown as Readable, visitorOf(name)).then((scan) => {
        scanned.set(name, scan);
        done();
      }, done);
    }
  });
  const saved = (await docker().getImage(ref).get()) as unknown as Readable;
  await pipeline(saved, extract);

  const manifestText = small.get('manifest.json');
  if (!manifestText) throw new Error(`docker save of ${ref} has no manifest.json`);
  const [manifest] = JSON.parse(manifestText.toString('utf8')) as { Config: string; Layers: string[] }[];
  if (!manifest) throw new Error(`docker save of ${ref} has an empty manifest.json`);
  const configText = small.get(manifest.Config);
  if (!configText) throw new Error(`docker save of ${ref} lacks its config ${manifest.Config}`);
  const layers: LayerScan[] = [];
  for (const layerName of manifest.Layers) {
    const known = scanned.get(layerName);
    if (known) layers.push(known);
    else {
      const buffer = small.get(layerName);
      if (!buffer) throw new Error(`docker save of ${ref} lacks layer ${layerName}`);
      const stream = new PassThrough();
      stream.end(buffer);
      layers.push(await scanLayer(stream, visitorOf(layerName)));
    }
  }
  return { config: JSON.parse(configText.toString('utf8')) as RawConfig, configText: configText.toString('utf8'), layers, layerNames: manifest.Layers };
}

async function inspectUncached(ref: string, id: string, sizeBytes: number): Promise<ImageFacts> {
  const { config: raw, layers } = await readSavedImage(ref);
  const history = (raw.history ?? []).filter((h) => !h.empty_layer);
  const c = raw.config ?? {};
  const files = [...mergeLayers(layers.map((l) => l.entries)).values()];
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
    uncompressedBytes: sizeBytes,
    compressedBytes: layers.reduce((sum, l) => sum + l.compressedBytes, 0),
    layers: layers.map((l, index) => ({
      index,
      instruction: cleanInstruction(history[index]?.created_by),
      uncompressedBytes: l.contentBytes,
      compressedBytes: l.compressedBytes,
      files: l.entries.length,
    })),
    files,
  };
}

/** Inspects an image (by tag or id); cached by image id and inspector version, so a second look is free. */
export async function inspectImage(ref: string): Promise<ImageFacts> {
  const info = await docker().getImage(ref).inspect();
  const cacheFile = inspectCacheFile(cacheDir, info.Id);
  const cached = await readFile(cacheFile, 'utf8').catch(() => undefined);
  if (cached) return { ...(JSON.parse(cached) as ImageFacts), ref };
  const facts = await inspectUncached(ref, info.Id, info.Size);
  await prepareInspectCache(cacheDir);
  await writeFile(cacheFile, JSON.stringify(facts));
  return facts;
}
