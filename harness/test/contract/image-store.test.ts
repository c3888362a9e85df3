// Sizes, layers and the final filesystem read from a real `docker save`, on whichever image
// store the engine uses (CI runs this on both): an image whose files are known to the byte.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildImage } from '../../src/engine/build.ts';
import { docker } from '../../src/engine/docker.ts';
import { engineFacts } from '../../src/engine/engine-facts.ts';
import { ownedLabels } from '../../src/engine/ownership.ts';
import { inspectImage, uncompressedSizeOf, type ImageFacts } from '../../src/inspect/image.ts';
import { buildOnEnginesOwnBuilder } from './support/own-builder.ts';

let context: string;
let facts: ImageFacts;
/** Measured alone first (no gzip), before the full inspection caches the facts. */
let sizeAlone: number;
const busybox = '/bin/busybox';

beforeAll(async () => {
  // The engine's own builder: an image a remote builder made and loaded is a few bytes off the
  // classic store's Size (1984261 against 1984256 with LAB_BUILDER=lab-remote, 8 Dec 2026).
  buildOnEnginesOwnBuilder();
  context = await mkdtemp(path.join(tmpdir(), 'lab-image-store-'));
  await mkdir(path.join(context, 'data'));
  // Fresh bytes each run: a new image, so nothing measured earlier is replayed from the cache.
  await writeFile(path.join(context, 'data/a.bin'), randomBytes(1000));
  await symlink('a.bin', path.join(context, 'data/link'));
  const dockerfile = path.join(context, 'Dockerfile');
  await writeFile(
    dockerfile,
    [
      'FROM scratch',
      'COPY busybox /bin/busybox',
      'COPY data/ /data/',
      // The same 1000 bytes again in a second layer, then deleted in a third (a whiteout).
      'COPY data/a.bin /data/b.bin',
      'RUN ["/bin/busybox", "rm", "/data/b.bin"]',
      '',
    ].join('\n'),
  );
  const tag = `lab/image-store:${Date.now().toString(36)}`;
  await buildImage({ context, dockerfile, tag, labels: ownedLabels(), extraFiles: { busybox } });
  sizeAlone = await uncompressedSizeOf(tag);
  facts = await inspectImage(tag);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(context, { recursive: true, force: true });
});

describe(`an image on this engine's image store`, () => {
  it('is as large as the regular files of all its layers, whatever the store', () => {
    const busyboxBytes = statSync(busybox).size;
    expect(facts.layers.map((l) => l.uncompressedBytes)).toEqual([busyboxBytes, 1000, 1000, 0]);
    expect(facts.uncompressedBytes).toBe(busyboxBytes + 2000);
    expect(facts.compressedBytes).toBeGreaterThan(0);
    expect(facts.compressedBytes).toBeLessThan(facts.uncompressedBytes);
  });

  it('has the final filesystem its layers make: the deleted file is gone, the symlink stays', () => {
    const paths = facts.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['/bin/busybox', '/data/a.bin', '/data/link']));
    expect(paths).not.toContain('/data/b.bin');
    expect(facts.layers.map((l) => l.instruction)).toEqual([
      'COPY busybox /bin/busybox',
      'COPY data/ /data/',
      'COPY data/a.bin /data/b.bin',
      'RUN /bin/busybox rm /data/b.bin',
    ]);
  });

  it('measures the same alone (the forge and the fidelity table) as with the rest', () => {
    expect(sizeAlone).toBe(facts.uncompressedBytes);
  });

  it("on the classic store, equals docker image inspect's Size to the byte; on the containerd store, inspect's Size is the stored (compressed) content", async () => {
    const engine = await engineFacts();
    const info = await docker().getImage(facts.id).inspect();
    if (engine.imageStore === 'classic') expect(info.Size).toBe(facts.uncompressedBytes);
    else expect(info.Size).toBeLessThan(facts.uncompressedBytes);
  });
});
