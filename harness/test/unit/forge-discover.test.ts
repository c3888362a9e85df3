// Discovery of the external images a Dockerfile needs, one case per Dockerfile feature.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DockerfileError } from '../../src/dockerfile/errors.ts';
import { analyzeDockerfile, cacheMountIds, externalRefsForTarget } from '../../src/dockerfile/stages.ts';
import { discoverBaseRefs } from '../../src/forge/discover.ts';
import { testFolder } from '../support/temp-folder.ts';

const refsOf = (content: string, buildArgs?: Record<string, string>) =>
  analyzeDockerfile(content, 'Dockerfile', buildArgs ? { buildArgs } : {}).stages.flatMap((s) =>
    [s.base, ...s.sources].flatMap((src) => (src.kind === 'image' ? [`${src.ref}@${src.line}`] : [])),
  );

describe('discoverBaseRefs', () => {
  it('finds a plain FROM, with the line that names it, and normalises the reference', () => {
    expect(refsOf('# comment\nFROM node:24-trixie-slim\nRUN true\n')).toEqual(['node:24-trixie-slim@2']);
    expect(refsOf('FROM docker.io/library/debian:trixie\n')).toEqual(['debian:trixie@1']);
    expect(refsOf('FROM gcr.io/distroless/static-debian13\n')).toEqual(['gcr.io/distroless/static-debian13:latest@1']);
  });

  it('reads past --platform', () => {
    expect(refsOf('FROM --platform=$BUILDPLATFORM golang:1.26-trixie AS build\n')).toEqual(['golang:1.26-trixie@1']);
  });

  it('resolves ARG-substituted references from their defaults, nested and with ${VAR:-default}', () => {
    const content = [
      'ARG NODE_MAJOR=24',
      'ARG VARIANT=trixie-slim',
      'ARG BASE=node:${NODE_MAJOR}-${VARIANT}',
      'FROM ${BASE} AS deps',
      'FROM golang:${GO:-1.26}-trixie',
      '',
    ].join('\n');
    expect(refsOf(content)).toEqual(['node:24-trixie-slim@4', 'golang:1.26-trixie@5']);
  });

  it('lets build args override ARG defaults', () => {
    expect(refsOf('ARG NODE_MAJOR=24\nFROM node:${NODE_MAJOR}\n', { NODE_MAJOR: '22' })).toEqual(['node:22@2']);
  });

  it('fails with file and line when an ARG without a default names the image', () => {
    expect(() => refsOf('ARG BASE\nRUN true\nFROM ${BASE}\n')).toThrowError(DockerfileError);
    expect(() => refsOf('ARG BASE\nFROM $BASE\n')).toThrowError(/Dockerfile:2: \$BASE has no default/);
  });

  it('excludes stage aliases, in FROM and in COPY --from, by name and by index', () => {
    const content = [
      'FROM node:24 AS deps',
      'FROM deps AS build',
      'COPY --from=deps /a /a',
      'COPY --from=0 /b /b',
      'FROM gcr.io/distroless/nodejs24-debian13:nonroot',
      'COPY --from=build /app /app',
      '',
    ].join('\n');
    expect(refsOf(content)).toEqual(['node:24@1', 'gcr.io/distroless/nodejs24-debian13:nonroot@5']);
  });

  it('matches stage names case-insensitively, as BuildKit does', () => {
    expect(refsOf('FROM node:24 AS Build\nFROM scratch\nCOPY --from=build /a /a\n')).toEqual(['node:24@1']);
  });

  it('treats a stage named like an image as the image until the stage exists', () => {
    // `FROM node AS node` is the image; a later `FROM node` is the stage.
    expect(refsOf('FROM node:24 AS node\nFROM node\n')).toEqual(['node:24@1']);
  });

  it('finds images named by COPY --from and RUN --mount=from=', () => {
    const content = [
      'FROM debian:trixie-slim',
      'COPY --from=golang:1.26-trixie /usr/local/go/bin/gofmt /usr/local/bin/',
      'RUN --mount=type=bind,from=busybox:stable,source=/bin/busybox,target=/bb true',
      '',
    ].join('\n');
    expect(refsOf(content)).toEqual(['debian:trixie-slim@1', 'golang:1.26-trixie@2', 'busybox:stable@3']);
  });

  it('finds a COPY --from after another flag (go-api: `COPY --link --from=gcr.io/distroless/...`)', () => {
    const content = [
      'FROM scratch',
      'COPY --link --from=gcr.io/distroless/static-debian13:nonroot /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
      '',
    ].join('\n');
    expect(refsOf(content)).toEqual(['gcr.io/distroless/static-debian13:nonroot@2']);
  });

  it('excludes scratch', () => {
    expect(refsOf('FROM scratch\nCOPY --from=scratch / /\n')).toEqual([]);
  });

  it('counts the `# syntax=` frontend as an image every target needs, and none without the directive', async () => {
    const content = '# syntax=docker/dockerfile:1.29\n# check=error=true\nFROM scratch AS a\nFROM node:24-trixie AS b\n';
    const analysis = analyzeDockerfile(content, 'Dockerfile');
    expect(analysis.frontend).toEqual({ ref: 'docker/dockerfile:1.29', line: 1 });
    expect(externalRefsForTarget(analysis, 'a').map((r) => r.ref)).toEqual(['docker/dockerfile:1.29']);
    expect(externalRefsForTarget(analysis, 'b').map((r) => r.ref)).toEqual(['docker/dockerfile:1.29', 'node:24-trixie']);
    expect(analyzeDockerfile('FROM scratch\n', 'Dockerfile').frontend).toBeNull();
    const dir = await testFolder('forge-discover-');
    const file = join(dir, 'multi.Dockerfile');
    await writeFile(file, content);
    expect(await discoverBaseRefs([file])).toEqual([
      { ref: 'docker/dockerfile:1.29', file, line: 1 },
      { ref: 'node:24-trixie', file, line: 4 },
    ]);
  });

  it('reads files and reports each occurrence with its file', async () => {
    const dir = await testFolder('forge-discover-');
    const a = join(dir, 'single.Dockerfile');
    const b = join(dir, 'multi.Dockerfile');
    await writeFile(a, 'FROM node:24-trixie\n');
    await writeFile(b, 'FROM node:24-trixie-slim AS deps\nFROM gcr.io/distroless/nodejs24-debian13\n');
    expect(await discoverBaseRefs([a, b])).toEqual([
      { ref: 'node:24-trixie', file: a, line: 1 },
      { ref: 'node:24-trixie-slim', file: b, line: 1 },
      { ref: 'gcr.io/distroless/nodejs24-debian13:latest', file: b, line: 2 },
    ]);
  });
});

describe('externalRefsForTarget', () => {
  const content = [
    'FROM buildpack-deps:trixie-curl AS fetch',
    'FROM fetch AS fetch-slim',
    'FROM buildpack-deps:trixie AS full',
    'COPY --from=fetch /out/ /',
    'FROM debian:trixie-slim AS slim',
    'COPY --from=fetch-slim /out/ /',
    '',
  ].join('\n');
  const analysis = analyzeDockerfile(content, 'Dockerfile');

  it('follows only the target stage chain', () => {
    expect(externalRefsForTarget(analysis, 'slim').map((r) => r.ref)).toEqual(['debian:trixie-slim', 'buildpack-deps:trixie-curl']);
    expect(externalRefsForTarget(analysis, 'full').map((r) => r.ref)).toEqual(['buildpack-deps:trixie', 'buildpack-deps:trixie-curl']);
  });

  it('uses the last stage without a target, and rejects an unknown one', () => {
    expect(externalRefsForTarget(analysis).map((r) => r.ref)).toEqual(['debian:trixie-slim', 'buildpack-deps:trixie-curl']);
    expect(() => externalRefsForTarget(analysis, 'nope')).toThrowError(/no stage named "nope"/);
  });
});

describe('cacheMountIds', () => {
  it('names each cache mount by its id, or by its target when it has none, once each', () => {
    const content = [
      'FROM golang:1.26-trixie AS deps',
      'RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod go mod download',
      'RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \\',
      '    --mount=type=bind,source=.,target=/src go build ./...',
      'FROM deps AS other',
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update',
      '',
    ].join('\n');
    const analysis = analyzeDockerfile(content, 'Dockerfile');
    expect(cacheMountIds(analysis)).toEqual(['/root/.cache/go-build', '/var/cache/apt', 'go-mod']);
    expect(analysis.stages[1]!.cacheMounts).toEqual([{ id: '/var/cache/apt', target: '/var/cache/apt', line: 6 }]);
  });
});
