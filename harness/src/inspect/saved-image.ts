// Reads the archive `docker save` writes for one image, in either of its formats:
// - docker-archive: manifest.json names the config and the layers (`<id>/layer.tar`, plain tars);
//   engines before 25 write only this.
// - OCI image layout: index.json -> (index ->) manifest -> config and layer blobs under
//   blobs/sha256/, which the containerd store keeps compressed (gzip). Docker 25 and later write
//   this layout on both stores, with a manifest.json beside it.
// Entries come in whatever order the engine writes them, so large blobs are read as layers
// while they stream by (a blob that is not a tar is only an error if a manifest names it as a
// layer), small ones are kept, and the manifests are resolved at the end. What is read of each
// layer is the caller's: sizes and entries (scanLayer), or chosen files' contents.
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { tee } from './blob-streams.ts';
import { scanLayer, type LayerScan } from './layer-scan.ts';

export interface RawConfig {
  config?: {
    User?: string;
    Env?: string[];
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown> | null;
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; StartInterval?: number; Retries?: number } | null;
  };
  history?: { created_by?: string; empty_layer?: boolean }[];
}

export interface SavedImage<L = LayerScan> {
  format: 'docker-archive' | 'oci-layout';
  config: RawConfig;
  /** The config as saved (every string of it, for a search). */
  configText: string;
  /** The image's layers, bottom first, as the layer reader read them. */
  layers: L[];
}

/**
 * Reads one layer blob (plain or compressed; see blob-streams.ts) to what the caller needs;
 * `name` is its path in the archive (`blobs/sha256/<digest>` in an OCI layout: its content's
 * address). A reader that does not read the blob must still drain it.
 */
export type LayerReader<L> = (blob: Readable, name: string) => Promise<L>;

interface Descriptor {
  mediaType?: string;
  digest: string;
  platform?: { os?: string; architecture?: string };
  annotations?: Record<string, string>;
}

interface OciIndex {
  manifests?: Descriptor[];
}

interface OciManifest {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

/** Blobs larger than this are scanned as layers as they stream by; smaller ones are kept. */
const inlineLimit = 1 << 20;

function blobPath(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return `blobs/${algorithm}/${hex}`;
}

const isIndex = (m: { mediaType?: string; manifests?: unknown }) =>
  /image\.index|manifest\.list/.test(m.mediaType ?? '') || (m.mediaType === undefined && Array.isArray(m.manifests));

/** Attestations (provenance, SBOM) sit in an image index beside the image's own manifest. */
const isImageManifest = (d: Descriptor) => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' && d.platform?.os !== 'unknown';

class SavedArchive<L> {
  readonly small = new Map<string, Buffer>();
  readonly scanned = new Map<string, Promise<L>>();
  private readonly what: string;
  readonly readLayer: LayerReader<L>;

  constructor(what: string, readLayer: LayerReader<L>) {
    this.what = what;
    this.readLayer = readLayer;
  }

  has(name: string): boolean {
    return this.small.has(name);
  }

  text(name: string): string {
    const text = this.small.get(name);
    if (!text) throw new Error(`${this.what} lacks ${name}`);
    return text.toString('utf8');
  }

  json<T>(name: string): T {
    return JSON.parse(this.text(name)) as T;
  }

  async layer(name: string): Promise<L> {
    const scanned = this.scanned.get(name);
    if (scanned) return scanned.catch((error: Error) => Promise.reject(new Error(`${this.what}: layer ${name} could not be read: ${error.message}`)));
    const buffer = this.small.get(name);
    if (!buffer) throw new Error(`${this.what} lacks layer ${name}`);
    return this.readLayer(new PassThrough().end(buffer), name);
  }

  /** The image's own manifest: through nested indexes, skipping attestations. */
  ociManifest(): OciManifest {
    let node: OciManifest = this.json<OciIndex>('index.json');
    for (let depth = 0; isIndex(node) || depth === 0; depth++) {
      const candidates = (node.manifests ?? []).filter(isImageManifest);
      const chosen = candidates[0];
      if (!chosen) throw new Error(`${this.what}: its index names no image manifest`);
      if (candidates.length > 1 && !isIndex(chosen)) {
        const platforms = candidates.map((c) => `${c.platform?.os ?? '?'}/${c.platform?.architecture ?? '?'}`).join(', ');
        throw new Error(`${this.what}: its index names ${candidates.length} image manifests (${platforms}); save one platform`);
      }
      node = this.json<OciManifest>(blobPath(chosen.digest));
      if (depth > 4) throw new Error(`${this.what}: its indexes nest too deep`);
      if (!isIndex(node)) break;
    }
    return node;
  }
}

/**
 * Reads a `docker save` stream of one image: its config, and its layers read once by
 * `readLayer` (by default scanLayer: entries and both sizes).
 */
export async function readSavedImage<L = LayerScan>(
  saved: Readable,
  what = 'the saved image',
  readLayer: LayerReader<L> = scanLayer as unknown as LayerReader<L>,
): Promise<SavedImage<L>> {
  const archive = new SavedArchive<L>(what, readLayer);
  try {
    return await readArchive(saved, what, archive);
  } finally {
    // Every layer read ends before this returns or throws: one that failed first leaves none of
    // the others going (a spooled one keeps its file until it ends).
    await Promise.allSettled(archive.scanned.values());
  }
}

async function readArchive<L>(saved: Readable, what: string, archive: SavedArchive<L>): Promise<SavedImage<L>> {
  const readLayer = archive.readLayer;
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const name = header.name.replace(/^\.\//, '');
    const done = (error?: unknown) => (error ? extract.destroy(error as Error) : next());
    if (header.type !== 'file') {
      stream.on('end', () => done()).resume();
    } else if ((header.size ?? 0) <= inlineLimit && !name.endsWith('layer.tar')) {
      const chunks: Buffer[] = [];
      stream
        .on('data', (c: unknown) => chunks.push(c as Buffer))
        .on('end', () => {
          archive.small.set(name, Buffer.concat(chunks));
          done();
        });
    } else {
      // Not every large blob is a layer: a failed read counts only if a manifest names it.
      // The entry is read to its end either way (tee), and then the archive moves on, while a
      // reader that took the blob whole (spooled-layers.ts) may still be reading it: what it
      // makes of it is awaited with the manifest, below.
      const body = new PassThrough();
      const drained = tee(stream as unknown as Readable, [body]);
      const reading = readLayer(body, name);
      reading.catch(() => undefined);
      archive.scanned.set(name, reading);
      drained.then(
        () => done(),
        () => done(),
      );
    }
  });
  await pipeline(saved, extract);

  if (archive.has('manifest.json')) {
    const [manifest] = archive.json<{ Config: string; Layers: string[] }[]>('manifest.json');
    if (!manifest) throw new Error(`${what} has an empty manifest.json`);
    const layers: L[] = [];
    for (const layer of manifest.Layers) layers.push(await archive.layer(layer));
    const configText = archive.text(manifest.Config);
    return { format: archive.has('index.json') ? 'oci-layout' : 'docker-archive', config: JSON.parse(configText) as RawConfig, configText, layers };
  }
  if (archive.has('index.json')) {
    const manifest = archive.ociManifest();
    if (!manifest.config) throw new Error(`${what}: its manifest names no config`);
    const layers: L[] = [];
    for (const layer of manifest.layers ?? []) layers.push(await archive.layer(blobPath(layer.digest)));
    const configText = archive.text(blobPath(manifest.config.digest));
    return { format: 'oci-layout', config: JSON.parse(configText) as RawConfig, configText, layers };
  }
  throw new Error(`${what} has neither manifest.json nor index.json: not an image archive`);
}
