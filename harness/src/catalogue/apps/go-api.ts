import { defineApp } from '../define-app.ts';
import { goTestFailure, goToolchain, nothingToRunFetchOrBuild } from '../presets.ts';
import { MB } from '../types.ts';
import { goTips } from '../go-tips.ts';

// Tutorial Example 3, the Go row: a net/http service compiled to one static binary and
// shipped on `scratch`. Measured figures are in the comments; budgets keep a small margin.
export default defineApp({
  name: 'go-api',
  title: 'Go net/http service: a static binary on scratch (Example 3)',
  forkable: true,
  limits: {
    // Measured figures: figures/*.json (catalogue/measured.ts). One static binary on scratch and
    // Debian's CA bundle. The goal is 8 MB, the stretch 6 MB (met by the binary alone); the
    // tutorial's alpine-based image is 15 MB.
    uncompressedBytes: { limit: 8 * MB },
    compressedBytes: { limit: 3 * MB },
    // HEALTHCHECK --start-interval=100ms: the first probe runs 100 ms after start and the server
    // answers within milliseconds. The goal is a bench median on a quiet machine (figures/bench.json);
    // the limit leaves room for a loaded 2-core CI machine, and for an engine without
    // --start-interval (20.10), whose first probe comes one 1 s interval in.
    healthyWithinMs: { limit: 1_000, goal: 250 },
    // Idle server: Shutdown returns at once.
    stopWithinMs: { limit: 2_000 },
  },
  service: { port: 8080, healthPath: '/health', versionPath: '/version' },
  // Go's crypto/x509 reads /etc/ssl/certs/ca-certificates.crt (Debian's bundle, copied in).
  tls: { runtime: 'go' },
  deny: [
    // The toolchain and anything that could run a script, fetch a file or build one.
    ...goToolchain,
    ...nothingToRunFetchOrBuild,
    // Sources, tests, module files and caches.
    '**/*.go',
    '**/go.mod',
    '**/go.sum',
    '**/.air.toml',
    '/src/**',
    '/app/**',
    '/root/**',
  ],
  // Exactly the binary on scratch, and Debian's CA bundle for outbound TLS.
  allow: { paths: ['/go-api', '/etc/ssl/certs/ca-certificates.crt'] },
  development: {
    mounts: [{ source: '.', target: '/src' }],
    probePath: '/',
    edit: { file: 'handlers.go', search: 'Hello from go-api', replace: 'Hello from a reloaded go-api' },
    // Air notices the edit, rebuilds (only what changed: the build cache is in the image) and restarts.
    reloadWithinMs: { limit: 10_000, measured: 1_520 },
  },
  test: goTestFailure,
  // The tutorial's `go build -a -installsuffix cgo` (the report's go-installsuffix claim).
  tips: goTips,
  // The tutorial's "Reference by name, not number": the production image built again with its
  // stages referenced by number (the report's stage-naming-by-number claim).
  stageByNumber: true,
  cache: {
    edit: { file: 'main.go', append: '\n// A one-line source change: go mod download must stay cached.\n' },
    dependencySteps: ['go mod download'],
    // The sources and the build that compiles them. The production copy of the binary stays
    // cached: a comment changes no byte of a -trimpath binary, and BuildKit keys COPY on content.
    rebuiltSteps: ['COPY . .', 'go build -trimpath'],
    // The measured ratio: figures/bench.json (`pnpm bench`).
    maxRebuildRatio: { limit: 0.15 },
  },
  // package.json only lets turbo run the Go checks in the workspace: a fork runs `go test` itself.
  fork: { drop: ['package.json'] },
});
