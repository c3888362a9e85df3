import { defineApp } from '../define-app.ts';
import { MB, MiB } from '../types.ts';

// The harness's own fixture: needs no base image (FROM scratch + Debian's static busybox),
// so the whole contract is proven end to end before any app or forged base exists.
export default defineApp({
  name: 'selftest',
  title: 'Self-test app: a static site on busybox httpd, from scratch',
  forkable: true,
  hostFiles: { 'bin/busybox': '/bin/busybox' },
  limits: {
    // Measured figures: figures/*.json (catalogue/measured.ts). Nearly all of it is busybox-static;
    // the site is a few hundred bytes.
    uncompressedBytes: { limit: 2.5 * MB },
    compressedBytes: { limit: 1.2 * MB },
    // HEALTHCHECK --start-interval=100ms: the first probe runs 100 ms after start, and httpd serves
    // within milliseconds. The goal is a bench median on a quiet machine (figures/bench.json); the
    // limit leaves room for a loaded 2-core CI machine, and for an engine without --start-interval
    // (20.10), whose first probe comes one 1 s interval in.
    healthyWithinMs: { limit: 1_000, goal: 250 },
    stopWithinMs: { limit: 2_000 },
    // The single-stage image keeps a second copy of busybox (in /src) plus sources and tests.
    minReductionPercent: { limit: 45 },
  },
  service: { port: 8080, healthPath: '/health', versionPath: '/version' },
  deny: ['/src/**', '/tests/**', '/**/*.test.sh', '/**/build.sh', '/**/run-tests.sh'],
  // Two things on scratch: busybox (the server, its shell and its health probe) and the built site.
  allow: { paths: ['/bin/busybox', '/www/**'] },
  development: {
    mounts: [{ source: 'src', target: '/src/src' }],
    probePath: '/index.html',
    edit: { file: 'src/index.html', search: 'hello from busybox httpd', replace: 'edited while running' },
    // httpd serves the mounted file as it is: the first poll after the edit sees it.
    reloadWithinMs: { limit: 3_000, measured: 3 },
  },
  test: {
    failingTest: {
      file: 'tests/injected-failure.test.sh',
      contents: '#!/bin/busybox sh\necho "FAIL injected-failure: this test fails on purpose"\nexit 1\n',
    },
    expectInError: 'FAIL injected-failure',
  },
  compose: {
    file: 'compose.yaml',
    services: [
      { name: 'app-dev', port: 8080, probePath: '/index.html', expectInBody: 'hello from busybox httpd', readyWithinMs: { limit: 2_000, measured: 518 } },
      // The tutorial's limits (cpus 0.5) with a memory limit for busybox httpd's size.
      { name: 'app-prod', port: 8080, probePath: '/health', readyWithinMs: { limit: 2_000, measured: 546 }, resources: { cpus: 0.5, memoryBytes: 64 * MiB } },
    ],
  },
  cache: {
    edit: { file: 'src/index.html', append: '<!-- one-line change -->\n' },
    // Stands in for a dependency install: the fixture has no package manager.
    dependencySteps: ['COPY bin/busybox /bin/busybox'],
    // The edited page, the build that stamps the site, and the production copy of it.
    rebuiltSteps: ['COPY src ./src', './build.sh /out/www', '/out/www /www'],
    // The cached step is what this fixture proves; the apps' budgets (0.15) are where the ratio
    // means something.
    maxRebuildRatio: {
      limit: 5,
      loosened: {
        from: 0.5,
        why: 'Set at 0.5 before the first bench. Its builds take a quarter of a second, so the ratio is BuildKit overhead, not cache behaviour: pnpm bench, 5 runs on the shared machine, cold 275 ms against one-line rebuilds of 0.4-1.6 s; 3 runs on a quiet machine, 371 ms against 392 ms (0.95).',
      },
    },
  },
  // package.json's one script copies busybox into the context, which a fork has already.
  fork: { drop: ['package.json'] },
});
