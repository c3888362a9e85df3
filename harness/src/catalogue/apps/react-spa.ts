import { defineApp } from '../define-app.ts';
import { nodePackageManagers, nothingToRunFetchOrBuild, vitestFailure } from '../presets.ts';
import { MB } from '../types.ts';
import { spaHostExpectations } from '../spa-host.ts';

// Tutorial Example 2 and the React row of its size table, with the "Named Build
// Arguments" (BUILD_ENV, API_URL): a Vite + React 19 app on static-web-server, from scratch.
// The production image is the server's one static binary, a 0.7 MB C health probe, the
// bundle and its gzip twins, and the server's config: see apps/react-spa/README.md.
const stubbedItem = 'stubbed widget';

export default defineApp({
  name: 'react-spa',
  title: 'Vite + React 19 single-page app on static-web-server, from scratch (Example 2, build args)',
  forkable: true,
  // The page's API: no such host exists; the browser check answers it (see service.browser).
  buildArgs: { API_URL: 'https://api.react-spa.lab.test', BUILD_ENV: 'production' },
  limits: {
    // Measured figures: figures/*.json (catalogue/measured.ts). The stretch goal (the goal is
    // 15 MB; the tutorial's nginx:alpine image is 25 MB): static-web-server, the probe, the
    // bundle and its .gz twins.
    uncompressedBytes: { limit: 8 * MB },
    compressedBytes: { limit: 3.5 * MB },
    // --start-interval=200ms: the first probe comes 0.2 s after start. The goal is a quiet
    // machine's median (figures/bench.json); pnpm test holds it times the load factor
    // (harness/src/limits.ts).
    healthyWithinMs: { limit: 3_000, goal: 400 },
    stopWithinMs: { limit: 2_000 },
  },
  service: {
    port: 8080,
    healthPath: '/health',
    http: spaHostExpectations,
    browser: {
      // The image holds no API: the browser answers the bundle's calls to API_URL itself, so the
      // page can be checked on its own. The fullstack entry checks the same page on a real API.
      stubs: [{ url: 'https://api.react-spa.lab.test/**', json: { items: [{ id: '1', name: stubbedItem, quantity: 3 }], count: 1 } }],
      steps: [
        { goto: '/', expectText: stubbedItem },
        { click: 'About', expectPath: '/about', expectText: 'client-side route' },
        { click: 'Items', expectPath: '/', expectText: stubbedItem },
        { goto: '/about', expectText: 'client-side route' },
        { goto: '/no/such/page', expectText: 'Page not found' },
      ],
      expectRequests: ['https://api.react-spa.lab.test/items'],
    },
  },
  deny: [
    // No Node.js, no package manager, no dependencies: the image serves files.
    '**/bin/node',
    ...nodePackageManagers,
    '**/node_modules/**',
    '**/.cache/**',
    // Sources, tests, build configuration; the bundle has no source maps.
    '**/*.ts',
    '**/*.tsx',
    '**/*.map',
    '**/*.c',
    '**/src/**',
    '**/test/**',
    '**/package.json',
    '**/pnpm-lock.yaml',
    '**/tsconfig*.json',
    '**/vite.config.*',
    // Nothing that could run a script, fetch a file or build one.
    ...nothingToRunFetchOrBuild,
    '**/bin/cargo',
    '**/bin/rustc',
  ],
  // The production stage is FROM scratch: the server's binary, copied from its image, and this.
  allow: {
    paths: [
      '/static-web-server',
      '/public/index.html',
      '/public/index.html.gz',
      '/public/favicon.svg',
      '/public/assets/*.{js,css}',
      '/public/assets/*.{js,css}.gz',
      '/etc/static-web-server.toml',
      '/healthcheck',
    ],
  },
  development: {
    mounts: [{ source: 'src', target: '/app/src' }],
    // Vite serves each module transformed on request; after an edit it serves the new one.
    probePath: '/src/pages/AboutPage.tsx',
    edit: { file: 'src/pages/AboutPage.tsx', search: 'This page is a client-side route', replace: 'This page was edited while Vite ran' },
    reloadWithinMs: { limit: 3_000, measured: 181 },
  },
  test: vitestFailure(),
  cache: {
    edit: { file: 'src/pages/AboutPage.tsx', append: '\n// A one-line source change: the dependency install must stay cached.\n' },
    dependencySteps: ['pnpm install --frozen-lockfile --store-dir'],
    // The sources and the bundle. The production COPY of dist/ stays cached for this edit: the
    // minifier drops the comment, so the bundle is byte for byte the same.
    rebuiltSteps: ['COPY src ./src', 'node --run build'],
    // A rebuild is mostly `vite build` (3-5 s), so the ratio sits above node-api's tsc rebuild.
    // The measured ratio: figures/bench.json (`pnpm bench`).
    maxRebuildRatio: { limit: 0.2 },
  },
  fork: {
    // scripts/ keeps pnpm-lock.yaml in step with the workspace's lockfile; a fork owns its lockfile.
    drop: ['scripts'],
    dropLines: [
      // The JSON report the workspace's `pnpm test` collects for CI's closing line.
      { file: 'vitest.config.ts', pattern: 'LAB_TEST_RESULTS' },
      // scripts/ (dropped), named where the lab's tooling reads it.
      { file: 'vitest.config.ts', pattern: 'scripts/ is not in the Docker build context' },
      { file: '.dockerignore', pattern: '# scripts/ keeps' },
    ],
  },
  buildArg: {
    arg: 'API_URL',
    values: ['https://api-one.react-spa.lab.test', 'https://api-two.react-spa.lab.test'],
    // Only the bundle: not index.html, not the server config, not a label, ENV or history line.
    allowedIn: ['/public/assets/*.js'],
    browserPath: '/',
    stubJson: { items: [{ id: '1', name: stubbedItem, quantity: 3 }], count: 1 },
    expectText: stubbedItem,
  },
});
