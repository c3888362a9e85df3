// How the harness behaves when things go wrong, on the real engine: a failing or hanging build
// says which step and shows its output; a container that never becomes healthy shows its logs
// and health-check output; and nothing the harness makes is left behind, even when a run is killed.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BuildError, buildImage, cancelInFlightBuilds, type BuildRequest } from '../../src/engine/build.ts';
import { cacheMountRecords, emptyCacheMounts } from '../../src/engine/cache-mounts.ts';
import { docker } from '../../src/engine/docker.ts';
import { countOwned, ownedLabels, ownerLabel, removeOwned } from '../../src/engine/ownership.ts';
import { fromRepo } from '../../src/paths.ts';
import { runContainer } from '../../src/run/container.ts';
import { buildOnEnginesOwnBuilder } from './support/own-builder.ts';

let context: string;

async function build(dockerfile: string, extra: Partial<BuildRequest> = {}) {
  const file = path.join(context, `${Math.random().toString(36).slice(2)}.Dockerfile`);
  await writeFile(file, dockerfile);
  return buildImage({
    context,
    dockerfile: file,
    tag: `lab/behaviour:${path.basename(file, '.Dockerfile')}`,
    labels: ownedLabels(),
    extraFiles: { busybox: '/bin/busybox' },
    ...extra,
  });
}

function uniqueMountId(purpose: string): string {
  return `lab-behaviour-${purpose}-${Math.random().toString(36).slice(2)}`;
}

/** A build whose RUN holds a cache mount while it sleeps: the mount is in use exactly while the RUN runs. */
function hangingBuild(mount: string): string {
  return `FROM scratch\nCOPY busybox /bin/busybox\nRUN --mount=type=cache,id=${mount},target=/cache ["/bin/busybox", "sh", "-c", "echo waiting; /bin/busybox sleep 600"]\n`;
}

async function waitFor(condition: () => Promise<boolean>, withinMs: number, message: string): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The engine no longer runs the build: its RUN's cache mount is released. Then the mount goes. */
async function expectBuildStopped(mount: string): Promise<void> {
  await waitFor(
    async () => (await cacheMountRecords([mount])).every((r) => !r.inUse),
    15_000,
    `the engine still runs the cancelled build (cache mount ${mount} in use)`,
  );
  await emptyCacheMounts([mount]);
}

beforeAll(async () => {
  context = await mkdtemp(path.join(tmpdir(), 'lab-behaviour-'));
});
afterAll(async () => {
  await rm(context, { recursive: true, force: true });
});

describe('a failing build', () => {
  // Cancelled on the engine: its own builder's, whose cache mounts show the build in use.
  beforeAll(() => buildOnEnginesOwnBuilder());
  afterAll(() => vi.unstubAllEnvs());
  it('names the failing step and shows its last 30 lines of output', async () => {
    const error = await build(
      'FROM scratch AS app\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "for i in $(/bin/busybox seq 1 40); do echo output line $i; done; exit 7"]\n',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    const failure = error as BuildError;
    expect(failure.failingStep).toMatch(/^\[2\/2\] RUN \["\/bin\/busybox", "sh", "-c"/);
    expect(failure.logTail).toHaveLength(30);
    expect(failure.logTail.at(-1)).toBe('output line 40');
    expect(failure.message).toContain('exit code: 7');
    expect(failure.message).toContain('  | output line 11');
  });

  it('with a build secret does the same', async () => {
    const secret = path.join(context, 'secret');
    await writeFile(secret, 'behaviour-secret', { mode: 0o600 });
    const error = await build(
      'FROM scratch AS app\nCOPY busybox /bin/busybox\nRUN --mount=type=secret,id=token ["/bin/busybox", "sh", "-c", "test -s /run/secrets/token && for i in $(/bin/busybox seq 1 40); do echo output line $i; done; exit 7"]\n',
      { secrets: [{ id: 'token', src: secret }] },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    const failure = error as BuildError;
    expect(failure.failingStep).toMatch(/^\[(app )?2\/2\] RUN --mount=type=secret,id=token \["\/bin\/busybox", "sh", "-c"/);
    expect(failure.logTail).toHaveLength(30);
    expect(failure.logTail.at(-1)).toBe('output line 40');
    expect(failure.message).toContain('exit code: 7');
    expect(failure.message).toContain('  | output line 11');
  });

  it('never comes from a Dockerfile that mounts an optional secret it was not given', async () => {
    // Through the engine API (no BuildKit session of the client's) such a step, a few seconds into
    // the build, waits for a session and fails: "no active session ... context deadline
    // exceeded". buildx opens the session, and the optional secret is simply absent.
    const result = await build(
      'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sleep", "6"]\n' +
        'RUN --mount=type=secret,id=token,required=false ["/bin/busybox", "sh", "-c", "test ! -e /run/secrets/token && echo built without the secret"]\n',
      { noCache: true },
    );
    expect(result.steps.some((s) => s.name.includes('--mount=type=secret') && !s.cached)).toBe(true);
  });

  it('that hangs is stopped at its time limit, naming the step it hung in, and the engine stops it too', async () => {
    const began = Date.now();
    const mount = uniqueMountId('hung');
    const error = await build(hangingBuild(mount), { timeoutMs: 4_000 }).catch((e: unknown) => e);
    expect(Date.now() - began).toBeLessThan(30_000);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toMatch(/no result within 4 s \(time limit\); the build was cancelled/);
    expect((error as BuildError).failingStep).toContain('sleep 600');
    await expectBuildStopped(mount);
  });

  it('still running when its test ends is cancelled, on the engine too', async () => {
    const mount = uniqueMountId('orphan');
    const pending = build(hangingBuild(mount), { timeoutMs: 10 * 60_000 }).catch((e: unknown) => e);
    await waitFor(
      async () => (await cacheMountRecords([mount])).some((r) => r.inUse),
      60_000,
      `the build never started its RUN (cache mount ${mount} not in use)`,
    );
    expect(await cancelInFlightBuilds()).toBe(1);
    const error = await pending;
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toContain('cancelled: the test that started it ended');
    await expectBuildStopped(mount);
  });
});

describe('BuildKit cache mounts', () => {
  it('are emptied by their ids only: a mount another project names on the same engine is left alone', async () => {
    const own = uniqueMountId('own');
    const other = uniqueMountId('other-project');
    const fill = (id: string) => `RUN --mount=type=cache,id=${id},target=/cache ["/bin/busybox", "sh", "-c", "echo filled > /cache/${id}"]\n`;
    await build(`FROM scratch\nCOPY busybox /bin/busybox\n${fill(own)}${fill(other)}`);
    expect((await cacheMountRecords([own, other])).map((r) => r.mountId).sort()).toEqual([other, own].sort());
    expect((await emptyCacheMounts([own])).map((r) => r.mountId)).toEqual([own]);
    expect((await cacheMountRecords([own, other])).map((r) => r.mountId)).toEqual([other]);
    await emptyCacheMounts([other]); // the test's own stand-in for another project's mount
  });
});

describe('a container that never becomes healthy', () => {
  it('fails with its state, its health-check output and its logs, and is removed', async () => {
    const tag = (
      await build(
        'FROM scratch\nCOPY busybox /bin/busybox\nHEALTHCHECK --interval=1s --retries=2 CMD ["/bin/busybox", "sh", "-c", "echo probe says no; exit 1"]\n' +
          'ENTRYPOINT ["/bin/busybox", "sh", "-c", "echo starting up; trap \'exit 0\' TERM; /bin/busybox sleep 600 & wait"]\n',
      )
    ).tag;
    let id = '';
    const error = await (async () => {
      await using container = await runContainer({ image: tag });
      id = container.id;
      await container.waitForHealthy(6_000);
    })().catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(/not healthy within 6000 ms \(status: unhealthy\)/);
    expect(error!.message).toContain('health check (exit 1): probe says no');
    expect(error!.message).toContain('  | starting up');
    await expect(docker().getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('cleanup', () => {
  it('removes the network, container and temporary image of a run that was killed', async () => {
    const { LAB_RUN_ID: _ours, ...env } = process.env; // the child is a run of its own
    const child = spawn(process.execPath, [fromRepo('harness/test/contract/fixtures/interrupted-run.ts'), context], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const killedRun = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /ready (\S+)/.exec(chunk.toString());
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', (code) => reject(new Error(`the interrupted run exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const filters = JSON.stringify({ label: [`${ownerLabel}=${killedRun}`] });
    const left = async () => ({
      containers: (await docker().listContainers({ all: true, filters })).length,
      networks: (await docker().listNetworks({ filters })).length,
      images: (await docker().listImages({ filters })).length,
    });
    expect(await left()).toEqual({ containers: 1, networks: 1, images: 1 });
    await removeOwned('stale');
    expect(await left()).toEqual({ containers: 0, networks: 0, images: 0 });
  });

  it("leaves nothing of this run's own behind once it removes what it made", async () => {
    await removeOwned('run');
    expect(await countOwned('run')).toEqual({ containers: 0, networks: 0, images: 0 });
  });
});
