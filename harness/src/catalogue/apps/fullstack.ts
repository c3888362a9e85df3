import { defineApp } from '../define-app.ts';
import { nodeDevDependencies, nodePackageManagers, nothingToRunFetchOrBuild } from '../presets.ts';
import { MB } from '../types.ts';
import { spaHostExpectations } from '../spa-host.ts';
import { nodeRuntimePaths } from '../node-runtime.ts';

// Tutorial Example 6, "Multiple Builds in One Dockerfile": react-spa and node-api built in
// separate stages (BuildKit runs them side by side) and shipped as one node-api image that
// serves the app too. The context is apps/, both apps; the Dockerfile's own .dockerignore
// says what of it is sent. Example 6 gives no sizes, so the limits are ours.
const item = 'widget from node-api';

export default defineApp({
  name: 'fullstack',
  title: 'react-spa and node-api built side by side, shipped as one node-api image (Example 6)',
  context: 'apps',
  // Not forkable: its build context holds react-spa and node-api, each forked on its own.
  forkable: false,
  limits: {
    // Measured figures: figures/*.json (catalogue/measured.ts). node-api's image (mostly the Node
    // binary) plus the bundle.
    uncompressedBytes: { limit: 140 * MB },
    compressedBytes: { limit: 51 * MB },
    // --start-interval=250ms; the probe is a Node process (0.1-0.7 s on a loaded machine). The
    // goal is node-api's (the same server and probe; a quiet machine's median, held times the
    // load factor by pnpm test, harness/src/limits.ts; the measured median: figures/bench.json).
    healthyWithinMs: { limit: 4_000, goal: 600 },
    stopWithinMs: { limit: 2_000 },
    // The single-stage image is node:24 with both apps' full installs.
    minReductionPercent: { limit: 88 },
  },
  // node-api's runtime calls HTTPS services: the image's Node verifies a public chain with its bundle.
  tls: { runtime: 'node', executable: '/usr/local/bin/node' },
  service: {
    port: 3000,
    healthPath: '/health',
    versionPath: '/version',
    http: [
      ...spaHostExpectations,
      {
        title: 'the API answers beside the app (GET /items is JSON)',
        path: '/items',
        status: 200,
        headers: { 'content-type': { matches: '^application/json' } },
        bodyContains: '"items"',
      },
    ],
    browser: {
      // A real item in node-api's store, which the page must then list: no stub anywhere.
      setup: [{ method: 'POST', path: '/items', json: { name: item, quantity: 2 } }],
      steps: [
        { goto: '/', expectText: item },
        { click: 'About', expectPath: '/about', expectText: 'client-side route' },
        { click: 'Items', expectPath: '/', expectText: item },
        { goto: '/about', expectText: 'client-side route' },
      ],
      expectRequests: ['/items'],
    },
  },
  deny: [
    ...nodePackageManagers,
    '**/.cache/**',
    // Dev dependencies of either app.
    ...nodeDevDependencies,
    '**/node_modules/react/**',
    '**/node_modules/react-dom/**',
    '**/node_modules/jsdom/**',
    // Sources and tests of either app; neither the bundle nor dist/ has source maps.
    '/app/src/**',
    '/app/test/**',
    '/app/frontend/**',
    '/app/backend/**',
    '/app/*.ts',
    '/app/dist/**/*.ts',
    '/app/public/**/*.ts',
    '/app/public/**/*.tsx',
    '/app/dist/**/*.map',
    '/app/public/**/*.map',
    '/app/pnpm-lock.yaml',
    ...nothingToRunFetchOrBuild,
  ],
  // distroless/static's own files (read from that image), and on top of them only this.
  allow: {
    paths: [
      ...nodeRuntimePaths,
      '/app/package.json',
      '/app/dist/**/*.{js,cjs}',
      // react-spa's bundle.
      '/app/public/index.html',
      '/app/public/index.html.gz',
      '/app/public/favicon.svg',
      '/app/public/assets/*.{js,css}',
      '/app/public/assets/*.{js,css}.gz',
    ],
    nodeModules: { dir: '/app/node_modules', lockfile: 'node-api/pnpm-lock.yaml' },
  },
  cache: {
    edit: { file: 'react-spa/src/pages/AboutPage.tsx', append: '\n// A one-line source change: the dependency installs must stay cached.\n' },
    // All three installs: react-spa's, node-api's (every dependency) and node-api's production one.
    dependencySteps: ['pnpm install --frozen-lockfile --store-dir', 'pnpm install --frozen-lockfile --prod'],
    rebuiltSteps: ['COPY react-spa/src ./src', 'node --run build'],
    // react-spa's `vite build` is most of a rebuild. The measured ratio: figures/bench.json (`pnpm bench`).
    maxRebuildRatio: { limit: 0.2 },
  },
  bench: { concurrentStages: ['frontend-build', 'backend-build'] },
});
