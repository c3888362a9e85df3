import { MB, type AppEntry } from '../types.ts';

// The harness's own fixture: needs no base image (FROM scratch + Debian's static busybox),
// so the whole contract is proven end to end before any app or forged base exists.
export default {
  name: 'selftest',
  title: 'Self-test fixture: a static site on busybox httpd, from scratch',
  context: 'apps/selftest',
  dockerfiles: { single: 'dockerfiles/selftest/single.Dockerfile', multi: 'dockerfiles/selftest/multi.Dockerfile' },
  productionTarget: 'production',
  hostFiles: { 'bin/busybox': '/bin/busybox' },
  limits: {
    // busybox-static 1.35 is 1.98 MB; the site is a few hundred bytes.
    uncompressedBytes: 2.5 * MB,
    compressedBytes: 1.2 * MB,
    // HEALTHCHECK --start-interval=100ms: the first probe (busybox wget) runs 100 ms after
    // start, and httpd serves within milliseconds. Measured (Engine 26.1, start -> `healthy`
    // in the engine's health log) on this 2-core machine shared with other builds: `pnpm bench
    // --runs 5` 0.33 s median (load average 12-17), 0.19 s and 0.29 s in two more sets of 5
    // (up to 0.53 s); the goal is <= 0.25 s as a bench median on a quiet machine. The limit
    // leaves room for a loaded 2-core CI machine. Engine 20.10, 1 s interval: 1.04 s.
    healthyWithinMs: 1_000,
    stopWithinMs: 2_000,
    // The single-stage image keeps a second copy of busybox (in /src) plus sources and tests.
    minReductionPercent: 45,
  },
  service: { port: 8080, healthPath: '/health', versionPath: '/version' },
  deny: ['/src/**', '/tests/**', '/**/*.test.sh', '/**/build.sh', '/**/run-tests.sh'],
  development: {
    target: 'development',
    mounts: [{ source: 'src', target: '/src/src' }],
    probePath: '/index.html',
    edit: { file: 'src/index.html', search: 'hello from busybox httpd', replace: 'edited while running' },
    reloadWithinMs: 3_000,
  },
  test: {
    target: 'test',
    failingTest: {
      file: 'tests/injected-failure.test.sh',
      contents: '#!/bin/busybox sh\necho "FAIL injected-failure: this test fails on purpose"\nexit 1\n',
    },
    expectInError: 'FAIL injected-failure',
  },
  compose: {
    file: 'compose.yaml',
    services: [
      { name: 'app-dev', port: 8080, probePath: '/index.html', expectInBody: 'hello from busybox httpd', readyWithinMs: 60_000 },
      { name: 'app-prod', port: 8080, probePath: '/health', readyWithinMs: 60_000 },
    ],
  },
  cache: {
    edit: { file: 'src/index.html', append: '<!-- one-line change -->\n' },
    // Stands in for a dependency install: the fixture has no package manager.
    dependencyStep: 'COPY bin/busybox /bin/busybox',
    // Its builds take a quarter of a second, so the ratio is engine overhead, not cache
    // behaviour (bench, 5 runs: cold 275 ms, one-line rebuild 0.4-1.6 s). The cached step is
    // what this fixture proves; the apps' budgets (0.15) are where the ratio means something.
    maxRebuildRatio: 5,
  },
} satisfies AppEntry;
