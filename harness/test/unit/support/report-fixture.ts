// Hand-made claims reports for the report's unit tests: the shape `pnpm verify` writes, with
// figures close to what it measures on node-api and go-api (no engine needed).
import type { CheckResult } from '../../../src/verdict.ts';
import type { AppFacts, BuiltImage } from '../../../src/contract/app-facts.ts';
import { MB } from '../../../src/catalogue/types.ts';
import type { AppReport, ClaimsReport } from '../../../src/report/claims-model.ts';
import { claimsReport } from '../../../src/report/write-report.ts';
import type { EngineFacts } from '../../../src/engine/engine-facts.ts';

function image(tag: string, bytes: number, compressed: number, layers: [string, number][], config: Partial<BuiltImage['facts']['config']> = {}): BuiltImage {
  return {
    tag,
    buildMs: 12_345,
    facts: {
      ref: tag,
      id: `sha256:${'ab'.repeat(32)}`,
      uncompressedBytes: bytes,
      compressedBytes: compressed,
      layers: layers.map(([instruction, size], index) => ({ index, instruction, uncompressedBytes: size, compressedBytes: Math.round(size / 2.5), files: 10 })),
      files: [],
      config: { user: '', env: {}, labels: {}, exposedPorts: [], entrypoint: null, cmd: ['node'], workingDir: '/app', healthcheck: null, ...config },
    },
  };
}

export function check(id: string, ok: boolean, found = ok ? 'as expected' : 'not as expected'): CheckResult {
  return { id, title: `the ${id} check`, ok, expected: 'what the lab expects', found };
}

const passing = (...ids: string[]) => ids.map((id) => check(id, true));

export function nodeApiReport(overrides: Partial<AppReport> = {}): AppReport {
  const facts: AppFacts = {
    app: 'node-api',
    buildArgs: { VERSION: '1.2.3', REVISION: 'c0ffee' },
    single: image('lab/node-api:single', 1_411 * MB, 493 * MB, [
      ['debian trixie rootfs', 120 * MB],
      ['RUN apt-get install ... (buildpack-deps)', 600 * MB],
      ['RUN pnpm install --frozen-lockfile', 180 * MB],
    ]),
    multi: image(
      'lab/node-api:multi',
      137.1 * MB,
      49.8 * MB,
      [
        ['COPY --link /out/ / # buildkit', 133 * MB],
        ['COPY --link /app/node_modules ./node_modules', 2.34 * MB],
        ['COPY --link /app/dist ./dist', 14_000],
      ],
      {
        user: '65532:65532',
        env: { NODE_ENV: 'production', PORT: '3000' },
        healthcheck: { test: ['CMD', '/usr/local/bin/node', '/app/dist/healthcheck.cjs'], intervalNs: 30e9, timeoutNs: 3e9, startPeriodNs: 10e9, retries: 3 },
      },
    ),
    run: { httpReadyMs: 138, healthyMs: 610, uid: 65532, gid: 65532, stop: { ms: 157, exitCode: 0, killed: false } },
    owners: { dir: '/app', files: 812, byUid: { '0': 812 } },
  };
  return {
    app: 'node-api',
    title: 'Express 5 + TypeScript API',
    tutorial: { section: 'Example 1', singleBytes: 1_100 * MB, multiBytes: 150 * MB, reductionPercent: 86 },
    facts,
    contract: passing('size', 'reduction', 'nothing-of-the-build', 'labels', 'non-root', 'healthcheck-config', 'healthy', 'exec-form', 'signals', 'hardening'),
    claims: passing('target-development', 'target-test', 'cache', 'cache-poor-order', 'compose', 'build-secret', 'build-arg-leak'),
    bases: [{ ref: 'node:24-slim', origin: 'forged locally (stand-in: node 24.11.1)', id: `sha256:${'cd'.repeat(32)}` }],
    packages: {
      single: { os: 412, osSource: 'dpkg status', language: [{ ecosystem: 'npm', count: 260 }] },
      multi: { os: 5, osSource: 'dpkg status.d', language: [{ ecosystem: 'npm', count: 29 }] },
    },
    ...overrides,
  };
}

export function goApiReport(overrides: Partial<AppReport> = {}): AppReport {
  return {
    app: 'go-api',
    title: 'Go net/http service',
    tutorial: { section: 'Example 3', singleBytes: 800 * MB, multiBytes: 15 * MB, reductionPercent: 98 },
    facts: {
      app: 'go-api',
      buildArgs: { VERSION: '1.2.3', REVISION: 'c0ffee' },
      single: image('lab/go-api:single', 959 * MB, 330 * MB, [['golang toolchain', 800 * MB]]),
      multi: image('lab/go-api:multi', 6.1 * MB, 2.6 * MB, [['COPY --link /out/go-api /go-api', 5.9 * MB]], { user: '65532:65532' }),
      run: { httpReadyMs: 8, healthyMs: 250, uid: 65532, gid: 65532, stop: { ms: 139, exitCode: 0, killed: false } },
    },
    contract: passing(
      'size',
      'reduction',
      'nothing-of-the-build',
      'labels',
      'non-root',
      'tls',
      'healthcheck-config',
      'healthy',
      'exec-form',
      'signals',
      'hardening',
    ),
    claims: passing('target-development', 'target-test', 'cache'),
    bases: [{ ref: 'golang:1.26-trixie', origin: 'forged locally (stand-in: go 1.26.0)' }],
    packages: { single: { os: 380, osSource: 'dpkg status', language: [] }, multi: { os: 0, osSource: 'none', language: [] } },
    ...overrides,
  };
}

/** The engine the fixtures were "measured" on. */
export const fixtureEngine: EngineFacts = {
  version: '26.1.5',
  apiVersion: '1.45',
  os: 'linux',
  arch: 'amd64',
  storageDriver: 'overlay2',
  imageStore: 'classic',
  buildx: '0.13.1',
  compose: '2.26.1',
};

export const fixtureCatalogue = ['selftest', 'node-api', 'go-api', 'toolbox', 'java-api', 'react-spa', 'fullstack'];

export function fixtureReport(apps: AppReport[] = [nodeApiReport(), goApiReport()], generatedAt = '2026-11-27T10:00:00.000Z'): ClaimsReport {
  return claimsReport(apps, fixtureEngine, fixtureCatalogue, generatedAt);
}

/** python-api as measured (1.18 GB -> 51.5 MB): the tutorial's size table holds on it and its Example 4 does not, on the same 900 MB. */
export function pythonApiReport(overrides: Partial<AppReport> = {}): AppReport {
  return {
    app: 'python-api',
    title: 'Starlette on uvicorn',
    tutorial: { section: 'Example 4', singleBytes: 900 * MB, multiBytes: 180 * MB, reductionPercent: 80 },
    facts: {
      app: 'python-api',
      buildArgs: { VERSION: '1.2.3', REVISION: 'c0ffee' },
      single: image('lab/python-api:single', 1_182 * MB, 400 * MB, [['python toolchain', 1_000 * MB]]),
      multi: image('lab/python-api:multi', 51.5 * MB, 23.9 * MB, [['COPY --link /venv /venv', 40 * MB]], { user: '65532:65532' }),
      run: { httpReadyMs: 600, healthyMs: 900, uid: 65532, gid: 65532, stop: { ms: 293, exitCode: 0, killed: false } },
    },
    contract: passing('size', 'reduction'),
    claims: [],
    bases: [{ ref: 'python:3.13-slim', origin: 'forged locally (stand-in: python 3.13.5)' }],
    ...overrides,
  };
}
