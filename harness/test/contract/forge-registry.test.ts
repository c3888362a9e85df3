// The forge never hides a real image: where a registry answers, the official image is pulled
// even if a stand-in of the same name is present (the stand-in is removed, and the status and
// describeBase say which is in use); where none answers, the stand-in stays. Shown with a
// registry on loopback that the test starts (support/local-registry.ts: Debian's
// docker-registry, which bootstrap installs): by a registry-qualified name on the shared engine,
// and by a plain Docker Hub name on a second engine of the test's own whose registry-mirrors
// point at it (support/second-engine.ts: the shared engine's daemon.json is never touched). A
// registry or engine that does not answer fails these tests: none of them skips.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '../../src/engine/build.ts';
import { docker, useEngine } from '../../src/engine/docker.ts';
import { ownedLabels } from '../../src/engine/ownership.ts';
import { describeBase, ensureBases } from '../../src/forge/index.ts';
import { findImage } from '../../src/forge/local-image.ts';
import { parseRef } from '../../src/dockerfile/refs.ts';
import { startLocalRegistry, type LocalRegistry } from './support/local-registry.ts';
import { mustRun } from './support/must-run.ts';
import { startSecondEngine } from './support/second-engine.ts';

let scratch: string;
let registry: LocalRegistry | undefined;
let unavailable = '';
const made: string[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'lab-forge-registry-'));
  const started = await startLocalRegistry();
  if (typeof started === 'string') unavailable = started;
  else registry = started;
});

afterAll(async () => {
  try {
    for (const ref of made)
      await docker()
        .getImage(ref)
        .remove({ force: true })
        .catch(() => undefined);
    await registry?.stop();
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
});

/** A recipe folder whose one image is a stand-in for `ref` (its content says so). */
async function standInRecipe(ref: string): Promise<string> {
  const bases = path.join(scratch, `bases-${made.length}`);
  await mkdir(path.join(bases, 'official'), { recursive: true });
  await writeFile(
    path.join(bases, 'official', 'recipe.json'),
    JSON.stringify({ description: 'a stand-in for a test', from: [], upstream: { test: '1' }, images: [{ target: 'standin', tags: [ref] }] }),
  );
  await writeFile(path.join(bases, 'official', 'content.txt'), 'stand-in\n');
  await writeFile(path.join(bases, 'official', 'Dockerfile'), 'FROM scratch AS standin\nCOPY content.txt /content.txt\n');
  return bases;
}

/** Builds an "official" image, pushes it to `pushAs` and removes it locally: only the registry has it. */
async function publish(pushAs: string): Promise<void> {
  const dir = path.join(scratch, `official-${made.length}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'content.txt'), 'official\n');
  await writeFile(path.join(dir, 'Dockerfile'), 'FROM scratch\nCOPY content.txt /content.txt\n');
  const built = await buildImage({ context: dir, dockerfile: path.join(dir, 'Dockerfile'), tag: pushAs, labels: ownedLabels() });
  const { repository, tag } = parseRef(pushAs);
  const stream = await docker()
    .getImage(pushAs)
    .push({ tag: tag ?? 'latest' });
  await new Promise<void>((resolve, reject) =>
    docker().modem.followProgress(stream, (error: Error | null, events: { error?: string }[]) => {
      const failed = error?.message ?? events.find((e) => e.error)?.error;
      return failed ? reject(new Error(`push of ${repository} failed: ${failed}`)) : resolve();
    }),
  );
  await docker().getImage(built.imageId).remove({ force: true });
}

async function forgeThenEnsure(ref: string): Promise<{ standIn: string; status: Awaited<ReturnType<typeof ensureBases>>[number] }> {
  made.push(ref);
  const basesDir = await standInRecipe(ref);
  const [forged] = await ensureBases({ refs: [ref], basesDir, pull: false, log: () => undefined });
  expect(forged?.origin).toBe('forged');
  const standIn = (await findImage(ref))!.Id;
  expect((await describeBase(ref)).origin).toBe('forged');
  const [status] = await ensureBases({ refs: [ref], basesDir, log: () => undefined });
  return { standIn, status: status! };
}

/** The registry the test started, or the reason it could not start one, as a failure. */
function answering(): LocalRegistry {
  if (!registry) throw new Error(`no registry on loopback: ${unavailable}`);
  return registry;
}

describe('where a registry answers', () => {
  mustRun('a registry on loopback can be started here (scripts/bootstrap.sh installs docker-registry)');

  it('the official image replaces a present stand-in of the same name, and says so', async () => {
    const registry = answering();
    const ref = `${registry.address}/lab-forge-test/official:1`;
    await publish(ref);
    const { standIn, status } = await forgeThenEnsure(ref);
    expect(status).toMatchObject({ ref, origin: 'pulled', replaced: standIn });
    expect((await describeBase(ref)).origin).toBe('pulled');
    expect(await findImage(standIn)).toBeNull();
  });

  it('by a plain name too, through an engine whose registry-mirrors point at it', async () => {
    const registry = answering();
    const engine = await startSecondEngine({ registryMirrors: [`http://${registry.address}`] });
    if (typeof engine === 'string') throw new Error(engine);
    const shared = useEngine(engine.host);
    try {
      expect(((await docker().info()) as { RegistryConfig?: { Mirrors?: string[] } }).RegistryConfig?.Mirrors).toEqual([`http://${registry.address}/`]);
      const name = `lab-forge-test-official-${process.pid}:1`;
      await publish(`${registry.address}/library/${name}`);
      const { standIn, status } = await forgeThenEnsure(name);
      expect(status).toMatchObject({ ref: name, origin: 'pulled', replaced: standIn });
      expect((await describeBase(name)).origin).toBe('pulled');
    } finally {
      shared();
      await engine.stop();
    }
  });
});

describe('where no registry answers', () => {
  it('the stand-in stays and is reported as present', async () => {
    // A registry address nothing listens on (port 9, discard): the pull fails at once.
    const ref = '127.0.0.1:9/lab-forge-test/official:1';
    const { standIn, status } = await forgeThenEnsure(ref);
    expect(status).toMatchObject({ ref, origin: 'present' });
    expect((await findImage(ref))?.Id).toBe(standIn);
    expect((await describeBase(ref)).origin).toBe('forged');
  });
});
