// The cache key sees what the tests see: each input of the fingerprint (turbo hashes
// .cache/fingerprint.json into test:contract's key), changed alone, changes it; and the
// environment the fingerprint reads is the one turbo passes to, and hashes into, the tests.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { AppEntry } from '../../src/catalogue/types.ts';
import { parseBuildxInspect } from '../../src/engine/builder.ts';
import { identityOf } from '../../src/engine/engine-identity.ts';
import { spawningTestTimeoutMs } from '../../src/limits.ts';
import { digestOf, measurementFingerprint, type Fingerprint, type FingerprintSources } from '../../src/measure/fingerprint.ts';
import { matches, otherEnvironment, resultEnvironment, resultEnvironmentOf } from '../../src/measure/result-env.ts';
import { fromRepo, repoRoot } from '../../src/paths.ts';
import { builder, engine, tools } from '../support/machine-stand-ins.ts';
import { turboJson } from '../support/turbo-json.ts';

const run = promisify(execFile);

/** Stand-ins for the machine: each part as a value the table below can change. */
function sources(parts: Partial<Omit<Fingerprint, 'compose'>> & { compose?: string } = {}): FingerprintSources {
  return {
    engine: async () => parts.engine ?? engine,
    builder: async () => parts.builder ?? builder,
    tools: async () => parts.tools ?? tools,
    compose: async () => parts.compose ?? '2.26.1-4',
    env: () => parts.env ?? resultEnvironmentOf({ LAB_APPS: 'go-api' }),
    bases: async () => parts.bases ?? { 'golang:1.26-trixie': 'sha256:aaa' },
    recipeImages: async () => parts.recipeImages ?? { 'eclipse-temurin:25-jre': 'sha256:bbb', 'golang:1.26-trixie': 'sha256:aaa' },
    recipes: async () => parts.recipes ?? { java: 'r1', golang: 'r2' },
    hostFiles: async () => parts.hostFiles ?? { '/bin/busybox': 'h1' },
  };
}

const app = { name: 'go-api' } as AppEntry;
const digest = async (parts: Parameters<typeof sources>[0] = {}) => digestOf(await measurementFingerprint([app], [app], sources(parts)));

describe("the fingerprint (the contract results' cache key)", () => {
  it('is the same for the same inputs', async () => {
    expect(await digest()).toBe(await digest());
  });

  // Each row changes one input and must miss the cache: the digest turbo hashes must move.
  const changes: [string, Parameters<typeof sources>[0]][] = [
    ['the engine version', { engine: { ...engine, version: '29.0.0' } }],
    ['the storage driver', { engine: { ...engine, storageDriver: 'overlayfs' } }],
    ['the image store', { engine: { ...engine, imageStore: 'containerd' } }],
    ["the engine's registry-mirrors", { engine: { ...engine, registryMirrors: ['http://127.0.0.1:5000/'] } }],
    ['the buildx version', { builder: { ...builder, buildx: '0.19.3' } }],
    ['the builder', { builder: { ...builder, name: 'lab', driver: 'docker-container' } }],
    ["the builder's BuildKit", { builder: { ...builder, buildkit: ['v0.35.0'] } }],
    ['the Node that computes compressed sizes', { tools: { ...tools, node: '24.12.0' } }],
    ['the zlib that gzips the layers', { tools: { ...tools, zlib: '1.3.2' } }],
    ['the Chromium version', { tools: { ...tools, chromium: 'Chromium 157.0.1.2' } }],
    ['the Compose version', { compose: '2.40.0' }],
    ['FORGE_PULL=0', { env: resultEnvironmentOf({ LAB_APPS: 'go-api', FORGE_PULL: '0' }) }],
    ['npm_config_registry', { env: resultEnvironmentOf({ LAB_APPS: 'go-api', npm_config_registry: 'https://npm.example.test/' }) }],
    ['an app base image id', { bases: { 'golang:1.26-trixie': 'sha256:ccc' } }],
    [
      'eclipse-temurin:25-jre, which the trust test runs beyond the apps',
      { recipeImages: { 'eclipse-temurin:25-jre': 'sha256:ddd', 'golang:1.26-trixie': 'sha256:aaa' } },
    ],
    ['a forge recipe', { recipes: { java: 'r1', golang: 'r3' } }],
    ['a host file an image copies', { hostFiles: { '/bin/busybox': 'h2' } }],
  ];
  it.each(changes)('changes with %s', async (_what, parts) => {
    expect(await digest(parts)).not.toBe(await digest());
  });

  it('keeps a hash of each result variable, never its value', () => {
    const env = resultEnvironmentOf({ FORGE_NPM_REGISTRY: 'https://user:secret@npm.example.test/', PATH: '/usr/bin', HOME: '/root' });
    expect(Object.keys(env)).toEqual(['FORGE_NPM_REGISTRY']);
    expect(JSON.stringify(env)).not.toContain('secret');
  });

  it("reads the engine's registry mirrors, the builder and its BuildKit from the engine's and buildx's answers", () => {
    const identity = identityOf(
      { Version: '26.1.5', ApiVersion: '1.45', Os: 'linux', Arch: 'amd64' },
      { Driver: 'overlay2', RegistryConfig: { Mirrors: ['http://127.0.0.1:5000/'] } },
    );
    expect(identity.registryMirrors).toEqual(['http://127.0.0.1:5000/']);
    expect(
      parseBuildxInspect(
        [
          'Name:          default',
          'Driver:        docker',
          '',
          'Nodes:',
          'Name:             default',
          'Endpoint:         default',
          'Status:           running',
          'BuildKit version: v0.0.0+unknown',
        ].join('\n'),
      ),
    ).toEqual({ name: 'default', driver: 'docker', buildkit: ['v0.0.0+unknown'] });
    expect(
      parseBuildxInspect(
        [
          'Name:          lab',
          'Driver:        docker-container',
          '',
          'Nodes:',
          'Name:                  lab0',
          'BuildKit daemon flags: --allow-insecure-entitlement=network.host',
          'BuildKit version:      v0.35.0',
        ].join('\n'),
      ),
    ).toEqual({ name: 'lab', driver: 'docker-container', buildkit: ['v0.35.0'] });
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sourceFiles(file) : file.endsWith('.ts') ? [file] : [];
  });
}

describe('the environment the results depend on', () => {
  it('is what turbo passes to //#fingerprint and hashes into test:contract, the same list', () => {
    const { tasks } = turboJson();
    expect([...tasks['//#fingerprint']!.passThroughEnv!].sort()).toEqual([...resultEnvironment].sort());
    expect([...tasks['test:contract']!.env!].sort()).toEqual([...resultEnvironment].sort());
  });

  it('covers every variable the harness reads, or says why one is no input of a result', () => {
    const read = new Set<string>();
    for (const file of sourceFiles(fromRepo('harness/src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/(?<![\w-])env\.([A-Za-z_][A-Za-z0-9_]*)\b(?!\.ts)/g)) read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((name) => !matches(resultEnvironment, name) && !otherEnvironment.includes(name)).sort()).toEqual([]);
  });

  it(
    'reaches test:contract hashed: turbo puts each variable in its key',
    async () => {
      // One variable of each kind the list names, with two values: turbo's dry run shows what it hashes.
      const names = ['FORGE_PULL', 'npm_config_registry', 'LAB_TLS_PROBE_URL', 'PIP_INDEX_URL'];
      const hashed = async (value: string) => {
        const env = { ...process.env, ...Object.fromEntries(names.map((n) => [n, value])), TURBO_TELEMETRY_DISABLED: '1' };
        const { stdout } = await run(fromRepo('node_modules/.bin/turbo'), ['run', 'test:contract', '--dry=json', '--filter=@lab/harness'], {
          cwd: repoRoot,
          env,
          maxBuffer: 32 * 1024 * 1024,
        });
        const task = (JSON.parse(stdout) as { tasks: { taskId: string; environmentVariables: { configured: string[] } }[] }).tasks.find(
          (t) => t.taskId === '@lab/harness#test:contract',
        )!;
        return new Map(task.environmentVariables.configured.map((entry) => entry.split('=') as [string, string]));
      };
      const [a, b] = [await hashed('one'), await hashed('two')];
      for (const name of names) {
        expect(a.get(name), name).toBeDefined();
        expect(a.get(name), name).not.toBe(b.get(name));
      }
    },
    spawningTestTimeoutMs,
  );
});
