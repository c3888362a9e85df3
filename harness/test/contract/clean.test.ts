// `pnpm clean`, on a second engine of the test's own (support/second-engine.ts), so
// the shared engine's images and cache, and other runs', are never touched: a labelled
// container, network and image and the cache mount of a throwaway id a repository Dockerfile
// names are removed; an unlabelled image of the user's and a cache mount no lab Dockerfile
// names stay; an app image (lab/*) is untagged, so is the older build its tag left, a lab/* tag
// on a user's image goes while the user's own name stays, and a forged base stays without `--bases`. While
// a run that lives owns something there, the command refuses in one line and removes nothing.
// The measurements kept of the lab's images (a store of the test's own) go with them.
// The rest of the build cache stays: the records a lab build leaves name nothing of the lab (no
// Dockerfile path, tag, label or project), so none could be removed as the lab's.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildImage } from '../../src/engine/build.ts';
import { cacheMountRecords } from '../../src/engine/cache-mounts.ts';
import { docker, useEngine } from '../../src/engine/docker.ts';
import { ownerLabel } from '../../src/engine/ownership.ts';
import { LABELS } from '../../src/engine/forge-labels.ts';
import { writeMeasured } from '../../src/measure/measured-store.ts';
import { fromRepo } from '../../src/paths.ts';
import { startSecondEngine, type SecondEngine } from './support/second-engine.ts';
import { buildOnEnginesOwnBuilder } from './support/own-builder.ts';

const run = promisify(execFile);
let engine: SecondEngine;
let restore: () => void;
let context: string;
/** The measure-once store the command is pointed at (LAB_MEASURED_DIR): the repository's stays. */
let measured: string;

/** A run id whose process has ended: what a killed run leaves. */
async function deadRunId(): Promise<string> {
  const child = execFile(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return `${hostname()}.${child.pid}.cleantest`;
}

/** `pnpm clean`'s script, pointed at the second engine and a measure-once store of the test's own. */
function clean(...args: string[]) {
  return run(process.execPath, [fromRepo('harness/src/cli/clean.ts'), ...args], {
    env: { ...process.env, DOCKER_HOST: engine.host, LAB_MEASURED_DIR: measured },
    timeout: 120_000,
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const tagsOnEngine = async () => (await docker().listImages()).flatMap((i) => i.RepoTags ?? []).sort();

beforeAll(async () => {
  const started = await startSecondEngine({});
  if (typeof started === 'string') throw new Error(started);
  engine = started;
  restore = useEngine(engine.host);
  // `pnpm clean` empties the cache mounts of the builder a run builds with: here the engine's own.
  buildOnEnginesOwnBuilder();
  context = await mkdtemp(path.join(tmpdir(), 'lab-clean-'));
  measured = path.join(context, 'measured');
  await writeFile(path.join(context, 'plain.Dockerfile'), 'FROM scratch\nCOPY busybox /bin/busybox\n');
  await writeFile(
    path.join(context, 'other.Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN --mount=type=cache,id=someone-elses-cache,target=/cache ["/bin/busybox", "sh", "-c", "echo kept > /cache/kept"]\n',
  );
});
afterAll(async () => {
  vi.unstubAllEnvs();
  restore?.();
  try {
    await engine?.stop();
  } finally {
    if (context) await rm(context, { recursive: true, force: true });
  }
});

describe('pnpm clean', () => {
  it("removes the lab's containers, networks, images and cache mounts, and only those", async () => {
    const killed = { [ownerLabel]: await deadRunId() };
    const extraFiles = { busybox: '/bin/busybox' };
    const labelled = await buildImage({
      context,
      dockerfile: fromRepo('harness/test/contract/fixtures/clean/throwaway.Dockerfile'),
      tag: 'lab-clean-test/labelled:1',
      labels: killed,
      extraFiles,
    });
    await buildImage({ context, dockerfile: path.join(context, 'plain.Dockerfile'), tag: 'mine/keep:1', extraFiles });
    await buildImage({ context, dockerfile: path.join(context, 'other.Dockerfile'), tag: 'mine/other:1', extraFiles });
    // An app image, and an older build of it its tag has left (untagged, known by its source label).
    const source = 'org.opencontainers.image.source';
    const app = { [source]: 'https://github.com/multi-stage-lab/multi-stage-lab/tree/main/apps/clean-test' };
    const older = await buildImage({
      context,
      dockerfile: path.join(context, 'plain.Dockerfile'),
      tag: 'lab/clean-test:multi',
      labels: { ...app, build: '1' },
      extraFiles,
    });
    await buildImage({ context, dockerfile: path.join(context, 'plain.Dockerfile'), tag: 'lab/clean-test:multi', labels: { ...app, build: '2' }, extraFiles });
    // A user's image under a lab name as well as its own keeps its own.
    await buildImage({
      context,
      dockerfile: path.join(context, 'plain.Dockerfile'),
      tag: 'lab/clean-test:also-mine',
      labels: { 'org.example.kind': 'mine' },
      extraFiles,
    });
    await docker().getImage('lab/clean-test:also-mine').tag({ repo: 'mine/named', tag: '1' });
    // A forged base (its label lists the official name it is tagged as), and a user's image built
    // on it (the label passes down, the tag is the user's): both stay without --bases.
    const forge = { [LABELS.recipe]: 'clean-test', [LABELS.tags]: 'cleantest-base:1' };
    await buildImage({ context, dockerfile: path.join(context, 'plain.Dockerfile'), tag: 'cleantest-base:1', labels: forge, extraFiles });
    await buildImage({ context, dockerfile: path.join(context, 'plain.Dockerfile'), tag: 'mine/on-forged:1', labels: forge, extraFiles });
    const network = await docker().createNetwork({ Name: 'lab-clean-test-net', Labels: killed });
    await docker().createContainer({ name: 'lab-clean-test-box', Image: labelled.imageId, Labels: killed });
    expect((await cacheMountRecords(['lab-clean-test-throwaway'])).length).toBeGreaterThan(0);

    await writeMeasured({ app: 'clean-test', key: 'k', what: 'images' }, { facts: 'of images this removes' }, measured);

    const result = await clean();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^removed 1 container\(s\): lab-clean-test-box$/m);
    expect(result.stdout).toMatch(/^removed 1 network\(s\): lab-clean-test-net$/m);
    expect(result.stdout).toMatch(/^removed 4 image\(s\): .*lab-clean-test\/labelled:1/m);
    expect(result.stdout).toMatch(/lab\/clean-test:multi/);
    expect(result.stdout).toMatch(/lab\/clean-test:also-mine/);
    expect(result.stdout).toContain(older.imageId.replace(/^sha256:/, '').slice(0, 12));
    expect((await docker().listImages({ all: true })).filter((i) => i.Labels?.[source]?.startsWith('https://github.com/multi-stage-lab/'))).toEqual([]);
    expect(result.stdout).toMatch(/^removed 1 cache mount\(s\): lab-clean-test-throwaway$/m);
    expect(result.stdout).toMatch(/^freed \d+\.\d (kB|MB|GB)$/m);
    expect(result.stdout).toMatch(/kept the base images/);
    expect(result.stdout).toMatch(/^removed the measurements kept of 1 app\(s\) \(\/\S+\/measured, \d+\.\d kB\): the next run measures them again$/m);
    expect(existsSync(measured)).toBe(false);

    expect(await docker().listContainers({ all: true })).toEqual([]);
    await expect(network.inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect(await tagsOnEngine()).toEqual(['cleantest-base:1', 'mine/keep:1', 'mine/named:1', 'mine/on-forged:1', 'mine/other:1']);
    expect(await cacheMountRecords(['lab-clean-test-throwaway'])).toEqual([]);
    expect((await cacheMountRecords(['someone-elses-cache'])).length).toBeGreaterThan(0);

    // --bases: the forged base goes, the user's image built on it stays.
    const withBases = await clean('--bases');
    expect(withBases.code).toBe(0);
    expect(withBases.stdout).toMatch(/^removed 1 image\(s\): cleantest-base:1$/m);
    expect(withBases.stdout).toMatch(/the next run forges them again \(about \d+ minutes on 2 cores\)/);
    expect(await tagsOnEngine()).toEqual(['mine/keep:1', 'mine/named:1', 'mine/on-forged:1', 'mine/other:1']);
  });

  it("leaves the other build cache: its records name no Dockerfile, tag, label or project, so none is known as the lab's", async () => {
    // A lab build (a repository Dockerfile, a lab/ tag, the run label) beside the user's builds above.
    const dockerfile = fromRepo('harness/test/contract/fixtures/clean/throwaway.Dockerfile');
    await buildImage({
      context,
      dockerfile,
      tag: 'lab/clean-test:cache',
      labels: { [ownerLabel]: await deadRunId() },
      extraFiles: { busybox: '/bin/busybox' },
    });
    const records = ((await docker().df()) as { BuildCache?: { Type?: string; Description?: string }[] | null }).BuildCache ?? [];
    const others = records.filter((r) => r.Type !== 'exec.cachemount');
    expect(others.length).toBeGreaterThan(0);
    // What BuildKit says of them: "local source for context", "local source for dockerfile",
    // "mount / from exec ...", "[stage n/m] COPY ...": the same for any project's build.
    const said = JSON.stringify(others);
    for (const name of ['throwaway.Dockerfile', 'fixtures/clean', 'lab/clean-test', ownerLabel, 'multi-stage-lab', context]) expect(said).not.toContain(name);
    expect(others.map((r) => r.Description)).toEqual(expect.arrayContaining(['local source for context', 'local source for dockerfile']));
    const result = await clean();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^removed 1 image\(s\): lab\/clean-test:cache$/m);
    expect(result.stdout).toMatch(/^left the engine's other build cache \(\d+\.\d (kB|MB|GB)\): it names no owner/m);
    expect(((await docker().df()) as { BuildCache?: unknown[] | null }).BuildCache?.length).toBeGreaterThan(0);
  });

  it('refuses in one line, removing nothing, while another lab run is alive', async () => {
    // This test's own process stands for the other run: it is alive.
    const network = await docker().createNetwork({ Name: 'lab-clean-test-live', Labels: { [ownerLabel]: `${hostname()}.${process.pid}.livetest` } });
    try {
      await writeMeasured({ app: 'clean-test', key: 'k', what: 'images' }, { facts: 'of images in use' }, measured);
      const result = await clean();
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`another lab run is going (pid ${process.pid} on ${hostname()}): run 'pnpm clean' once it has ended\n`);
      expect((await network.inspect()).Name).toBe('lab-clean-test-live');
      expect(existsSync(measured)).toBe(true);
    } finally {
      await network.remove();
    }
  });
});
