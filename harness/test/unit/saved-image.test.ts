// The same two-layer image saved the three ways engines write it: a docker-archive (engines
// before 25), an OCI layout with manifest.json beside it and gzip'd blobs (the containerd store
// of Docker 25+), and an OCI layout with only index.json, an attestation beside the image and a
// zstd blob. Sizes, layers and the final filesystem must come out the same from all three.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { gzipSync, zstdCompressSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { factsOfSavedImage } from '../../src/inspect/image.ts';
import { compressionOf } from '../../src/inspect/blob-streams.ts';
import { keptLayerScans } from '../../src/inspect/kept-layers.ts';
import { scanLayer, type LayerScan } from '../../src/inspect/layer-scan.ts';
import { isDpkgDatabase } from '../../src/inspect/dpkg.ts';
import { readSavedImage, type SavedImage } from '../../src/inspect/saved-image.ts';
import { spooled } from '../../src/inspect/spooled-layers.ts';

interface Entry {
  name: string;
  content?: Buffer | string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  linkname?: string;
}

async function tarOf(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const content = type === 'file' ? Buffer.from(entry.content ?? '') : Buffer.alloc(0);
    await new Promise<void>((resolve, reject) =>
      pack.entry(
        // A fixed mtime: tars made at different moments must be byte for byte the same (the gzip'd size compares them).
        {
          name: entry.name,
          type,
          mode: type === 'directory' ? 0o755 : 0o644,
          mtime: new Date(0),
          size: content.length,
          ...(entry.linkname ? { linkname: entry.linkname } : {}),
        },
        content,
        (error?: Error | null) => (error ? reject(error) : resolve()),
      ),
    );
  }
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

// A 2 MB layer goes through the streaming path (blobs over 1 MB are scanned as they arrive).
const big = Buffer.alloc(2_000_000, 'x');
const lowerLayer: Entry[] = [
  { name: 'usr/', type: 'directory' },
  { name: 'usr/bin/', type: 'directory' },
  { name: 'usr/bin/gcc', content: 'compiler' },
  { name: 'usr/bin/cc', type: 'symlink', linkname: 'gcc' },
  { name: 'usr/bin/gcc-14', type: 'link', linkname: 'usr/bin/gcc' },
  { name: 'app/', type: 'directory' },
  { name: 'app/big.bin', content: big },
];
const upperLayer: Entry[] = [
  { name: 'usr/bin/.wh.gcc', content: '' },
  { name: 'app/server', content: 'binary!' },
];
const config = {
  architecture: 'amd64',
  os: 'linux',
  config: { User: '65532:65532', Labels: { 'org.opencontainers.image.version': '1.0.0' }, Cmd: ['/app/server'] },
  history: [{ created_by: 'COPY rootfs / # buildkit' }, { created_by: 'LABEL x=y', empty_layer: true }, { created_by: 'COPY server /app/server # buildkit' }],
  rootfs: { type: 'layers', diff_ids: [] },
};
// Regular files' bytes; the directories, the symlink, the hard link and the whiteout count nothing.
const expectedUncompressed = 'compiler'.length + big.length + 'binary!'.length;

const sha = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const blobPath = (digest: string) => `blobs/sha256/${digest.slice('sha256:'.length)}`;

async function archive(files: [string, Buffer][]): Promise<PassThrough> {
  const stream = new PassThrough();
  stream.end(await tarOf(files.map(([name, content]) => ({ name, content }))));
  return stream;
}

/** `docker save` as engines before 25 write it: manifest.json and <id>/layer.tar. */
async function dockerArchive(): Promise<PassThrough> {
  const layers = [await tarOf(lowerLayer), await tarOf(upperLayer)];
  const configJson = Buffer.from(JSON.stringify(config));
  const manifest = [{ Config: 'abc123.json', RepoTags: ['lab/fixture:multi'], Layers: ['l1/layer.tar', 'l2/layer.tar'] }];
  return archive([
    ['abc123.json', configJson],
    ['l1/layer.tar', layers[0]!],
    ['l2/layer.tar', layers[1]!],
    ['manifest.json', Buffer.from(JSON.stringify(manifest))],
  ]);
}

/** An OCI layout; `compress` makes each layer blob, `dockerManifest` adds manifest.json beside index.json. */
async function ociLayout(compress: (tar: Buffer, index: number) => Buffer, dockerManifest: boolean): Promise<PassThrough> {
  const blobs: [string, Buffer][] = [];
  const add = (data: Buffer) => {
    const digest = sha(data);
    blobs.push([blobPath(digest), data]);
    return { digest, size: data.length };
  };
  const layerBlobs = [compress(await tarOf(lowerLayer), 0), compress(await tarOf(upperLayer), 1)];
  const layers = layerBlobs.map((blob) => ({
    mediaType: `application/vnd.oci.image.layer.v1.tar${compressionOf(blob) === 'none' ? '' : `+${compressionOf(blob)}`}`,
    ...add(blob),
  }));
  const configDescriptor = { mediaType: 'application/vnd.oci.image.config.v1+json', ...add(Buffer.from(JSON.stringify(config))) };
  const manifest = add(
    Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: configDescriptor, layers })),
  );
  // An attestation manifest beside the image's own, with a large non-tar blob (> 1 MB, so it is scanned and must be ignored).
  const statement = add(Buffer.from(JSON.stringify({ _type: 'https://in-toto.io/Statement/v0.1', padding: 'y'.repeat(1_200_000) })));
  const attestationConfig = add(Buffer.from(JSON.stringify({ architecture: 'unknown', os: 'unknown' })));
  const attestation = add(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: attestationConfig,
        layers: [{ mediaType: 'application/vnd.in-toto+json', ...statement }],
      }),
    ),
  );
  const imageIndex = add(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, platform: { architecture: 'amd64', os: 'linux' } },
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            ...attestation,
            platform: { architecture: 'unknown', os: 'unknown' },
            annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': manifest.digest },
          },
        ],
      }),
    ),
  );
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', ...imageIndex }],
  };
  const files: [string, Buffer][] = [
    ...blobs,
    ['index.json', Buffer.from(JSON.stringify(index))],
    ['oci-layout', Buffer.from('{"imageLayoutVersion":"1.0.0"}')],
  ];
  if (dockerManifest) {
    files.push([
      'manifest.json',
      Buffer.from(
        JSON.stringify([{ Config: blobPath(configDescriptor.digest), RepoTags: ['lab/fixture:multi'], Layers: layers.map((l) => blobPath(l.digest)) }]),
      ),
    ]);
  }
  return archive(files);
}

async function factsOf(stream: PassThrough) {
  const saved = await readSavedImage(stream, 'the fixture');
  return { format: saved.format, facts: factsOfSavedImage('lab/fixture:multi', 'sha256:fixture', saved) };
}

describe('an image saved by either image store', () => {
  it('reads a docker-archive (manifest.json and plain layer.tar files)', async () => {
    const { format, facts } = await factsOf(await dockerArchive());
    expect(format).toBe('docker-archive');
    expect(facts.uncompressedBytes).toBe(expectedUncompressed);
    expect(facts.layers.map((l) => l.instruction)).toEqual(['COPY rootfs /', 'COPY server /app/server']);
    expect(facts.layers.map((l) => l.uncompressedBytes)).toEqual([expectedUncompressed - 'binary!'.length, 'binary!'.length]);
    expect(facts.config.user).toBe('65532:65532');
  });

  it('applies the whiteout: gcc is gone from the final filesystem, its symlink and hard link stay', async () => {
    const { facts } = await factsOf(await dockerArchive());
    const paths = facts.files.map((f) => f.path);
    expect(paths).not.toContain('/usr/bin/gcc');
    expect(paths).toEqual(expect.arrayContaining(['/usr/bin/cc', '/usr/bin/gcc-14', '/app/big.bin', '/app/server']));
    expect(facts.files.find((f) => f.path === '/app/server')).toMatchObject({ layer: 1 });
  });

  it('reads an OCI layout with gzip-compressed blobs and a manifest.json (the containerd store), to the same figures', async () => {
    const classic = (await factsOf(await dockerArchive())).facts;
    const { format, facts } = await factsOf(await ociLayout((t) => gzipSync(t, { level: 1 }), true));
    expect(format).toBe('oci-layout');
    expect(facts.uncompressedBytes).toBe(classic.uncompressedBytes);
    // Compressed size is gzip of the uncompressed tar at the default level, not the blob as stored (level 1 here).
    expect(facts.compressedBytes).toBe(classic.compressedBytes);
    expect(facts.layers).toEqual(classic.layers);
    expect(facts.files).toEqual(classic.files);
  });

  it('reads an OCI layout with only index.json, through a nested index, skipping the attestation, a zstd blob among gzip', async () => {
    const classic = (await factsOf(await dockerArchive())).facts;
    const { format, facts } = await factsOf(await ociLayout((t, i) => (i === 0 ? zstdCompressSync(t) : gzipSync(t)), false));
    expect(format).toBe('oci-layout');
    expect(facts.uncompressedBytes).toBe(classic.uncompressedBytes);
    expect(facts.compressedBytes).toBe(classic.compressedBytes);
    expect(facts.files).toEqual(classic.files);
  });

  it('measures the uncompressed size alone, the same, when asked not to gzip', async () => {
    const saved = await readSavedImage(await ociLayout((t) => gzipSync(t), true), 'the fixture', (blob) => scanLayer(blob, { gzip: false }));
    expect(saved.layers.reduce((sum, l) => sum + l.uncompressedBytes, 0)).toBe(expectedUncompressed);
    expect(saved.layers.map((l) => l.compressedBytes)).toEqual([0, 0]);
  });

  it('says what is missing when an archive is not an image', async () => {
    await expect(readSavedImage(await archive([['hello.txt', Buffer.from('hi')]]), 'the fixture')).rejects.toThrow(
      'the fixture has neither manifest.json nor index.json: not an image archive',
    );
  });
});

describe('a layer shared by images', () => {
  /** A reader keeping scans in a fresh folder, counting the layers it had to scan. */
  async function counted() {
    const dir = await mkdtemp(path.join(tmpdir(), 'kept-layers-'));
    const scanned: number[] = [];
    const reader = keptLayerScans(dir, async (blob) => {
      const scan = await scanLayer(blob);
      scanned.push(scan.uncompressedBytes);
      return scan;
    });
    return { dir, scanned, reader };
  }

  it("is scanned (and gzip'd) once: a second image with the same blobs is answered from the kept scans, to the same facts", async () => {
    const { dir, scanned, reader } = await counted();
    try {
      const first = factsOfSavedImage('a', 'sha256:a', await readSavedImage(await ociLayout((t) => gzipSync(t), true), 'the fixture', reader));
      expect(scanned).toHaveLength(2);
      const again = factsOfSavedImage('a', 'sha256:a', await readSavedImage(await ociLayout((t) => gzipSync(t), true), 'the fixture', reader));
      expect(scanned).toHaveLength(2);
      expect(again).toEqual(first);
      expect(again.compressedBytes).toBe((await factsOf(await dockerArchive())).facts.compressedBytes);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is scanned every time from a docker-archive, whose `<id>/layer.tar` names are no content address', async () => {
    const { dir, scanned, reader } = await counted();
    try {
      await readSavedImage(await dockerArchive(), 'the fixture', reader);
      await readSavedImage(await dockerArchive(), 'the fixture', reader);
      expect(scanned).toHaveLength(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("an image's layers, spooled", () => {
  /** A docker-archive of two layers of over 1 MB each: both stream by as the archive is read. */
  async function twoBigLayers(): Promise<PassThrough> {
    const layers = [await tarOf(lowerLayer), await tarOf([{ name: 'app/other.bin', content: Buffer.alloc(1_500_000, 'y') }])];
    const manifest = [{ Config: 'abc123.json', Layers: ['l1/layer.tar', 'l2/layer.tar'] }];
    return archive([
      ['abc123.json', Buffer.from(JSON.stringify(config))],
      ['l1/layer.tar', layers[0]!],
      ['l2/layer.tar', layers[1]!],
      ['manifest.json', Buffer.from(JSON.stringify(manifest))],
    ]);
  }

  it('are scanned side by side, to the same scans: the archive moves on while the first layer is still being read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spooled-'));
    try {
      let started = 0;
      let secondStarted: () => void = () => undefined;
      const second = new Promise<void>((resolve) => (secondStarted = resolve));
      // The first read waits for the second to begin: read one after the other, it never would.
      const read = async (blob: Readable) => {
        if (++started === 2) secondStarted();
        else await second;
        return scanLayer(blob);
      };
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the layers were read one after the other')), 5_000));
      const saved = await Promise.race([readSavedImage(await twoBigLayers(), 'the fixture', spooled(read, { parallel: 2, dir })), timeout]);
      const direct = await readSavedImage(await twoBigLayers(), 'the fixture');
      expect(saved.layers).toEqual(direct.layers);
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("are read at most `parallel` at once, and a failed read leaves no file behind, its own or another read's still going", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'spooled-'));
    try {
      let active = 0;
      let most = 0;
      const read = async (blob: Readable) => {
        most = Math.max(most, ++active);
        await new Promise((resolve) => setTimeout(resolve, 50));
        active--;
        return scanLayer(blob);
      };
      await readSavedImage(await twoBigLayers(), 'the fixture', spooled(read, { parallel: 1, dir }));
      expect(most).toBe(1);
      // The first read fails at once, the other is still going: its file goes before the error does.
      let reads = 0;
      const failing = spooled(
        async (blob: Readable) => {
          blob.resume();
          if (++reads === 1) throw new Error('unreadable');
          await new Promise((resolve) => setTimeout(resolve, 300));
          throw new Error('unreadable too');
        },
        { dir },
      );
      await expect(readSavedImage(await twoBigLayers(), 'the fixture', failing)).rejects.toThrow('unreadable');
      expect(await readdir(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the OS packages, read on the inspection's one pass", () => {
  const stanza = (name: string) => `Package: ${name}\nStatus: install ok installed\n`;
  async function layer(entries: Entry[]): Promise<LayerScan> {
    const stream = new PassThrough();
    stream.end(await tarOf(entries));
    return scanLayer(stream, { keep: isDpkgDatabase });
  }
  const facts = (layers: LayerScan[]) =>
    factsOfSavedImage('a', 'sha256:a', { format: 'oci-layout', config: {}, configText: '{}', layers } satisfies SavedImage);

  it("counts the dpkg database the final filesystem holds: an upper layer's rewrite wins, a whiteout removes it", async () => {
    const base = await layer([
      { name: 'var/lib/dpkg/status', content: [stanza('base-files'), stanza('libc6')].join('\n') },
      { name: 'etc/os-release', content: 'x' },
    ]);
    expect(base.texts).toEqual({ '/var/lib/dpkg/status': expect.stringContaining('libc6') });
    expect(facts([base]).osPackages).toEqual({ os: 2, osSource: 'dpkg status' });
    const added = await layer([{ name: 'var/lib/dpkg/status', content: [stanza('base-files'), stanza('libc6'), stanza('curl')].join('\n') }]);
    expect(facts([base, added]).osPackages).toEqual({ os: 3, osSource: 'dpkg status' });
    const removed = await layer([{ name: 'var/lib/dpkg/.wh.status', content: '' }]);
    expect(facts([base, removed]).osPackages).toEqual({ os: 0, osSource: 'none' });
  });

  it("counts distroless's status.d (one file a package), and says nothing where the texts were not kept", async () => {
    const distroless = await layer([
      { name: 'var/lib/dpkg/status.d/base-files', content: 'Package: base-files\n' },
      { name: 'var/lib/dpkg/status.d/tzdata', content: 'Package: tzdata\n' },
    ]);
    expect(facts([distroless]).osPackages).toEqual({ os: 2, osSource: 'dpkg status.d' });
    const { texts: _, ...unkept } = distroless;
    expect(facts([unkept]).osPackages).toBeUndefined();
  });
});

describe('one layer blob', () => {
  it('is recognised as gzip, zstd or a plain tar by its first bytes', async () => {
    const layer = await tarOf(upperLayer);
    expect(compressionOf(gzipSync(layer))).toBe('gzip');
    expect(compressionOf(zstdCompressSync(layer))).toBe('zstd');
    expect(compressionOf(layer)).toBe('none');
  });

  it('that is not a tar fails its scan, and is still read to its end', async () => {
    const stream = new PassThrough();
    stream.end(Buffer.from(JSON.stringify({ not: 'a tar', padding: 'z'.repeat(100_000) })));
    await expect(scanLayer(stream)).rejects.toThrow();
    expect(stream.readableEnded).toBe(true);
  });
});
