import { defineApp } from '../define-app.ts';
import { goToolchain, nodePackageManagers, nothingToRunFetchOrBuild, without } from '../presets.ts';
import { MB } from '../types.ts';

// Tutorial Example 8, "Using External Images in Stages": a tool image whose final stage
// installs nothing and copies each tool out of another image. It serves nothing, so it is
// checked by running every tool in it. The context is go-api's folder: go-api is built in
// a stage of its own, so this entry needs no other entry's image (one CI job per app).
export default defineApp({
  name: 'toolbox',
  title: 'Tools gathered from other images with COPY --from (Example 8)',
  context: 'apps/go-api',
  productionTarget: 'toolbox',
  // Not forkable: it serves nothing (a fork is a starter for a service).
  forkable: false,
  // Example 8 makes no size claim, so there is no `tutorial` row; the limits below are ours.
  limits: {
    // Measured figures: figures/sizes.json (catalogue/measured.ts). distroless/base, node,
    // libstdc++/libgcc_s, go-api, gofmt and busybox: Node alone is most of it.
    uncompressedBytes: { limit: 170 * MB },
    compressedBytes: { limit: 65 * MB },
    // Single-stage: golang:1.26 plus Debian's nodejs and busybox.
    minReductionPercent: { limit: 80 },
  },
  // Nothing serves, so the uid is read from a process of its own tools: a sleep, as the image runs it.
  idleCommand: ['busybox', 'sleep', '60'],
  deny: [
    // Only the tools, not what they came with: no Go toolchain (gofmt is a tool here), npm,
    // compilers or package managers.
    ...without(goToolchain, '**/bin/gofmt'),
    ...nodePackageManagers,
    // busybox is a tool here, but only as itself: no shell installed as /bin/sh.
    ...without(nothingToRunFetchOrBuild, '**/bin/busybox'),
    '**/*.go',
    '**/go.mod',
  ],
  // The base's files and the tools, each exactly, with the two libraries node needs beyond glibc.
  allow: {
    paths: ['/usr/local/bin/{gofmt,node,busybox,go-api}', '/usr/lib/*-linux-gnu/{libstdc++.so.6,libgcc_s.so.1}'],
  },
  // node is the tool here that calls HTTPS services; the bundle is distroless/base's (Debian's).
  tls: { runtime: 'node', executable: '/usr/local/bin/node' },
  runs: [
    { command: ['go-api', '-version'], expectOutput: 'go-api ' },
    { command: ['busybox', 'sh', '-c', "printf 'package main;func main(){}' | gofmt"], expectOutput: 'func main() {}' },
    { command: ['node', '-e', 'console.log(`node ${process.version}`)'], expectOutput: 'node v24.' },
    { command: ['busybox', 'sh', '-c', 'echo "busybox sh: $((6 * 7))"'], expectOutput: 'busybox sh: 42' },
  ],
});
