// Measure once (issue 22.1): `pnpm verify` and the contract tests replay each other's
// measurements, kept under a key (measure/measurement-key.ts) that sees everything a measurement
// depends on. Each input of the key, changed alone, misses; what was kept is what is replayed;
// what failed, or describes images no longer there, is measured again.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import type { AppFacts, TestStageFacts } from '../../src/contract/app-facts.ts';
import type { ImageFacts } from '../../src/inspect/image.ts';
import type { Fingerprint } from '../../src/measure/fingerprint.ts';
import { keyEnvironmentOf, measurementKey, type KeySources } from '../../src/measure/measurement-key.ts';
import { measureOnce, readMeasured, removeMeasured, writeMeasured } from '../../src/measure/measured-store.ts';
import { measuredTree, notMeasuring, treeDigest } from '../../src/measure/tree-digest.ts';
import { fromRepo } from '../../src/paths.ts';
import { importClosure, src } from '../support/src-imports.ts';
import { suiteFor } from '../../src/suite.ts';
import { builder, engine, tools } from '../support/machine-stand-ins.ts';
import { turboJson } from '../support/turbo-json.ts';

const run = promisify(execFile);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lab-measure-once-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const goApi = entries.find((e) => e.name === 'go-api')!;

const fingerprint: Fingerprint = {
  engine,
  builder,
  tools,
  env: keyEnvironmentOf({}),
  bases: { 'golang:1.26-trixie': 'sha256:aaa', 'gcr.io/distroless/static-debian13:nonroot': 'sha256:bbb' },
  recipeImages: { 'golang:1.26-trixie': 'sha256:aaa', 'eclipse-temurin:25-jre': 'sha256:ccc' },
  recipes: { golang: 'r1' },
  hostFiles: { '/bin/busybox': 'h1' },
};

function sources(change: { tree?: string; fingerprint?: Partial<Fingerprint>; buildArgs?: { VERSION: string; REVISION: string } } = {}): KeySources {
  return {
    tree: async () => change.tree ?? 'tree-1',
    fingerprint: async () => ({ ...fingerprint, ...change.fingerprint }),
    buildArgs: () => change.buildArgs ?? { VERSION: '1.0.0-lab', REVISION: 'abc' },
  };
}

describe("the key of an app's measurements", () => {
  it('is the same for the same inputs', async () => {
    expect(await measurementKey(goApi, sources())).toBe(await measurementKey(goApi, sources()));
  });

  const changes: [string, Parameters<typeof sources>[0]][] = [
    ['a file of the tree', { tree: 'tree-2' }],
    ['the engine version', { fingerprint: { engine: { ...fingerprint.engine, version: '29.0.0' } } }],
    ['the storage driver', { fingerprint: { engine: { ...fingerprint.engine, storageDriver: 'overlayfs' } } }],
    ['the image store', { fingerprint: { engine: { ...fingerprint.engine, imageStore: 'containerd' } } }],
    ['the builder', { fingerprint: { builder: { ...fingerprint.builder, name: 'lab', driver: 'remote' } } }],
    ['the buildx version', { fingerprint: { builder: { ...fingerprint.builder, buildx: '0.19.3' } } }],
    ["the builder's BuildKit", { fingerprint: { builder: { ...fingerprint.builder, buildkit: ['v0.35.0'] } } }],
    ['the Node that gzips the layers', { fingerprint: { tools: { ...fingerprint.tools, node: '24.12.0' } } }],
    ['the Chromium', { fingerprint: { tools: { ...fingerprint.tools, chromium: 'Chromium 157' } } }],
    ['the Compose version', { fingerprint: { compose: '2.40.0' } }],
    ['a base image id', { fingerprint: { bases: { ...fingerprint.bases, 'golang:1.26-trixie': 'sha256:ddd' } } }],
    ['the id of a recipe image it builds on', { fingerprint: { recipeImages: { ...fingerprint.recipeImages, 'golang:1.26-trixie': 'sha256:eee' } } }],
    ['a forge recipe', { fingerprint: { recipes: { golang: 'r2' } } }],
    ['a host file an image copies', { fingerprint: { hostFiles: { '/bin/busybox': 'h2' } } }],
    ['FORGE_PULL=0', { fingerprint: { env: keyEnvironmentOf({ FORGE_PULL: '0' }) } }],
    ['GOPROXY', { fingerprint: { env: keyEnvironmentOf({ GOPROXY: 'https://proxy.example.test' }) } }],
    ['the revision stamped into the images', { buildArgs: { VERSION: '1.0.0-lab', REVISION: 'def' } }],
    ['the version stamped into the images', { buildArgs: { VERSION: '2.0.0', REVISION: 'abc' } }],
  ];
  it.each(changes)('misses when %s changes', async (_what, change) => {
    expect(await measurementKey(goApi, sources(change))).not.toBe(await measurementKey(goApi, sources()));
  });

  it('stays when a recipe image it neither builds on nor names is made present or changes (another test needs it)', async () => {
    for (const id of ['absent', 'sha256:eee'])
      expect(await measurementKey(goApi, sources({ fingerprint: { recipeImages: { ...fingerprint.recipeImages, 'eclipse-temurin:25-jre': id } } }))).toBe(
        await measurementKey(goApi, sources()),
      );
  });

  it("misses when a recipe image its entry names changes (a tip's image), though it is not a base", async () => {
    const image = 'python:3.13-trixie';
    const pythonApi = entries.find((e) => e.name === 'python-api')!;
    expect(JSON.stringify(pythonApi)).toContain(`"${image}"`);
    const withImage = (id: string) => sources({ fingerprint: { bases: {}, recipeImages: { [image]: id } } });
    expect(await measurementKey(pythonApi, withImage('sha256:1'))).not.toBe(await measurementKey(pythonApi, withImage('sha256:2')));
  });

  it("is each app's own", async () => {
    const other = entries.find((e) => e.name !== 'go-api')!;
    expect(await measurementKey(other, sources())).not.toBe(await measurementKey(goApi, sources()));
  });

  it('leaves LAB_APPS out (which apps a run measures, not how), so `pnpm verify --app` and `LAB_APPS=` share it', () => {
    expect(keyEnvironmentOf({ LAB_APPS: 'go-api', FORGE_PULL: '1' })).toEqual(keyEnvironmentOf({ FORGE_PULL: '1' }));
  });

  it('is none where the tree cannot be described: nothing is replayed', async () => {
    expect(await measurementKey(goApi, { ...sources(), tree: async () => undefined })).toBeUndefined();
  });

  it('holds at least the files turbo hashes into test:contract', () => {
    const inputs = turboJson().tasks['test:contract']!.inputs!.filter((i): i is string => typeof i === 'string' && i.startsWith('$TURBO_ROOT$/'));
    for (const input of inputs) expect(measuredTree, input).toContain(input.replace('$TURBO_ROOT$/', '').split('/')[0]);
    expect(measuredTree).toContain('harness'); // the package's own files ($TURBO_DEFAULT$)
  });

  it('leaves out only folders that exist and that nothing which measures imports or names', () => {
    for (const folder of notMeasuring) expect(existsSync(fromRepo(folder)), folder).toBe(true);
    // What measures: the suite (the images and each claim), the key, and the catalogue's entries.
    const entryFiles = readdirSync(path.join(src, 'catalogue/apps')).map((f) => `catalogue/apps/${f}`);
    const measuring = importClosure(['suite.ts', 'measure/measurement-key.ts', 'catalogue/index.ts', ...entryFiles]);
    const leftOut = notMeasuring.filter((f) => f.startsWith('harness/src/')).map((f) => `${f.slice('harness/src/'.length)}/`);
    expect([...measuring].filter((file) => leftOut.some((folder) => file.startsWith(folder)))).toEqual([]);
    // Nor reads a file there: no path into them starts a string (the digest's own list aside).
    const naming = [...measuring].filter(
      (file) =>
        file !== 'measure/tree-digest.ts' && notMeasuring.some((folder) => new RegExp(`['"\`]${folder}\\b`).test(readFileSync(path.join(src, file), 'utf8'))),
    );
    expect(naming).toEqual([]);
  });
});

describe("the tree's digest", () => {
  let repo: string;
  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(repo, file)), { recursive: true });
    await writeFile(path.join(repo, file), text);
  };
  beforeAll(async () => {
    repo = path.join(dir, 'repo');
    await write('.gitignore', 'node_modules/\n');
    await write('README.md', 'readme\n');
    await write('pnpm-lock.yaml', 'lock: 1\n');
    await write('harness/src/a.ts', 'export const a = 1;\n');
    await write('harness/src/report/r.ts', 'export const r = 1;\n');
    await write('harness/test/unit/u.test.ts', 'export const u = 1;\n');
    await write('apps/x/main.go', 'package main\n');
    await write('dockerfiles/x/multi.Dockerfile', 'FROM scratch\n');
    await run('git', ['init', '-q'], { cwd: repo });
    await run('git', ['add', '.'], { cwd: repo });
  });

  const changes: [string, () => Promise<void>, boolean][] = [
    ["an app's source", () => write('apps/x/main.go', 'package main // edited\n'), true],
    ['a Dockerfile', () => write('dockerfiles/x/multi.Dockerfile', 'FROM scratch AS production\n'), true],
    ['a harness file', () => write('harness/src/a.ts', 'export const a = 2;\n'), true],
    ['the lockfile', () => write('pnpm-lock.yaml', 'lock: 2\n'), true],
    ['a new untracked file', () => write('apps/x/new.go', 'package main\n'), true],
    ['a tracked file deleted', () => unlink(path.join(repo, 'apps/x/main.go')), true],
    ['an ignored file (node_modules)', () => write('apps/x/node_modules/y.js', 'y\n'), false],
    ['a file outside what images are made from (the root README)', () => write('README.md', 'edited\n'), false],
    ['a file of the report, which no measurement reads', () => write('harness/src/report/r.ts', 'export const r = 2;\n'), false],
    ['a unit test', () => write('harness/test/unit/u.test.ts', 'export const u = 2;\n'), false],
  ];
  it.each(changes)('%s: changes it (%s)', async (_what, change, moves) => {
    const before = await treeDigest(repo);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    await change();
    expect((await treeDigest(repo)) !== before).toBe(moves);
  });

  it('is none outside a git work tree', async () => {
    const plain = path.join(dir, 'plain');
    await mkdir(plain);
    expect(await treeDigest(plain)).toBeUndefined();
  });
});

describe('the store', () => {
  const place = (key: string | undefined, what = 'images') => ({ app: 'go-api', key, what });
  let store: string;
  beforeAll(async () => {
    store = path.join(dir, 'store');
  });

  it('replays what was kept under the same key, and says who measured it', async () => {
    let measured = 0;
    const measure = async () => ({ n: ++measured });
    const first = await measureOnce(place('k1'), measure, { keep: () => true, dir: store });
    const second = await measureOnce(place('k1'), measure, { keep: () => true, dir: store });
    expect(first).toEqual({ facts: { n: 1 } });
    expect(second.facts).toEqual({ n: 1 });
    expect(second.replayed?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(measured).toBe(1);
  });

  it('measures again under another key, and keeps only the newest key of an app', async () => {
    const again = await measureOnce(place('k2'), async () => ({ n: 2 }), { keep: () => true, dir: store });
    expect(again).toEqual({ facts: { n: 2 } });
    expect(await readdir(path.join(store, 'go-api'))).toEqual(['k2']);
    expect(await readMeasured(place('k1'), store)).toBeUndefined();
  });

  it("is removed whole by pnpm clean's removeMeasured, which says of which apps and how many bytes", async () => {
    const gone = path.join(dir, 'store-cleaned');
    await writeMeasured({ app: 'go-api', key: 'k', what: 'images' }, { n: 1 }, gone);
    await writeMeasured({ app: 'node-api', key: 'k', what: 'cache' }, { n: 2 }, gone);
    const removed = await removeMeasured(gone);
    expect(removed.apps).toEqual(['go-api', 'node-api']);
    expect(removed.bytes).toBeGreaterThan(100);
    expect(existsSync(gone)).toBe(false);
    expect(await removeMeasured(gone)).toEqual({ apps: [], bytes: 0 });
  });

  it('keeps nothing a verdict failed on: the next run measures again', async () => {
    let measured = 0;
    for (let i = 0; i < 2; i++) await measureOnce(place('k3', 'failing'), async () => ({ n: ++measured }), { keep: () => false, dir: store });
    expect(measured).toBe(2);
  });

  it('keeps nothing when the key moved while it measured (a file edited meanwhile)', async () => {
    await measureOnce(place('k7', 'edited'), async () => ({ n: 8 }), { keep: () => true, keyNow: async () => 'k8', dir: store });
    expect(await readMeasured(place('k7', 'edited'), store)).toBeUndefined();
  });

  it('measures again when what was kept cannot be used (its images are gone)', async () => {
    await writeMeasured(place('k4'), { n: 4 }, store);
    expect(await measureOnce(place('k4'), async () => ({ n: 5 }), { keep: () => false, usable: async () => false, dir: store })).toEqual({ facts: { n: 5 } });
  });

  it('never replays without a key, nor a file kept under another key, nor a torn file', async () => {
    expect(await measureOnce(place(undefined), async () => ({ n: 6 }), { keep: () => true, dir: store })).toEqual({ facts: { n: 6 } });
    await writeMeasured(place('k5'), { n: 7 }, store);
    const file = path.join(store, 'go-api', 'k5', 'images.json');
    await writeFile(file, JSON.stringify({ key: 'k6', by: 'x', at: 'y', facts: { n: 7 } }));
    expect(await readMeasured({ ...place('k5') }, store)).toBeUndefined();
    await writeFile(file, '{"key": "k5", "fac');
    expect(await readMeasured(place('k5'), store)).toBeUndefined();
  });
});

describe('the suite measures through the store (what pnpm verify and apps.test.ts both call)', () => {
  // Two images far over budget, with nothing in their config: the contract fails.
  const image = (id: string): ImageFacts => ({
    ref: `lab/go-api:${id}`,
    id,
    config: { user: '', env: {}, labels: {}, exposedPorts: [], entrypoint: null, cmd: null, workingDir: '/', healthcheck: null },
    uncompressedBytes: 1e10,
    compressedBytes: 1e10,
    layers: [],
    files: [],
  });
  const failing: AppFacts = {
    app: 'go-api',
    buildArgs: { VERSION: '1', REVISION: 'abc' },
    single: { tag: 'lab/go-api:single', buildMs: 1, facts: image('sha256:1') },
    multi: { tag: 'lab/go-api:multi', buildMs: 1, facts: image('sha256:2') },
  };

  it('replays the images measured under its key, while they are on the engine', async () => {
    const storeDir = path.join(dir, 'suite-replay');
    await writeMeasured({ app: 'go-api', key: 'k', what: 'images' }, failing, storeDir);
    const refused = async (): Promise<AppFacts> => {
      throw new Error('measured again');
    };
    const suite = suiteFor(goApi, { keyOf: async () => 'k', measure: refused, imagePresent: async () => true, storeDir });
    const { facts, replayed } = await suite.measure();
    expect(facts).toEqual(failing);
    expect(replayed).toBeDefined();
    const gone = suiteFor(goApi, { keyOf: async () => 'k', measure: refused, imagePresent: async (id) => id !== 'sha256:2', storeDir });
    await expect(gone.measure()).rejects.toThrow('measured again');
  });

  it('keeps no images whose contract failed', async () => {
    const storeDir = path.join(dir, 'suite-failing');
    let measured = 0;
    const suite = suiteFor(goApi, { keyOf: async () => 'k', measure: async () => (measured++, failing), imagePresent: async () => true, storeDir });
    await suite.measure();
    await suite.measure();
    expect(measured).toBe(2);
  });

  it("replays a claim's facts, decided again; the fixtures' claims (no key) never", async () => {
    const storeDir = path.join(dir, 'suite-claim');
    const stage: TestStageFacts = { buildFailed: true, errorText: 'kept', cleanBuildPassed: false };
    await writeMeasured({ app: 'go-api', key: 'k', what: 'target-test' }, stage, storeDir);
    const claim = suiteFor(goApi, { keyOf: async () => 'k', storeDir }).claims.find((c) => c.id === 'target-test')!;
    const verdict = await claim.verify();
    expect(verdict.details).toEqual(stage);
    expect(verdict.replayed).toBeDefined();
    expect(verdict.found).toContain('clean build FAILED');
  });
});
