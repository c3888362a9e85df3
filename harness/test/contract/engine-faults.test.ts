// The engine goes away, or its disk fills, on a second engine of the
// test's own (support/second-engine.ts: its own data root and bridge; the shared engine is
// never restarted): a restart of the engine in the middle of a build, or while a container runs,
// fails that build or wait with one line that says what was lost and to run again, and the next
// build or run on the restarted engine passes with no clean-up by hand; a build with too little space under the engine's data root
// fails with a line that says so, how much was free, and how to free space.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BuildError, buildImage, type BuildRequest } from '../../src/engine/build.ts';
import { useEngine } from '../../src/engine/docker.ts';
import { countOwned, ownedLabels, removeOwned } from '../../src/engine/ownership.ts';
import { runContainer } from '../../src/run/container.ts';
import { startSecondEngine, type SecondEngine } from './support/second-engine.ts';
import { buildOnEnginesOwnBuilder } from './support/own-builder.ts';

let context: string;

beforeAll(async () => {
  context = await mkdtemp(path.join(tmpdir(), 'lab-engine-faults-'));
  // A restart or a full disk of the second engine must meet its own builder's builds.
  buildOnEnginesOwnBuilder();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(context, { recursive: true, force: true });
});

async function build(name: string, dockerfile: string, extra: Partial<BuildRequest> = {}) {
  const file = path.join(context, `${name}.Dockerfile`);
  await writeFile(file, dockerfile);
  return buildImage({ context, dockerfile: file, tag: `lab/engine-faults:${name}`, labels: ownedLabels(), extraFiles: { busybox: '/bin/busybox' }, ...extra });
}

/** Runs `body` with the harness pointed at a second engine of its own, stopped afterwards. */
async function onSecondEngine(options: Parameters<typeof startSecondEngine>[0], body: (engine: SecondEngine) => Promise<void>): Promise<void> {
  const engine = await startSecondEngine(options);
  if (typeof engine === 'string') throw new Error(engine);
  const restore = useEngine(engine.host);
  try {
    await body(engine);
  } finally {
    await removeOwned('run').catch(() => undefined);
    restore();
    await engine.stop();
  }
}

describe('the engine restarted in the middle of a build', () => {
  it('fails that build with one line saying the engine went away, and the next build passes', async () => {
    await onSecondEngine({}, async (engine) => {
      let restarted: Promise<void> | undefined;
      const error = await build(
        'restarted',
        'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "echo building; /bin/busybox sleep 60"]\n',
        {
          noCache: true,
          onProgress: (event) => {
            if (event.kind === 'log' && event.line.includes('building')) restarted ??= engine.restart();
          },
        },
      ).catch((e: unknown) => e);
      await restarted;
      expect(error).toBeInstanceOf(BuildError);
      expect((error as Error).message.split('\n')[0]).toMatch(
        /^build of lab\/engine-faults:restarted from .* failed: the Docker engine went away during the build \(.+\), so the image was not made; (it answers again: run again|run again once it answers)$/,
      );
      expect(await countOwned('run')).toEqual({ containers: 0, networks: 0, images: 0 });
      const next = await build('after-restart', 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "true"]\n');
      expect(next.imageId).toMatch(/^sha256:/);
    });
  });
});

describe('the engine restarted while a container runs', () => {
  it('fails the wait for its health with one line saying the engine went away, and the next run passes', async () => {
    await onSecondEngine({}, async (engine) => {
      // Never healthy: the wait goes on until the engine goes away under it.
      const dockerfile =
        'FROM scratch\nCOPY busybox /bin/busybox\nHEALTHCHECK --interval=1s CMD ["/bin/busybox", "false"]\nCMD ["/bin/busybox", "sleep", "600"]\n';
      await build('waits', dockerfile);
      await using container = await runContainer({ image: 'lab/engine-faults:waits', signal: new AbortController().signal });
      const waited = container.waitForHealthy(60_000).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await engine.restart();
      const error = await waited;
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(
        /^the Docker engine went away while lab\/engine-faults:waits ran \([^\n]+\), so it was not measured; (it answers again: run again|run again once it answers)$/,
      );
      // The next run on the restarted engine: started and answered, nothing cleaned by hand.
      await using next = await runContainer({
        image: 'lab/engine-faults:waits',
        command: ['/bin/busybox', 'sleep', '600'],
        signal: new AbortController().signal,
      });
      expect((await next.inspect()).State.Running).toBe(true);
    });
  });
});

describe('a full disk', () => {
  it('fails the build with a line that names the space and how to free it, and leaves nothing of the run', async () => {
    await onSecondEngine({ dataRootMiB: 48 }, async (engine) => {
      const error = await build(
        'full',
        'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "dd", "if=/dev/zero", "of=/big", "bs=1M", "count=100"]\n',
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BuildError);
      expect((error as Error).message.split('\n')[0]).toMatch(
        new RegExp(
          `^build of lab/engine-faults:full from .* failed: the engine's disk is full \\(no space left on device\\) under ${engine.dataRoot} \\(\\d+ MiB free of 48 MiB\\): ` +
            "free space with 'pnpm clean' \\(the lab's images, containers and cache mounts; 'docker builder prune' empties the rest of the build cache, other projects' too\\), or give the engine more, then run again$",
        ),
      );
      expect(await countOwned('run')).toEqual({ containers: 0, networks: 0, images: 0 });
    });
  });
});
