// LAB_BUILD_CACHE (engine/cache-export.ts), as CI uses it between runs: a builder whose own cache
// is gone (a fresh runner) imports the steps an earlier build exported and runs none of them
// again; without the import it runs them. Shown on a second engine of the test's own with the
// containerd image store, whose "docker" driver exports a cache (support/second-engine.ts; the
// shared engine's cache is never pruned); the shared engine's classic store cannot, and the
// build says what to do instead.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BuildError, buildImage, type BuildResult } from '../../src/engine/build.ts';
import { useEngine } from '../../src/engine/docker.ts';
import { engineFacts } from '../../src/engine/engine-facts.ts';
import { ownedLabels, removeOwned } from '../../src/engine/ownership.ts';
import { startSecondEngine } from './support/second-engine.ts';
import { buildOnEnginesOwnBuilder } from './support/own-builder.ts';

const run = promisify(execFile);
let context: string;
let dockerfile: string;

beforeAll(async () => {
  // Both cases are the engines' own "docker" driver's, whatever LAB_BUILDER names.
  buildOnEnginesOwnBuilder();
  context = await mkdtemp(path.join(tmpdir(), 'lab-cache-export-'));
  dockerfile = path.join(context, 'Dockerfile');
  // A toolchain stage whose work differs every time it runs (so a step run again shows), and an
  // image that keeps only its result: mode=max must keep the stage that is not in the image.
  await writeFile(
    dockerfile,
    [
      'FROM scratch AS work',
      'COPY busybox /bin/busybox',
      'RUN ["/bin/busybox", "sh", "-c", "/bin/busybox date +%s%N > /made"]',
      'FROM scratch',
      'COPY --from=work /made /made',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(context, { recursive: true, force: true });
});

/** Builds the fixture with LAB_BUILD_CACHE set to `cache` (or unset). */
async function build(tag: string, cache: string | undefined): Promise<BuildResult> {
  const saved = process.env.LAB_BUILD_CACHE;
  if (cache) process.env.LAB_BUILD_CACHE = cache;
  else delete process.env.LAB_BUILD_CACHE;
  try {
    return await buildImage({ context, dockerfile, tag: `lab/cache-export:${tag}`, labels: ownedLabels(), extraFiles: { busybox: '/bin/busybox' } });
  } finally {
    if (saved === undefined) delete process.env.LAB_BUILD_CACHE;
    else process.env.LAB_BUILD_CACHE = saved;
  }
}

const runStep = (result: BuildResult) => result.steps.find((s) => s.name.includes('date +%s%N'));

describe('LAB_BUILD_CACHE on a builder that exports its cache', () => {
  it("imports what an earlier build exported once the builder's own cache is gone, and runs the step again without it", async () => {
    const engine = await startSecondEngine({ containerdStore: true });
    if (typeof engine === 'string') throw new Error(engine);
    const restore = useEngine(engine.host);
    const store = path.join(context, 'cache');
    const emptyBuilderCache = () => run('docker', ['builder', 'prune', '--all', '--force'], { env: { ...process.env, DOCKER_HOST: engine.host } });
    try {
      // One tag: the cache's scope is the image's name and target, as a CI job's next run builds it.
      const first = await build('same', `local:${store}`);
      expect(runStep(first)?.cached).toBe(false);
      await emptyBuilderCache();
      const imported = await build('same', `local:${store}`);
      expect(runStep(imported), imported.steps.map((s) => `${s.cached ? 'CACHED ' : ''}${s.name}`).join('\n')).toMatchObject({ cached: true });
      await emptyBuilderCache();
      const without = await build('same', undefined);
      expect(runStep(without)?.cached).toBe(false);
    } finally {
      await removeOwned('run').catch(() => undefined);
      restore();
      await engine.stop();
    }
  });
});

describe('LAB_BUILD_CACHE on the classic image store\'s "docker" driver', () => {
  it('fails the build with what to do instead: another builder, the containerd store, or no cache', async (test) => {
    const { imageStore } = await engineFacts();
    if (imageStore !== 'classic') test.skip(`this engine uses the ${imageStore} image store, whose "docker" driver exports a cache`);
    const error = await build('refused', `local:${path.join(context, 'refused')}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as Error).message.split('\n')[0]).toMatch(
      /failed: LAB_BUILD_CACHE asks for BuildKit's cache to be exported, which the "docker" driver cannot do on the classic image store: name a docker-container or remote builder with LAB_BUILDER/,
    );
  });
});
