import { MB, type AppEntry } from '../types.ts';
import { spaHostExpectations } from '../spa-host.ts';

// Tutorial Example 6, "Multiple Builds in One Dockerfile": react-spa and node-api built in
// separate stages (BuildKit runs them side by side) and shipped as one node-api image that
// serves the app too. The context is apps/, both apps; the Dockerfile's own .dockerignore
// says what of it is sent. Example 6 gives no sizes, so the limits are ours.
const item = 'widget from node-api';

export default {
  name: 'fullstack',
  title: 'react-spa and node-api built side by side, shipped as one node-api image (Example 6)',
  context: 'apps',
  dockerfiles: { single: 'dockerfiles/fullstack/single.Dockerfile', multi: 'dockerfiles/fullstack/multi.Dockerfile' },
  productionTarget: 'production',
  limits: {
    // node-api's image (137 MB: the Node binary is 126.6 MB of it) plus the 0.5 MB bundle.
    uncompressedBytes: 141 * MB,
    compressedBytes: 52 * MB,
    // --start-interval=250ms, and the probe is a Node process (0.1-0.7 s on a loaded machine).
    healthyWithinMs: 4_000,
    stopWithinMs: 2_000,
    // The single-stage image is node:24 with both apps' full installs.
    minReductionPercent: 88,
  },
  service: {
    port: 3000,
    healthPath: '/health',
    versionPath: '/version',
    http: [
      ...spaHostExpectations,
      { title: 'the API answers beside the app (GET /items is JSON)', path: '/items', status: 200, headers: { 'content-type': { matches: '^application/json' } }, bodyContains: '"items"' },
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
    '**/bin/npm',
    '**/bin/npx',
    '**/bin/pnpm',
    '**/bin/corepack',
    '/usr/local/lib/node_modules/**',
    '/pnpm/**',
    '**/.npm/**',
    '**/.cache/**',
    // Dev dependencies of either app.
    '**/node_modules/typescript/**',
    '**/node_modules/vitest/**',
    '**/node_modules/vite/**',
    '**/node_modules/react/**',
    '**/node_modules/react-dom/**',
    '**/node_modules/jsdom/**',
    '**/node_modules/oxlint/**',
    '**/node_modules/@types/**',
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
    '**/bin/sh',
    '**/bin/bash',
    '**/bin/dash',
    '**/bin/curl',
    '**/bin/wget',
    '**/bin/apt*',
    '**/bin/dpkg*',
    '**/bin/gcc*',
  ],
  cache: {
    edit: { file: 'react-spa/src/pages/AboutPage.tsx', append: '\n// A one-line source change: the dependency installs must stay cached.\n' },
    dependencyStep: 'pnpm install --frozen-lockfile',
    maxRebuildRatio: 0.35,
  },
  bench: { concurrentStages: ['frontend-build', 'backend-build'] },
} satisfies AppEntry;
