// What the contract results depend on outside the repository: the fingerprint turbo keys
// test:contract on moves when a base image is retagged to other content, when a host file an
// image copies changes, and stays put when nothing changed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppEntry } from '../../src/catalogue/types.ts';
import { buildImage } from '../../src/engine/build.ts';
import { docker } from '../../src/engine/docker.ts';
import { ownedLabels } from '../../src/engine/ownership.ts';
import { findImage } from '../../src/forge/local-image.ts';
import { digestOf, measurementFingerprint } from '../../src/measure/fingerprint.ts';

const base = 'lab-fingerprint-test/base:1';
let dir: string;
let fixture: AppEntry;
const ids: string[] = [];

async function image(content: string): Promise<string> {
  await writeFile(path.join(dir, 'content.txt'), content);
  await writeFile(path.join(dir, 'base.Dockerfile'), 'FROM scratch\nCOPY content.txt /content.txt\n');
  const built = await buildImage({
    context: dir,
    dockerfile: path.join(dir, 'base.Dockerfile'),
    tag: `lab-fingerprint-test/build:${ids.length}`,
    labels: ownedLabels(),
  });
  ids.push(built.imageId);
  return built.imageId;
}

async function tagAs(id: string, ref: string): Promise<void> {
  const [repo, tag] = ref.split(':') as [string, string];
  await docker().getImage(id).tag({ repo, tag });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lab-fingerprint-'));
  await writeFile(path.join(dir, 'multi.Dockerfile'), `FROM ${base} AS production\n`);
  await writeFile(path.join(dir, 'host-file'), 'version 1');
  fixture = {
    name: 'fingerprint-fixture',
    title: 'fixture',
    context: dir,
    dockerfiles: { single: path.join(dir, 'multi.Dockerfile'), multi: path.join(dir, 'multi.Dockerfile') },
    productionTarget: 'production',
    hostFiles: { 'bin/tool': path.join(dir, 'host-file') },
    limits: { uncompressedBytes: { limit: 1, measured: 1 }, compressedBytes: { limit: 1, measured: 1 }, healthyWithinMs: { limit: 0, measured: 0 } },
    deny: [],
    runs: [],
  };
});

afterAll(async () => {
  await docker()
    .getImage(base)
    .remove({ noprune: true })
    .catch(() => undefined);
  for (const id of ids)
    await docker()
      .getImage(id)
      .remove({ force: true })
      .catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

describe('the fingerprint of what results depend on outside the repository', () => {
  it('moves when a base image is retagged to different content, and moves back with it', async () => {
    const first = await image('the base as it was');
    const other = await image('the base, changed');
    await tagAs(first, base);
    const before = await measurementFingerprint([fixture], [fixture]);
    expect(before.bases).toEqual({ [base]: first });
    expect(digestOf(await measurementFingerprint([fixture], [fixture]))).toBe(digestOf(before));

    await tagAs(other, base);
    const after = await measurementFingerprint([fixture], [fixture]);
    expect(after.bases).toEqual({ [base]: other });
    expect(digestOf(after)).not.toBe(digestOf(before));

    await tagAs(first, base);
    expect(digestOf(await measurementFingerprint([fixture], [fixture]))).toBe(digestOf(before));
  });

  it('moves when a host file an image copies changes', async () => {
    const before = await measurementFingerprint([fixture], [fixture]);
    await writeFile(path.join(dir, 'host-file'), 'version 2');
    const after = await measurementFingerprint([fixture], [fixture]);
    expect(Object.keys(after.hostFiles)).toEqual([path.join(dir, 'host-file')]);
    expect(digestOf(after)).not.toBe(digestOf(before));
  });

  it('names the engine: version, storage driver and image store', async () => {
    const { engine } = await measurementFingerprint([fixture], [fixture]);
    expect(engine.version).toBe((await docker().version()).Version);
    expect(engine.storageDriver).toMatch(/\w/);
    expect(['classic', 'containerd']).toContain(engine.imageStore);
  });

  it('names what builds and measures: the builder, Node and zlib, Chromium, the registry mirrors, and every image the recipes make', async () => {
    const fingerprint = await measurementFingerprint([fixture], [fixture]);
    const info = (await docker().info()) as { RegistryConfig?: { Mirrors?: string[] | null } };
    expect(fingerprint.engine.registryMirrors).toEqual([...(info.RegistryConfig?.Mirrors ?? [])].sort());
    expect(fingerprint.builder).toMatchObject({
      buildx: expect.stringMatching(/^\d+\.\d+/),
      name: expect.stringMatching(/\w/),
      driver: expect.stringMatching(/\w/),
    });
    expect(fingerprint.builder.buildkit.length).toBeGreaterThan(0);
    expect(fingerprint.tools).toMatchObject({ node: process.versions.node, zlib: process.versions.zlib });
    // The trust test runs eclipse-temurin:25-jre whatever LAB_APPS says: its id is in the key.
    expect(fingerprint.recipeImages['eclipse-temurin:25-jre']).toBe((await findImage('eclipse-temurin:25-jre'))?.Id ?? 'absent');
  });
});
