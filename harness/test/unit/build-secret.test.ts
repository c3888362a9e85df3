// The build-secret claim and the build-arg finding, decided on facts built to break them, with
// the messages a user reads; and the pieces they stand on: which stages mount a secret, and the
// search of streams and configs for a value.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import nodeApi from '../../src/catalogue/apps/node-api.ts';
import { problemsOf } from '../../src/catalogue/load.ts';
import { analyzeDockerfile, secretMounts } from '../../src/dockerfile/stages.ts';
import type { BuildSecretFacts } from '../../src/contract/app-facts.ts';
import { checkBuildArgLeak } from '../../src/checks/build-arg-leak.ts';
import { checkBuildSecret } from '../../src/checks/build-secret.ts';
import { jsonStringsContaining, maskedExcerpt, streamContains } from '../../src/inspect/search.ts';

const installStep = '[deps 4/4] RUN --mount=type=secret,id=npm_token,required=false with-npm-token pnpm install --frozen-lockfile';
const clean: BuildSecretFacts = {
  images: [
    { target: 'production', hits: [] },
    { target: 'deps', hits: [] },
  ],
  logHits: [],
  mountingSteps: [{ name: installStep, ran: true, saidUsed: true }],
};

describe('the build-secret claim', () => {
  it('holds when every mounting step used the secret and the value shows nowhere', () => {
    const verdict = checkBuildSecret(nodeApi, clean);
    expect(verdict.ok).toBe(true);
    expect(verdict.found).toBe("read by 1 step(s); found nowhere in production, deps (history, config, every layer's files) or the build output");
  });

  it('fails on a value left in a layer, naming the image, layer and file', () => {
    const verdict = checkBuildSecret(nodeApi, { ...clean, images: [{ target: 'deps', hits: ['layer 9 (RUN with-npm-token pnpm install): /app/.npmrc'] }] });
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toBe('the value shows in 1 place(s): deps: layer 9 (RUN with-npm-token pnpm install): /app/.npmrc');
  });

  it('fails on a value printed in the build output', () => {
    const verdict = checkBuildSecret(nodeApi, { ...clean, logHits: [`${installStep}: token is <the value>`] });
    expect(verdict.ok).toBe(false);
    expect(verdict.blame).toBe(`build output: ${installStep}: token is <the value>`);
  });

  it('fails when the secret was never read: the step came from cache, or did not say it had it', () => {
    const cached = checkBuildSecret(nodeApi, { ...clean, mountingSteps: [{ name: installStep, ran: false, saidUsed: false }] });
    expect(cached.ok).toBe(false);
    expect(cached.found).toBe(`the secret was not used: ${installStep}: came from cache, so it never saw the secret`);
    const silent = checkBuildSecret(nodeApi, { ...clean, mountingSteps: [{ name: installStep, ran: true, saidUsed: false }] });
    expect(silent.found).toBe(`the secret was not used: ${installStep}: did not print "with the npm_token build secret"`);
    expect(checkBuildSecret(nodeApi, { ...clean, mountingSteps: [] }).found).toBe('the secret was not used: no build step mounts npm_token');
  });

  it('fails with the build error when it could not be measured', () => {
    const verdict = checkBuildSecret(nodeApi, { ...clean, error: 'build of lab/node-api:secret failed: exit code: 1\nfailing step: [deps 4/4] RUN ...' });
    expect(verdict).toMatchObject({ ok: false, found: 'could not be measured: build of lab/node-api:secret failed: exit code: 1' });
  });
});

describe('the build-arg finding', () => {
  it('holds when the value shows in the image history', () => {
    const verdict = checkBuildArgLeak(nodeApi, {
      hits: ['image config history[9].created_by: RUN |2 NPM_PRIVATE_REGISTRY=//registry.invalid/ NPM_TOKEN=<the value> /bin/sh -c echo ...'],
    });
    expect(verdict.ok).toBe(true);
    expect(verdict.found).toMatch(/^it shows: image config history\[9\]\.created_by: RUN \|2 .*NPM_TOKEN=<the value>/);
  });

  it('fails, saying so, when the value shows nowhere', () => {
    expect(checkBuildArgLeak(nodeApi, { hits: [] })).toMatchObject({
      ok: false,
      found: 'it shows nowhere (has BuildKit stopped recording build args in the history?)',
    });
  });
});

describe('secret mounts', () => {
  it('names every stage whose RUN mounts the secret, whatever the order of the mount options', () => {
    const content = [
      'FROM node:24-slim AS deps',
      'RUN --mount=type=cache,target=/x --mount=type=secret,id=npm_token,required=false pnpm install',
      'FROM deps AS prod-deps',
      'RUN --mount=id=npm_token,type=secret pnpm install --prod',
      'FROM deps AS other',
      'RUN --mount=type=secret,id=another true',
    ].join('\n');
    const analysis = analyzeDockerfile(content, 'Dockerfile');
    expect(secretMounts(analysis, 'npm_token')).toEqual([
      { stage: 'deps', line: 2 },
      { stage: 'prod-deps', line: 4 },
    ]);
    expect(secretMounts(analysis).map((m) => m.line)).toEqual([2, 4, 6]);
    expect(secretMounts(analyzeDockerfile('FROM node:24-slim\nRUN --mount=type=cache,target=/x true\n', 'Dockerfile'))).toEqual([]);
  });

  it('are checked by the catalogue: a secret no RUN mounts is refused', () => {
    const broken = { ...nodeApi, name: 'broken', buildSecret: { ...nodeApi.buildSecret!, id: 'no_such_secret' } };
    expect(problemsOf(broken)).toContain(
      "broken: buildSecret.id 'no_such_secret': no RUN of dockerfiles/node-api/multi.Dockerfile mounts it (--mount=type=secret,id=no_such_secret)",
    );
  });
});

describe('searching for a value', () => {
  it('finds it in a stream even when it straddles two chunks, and reads the stream to its end', async () => {
    const chunks = [Buffer.from('xxxx lab-sec'), Buffer.from('ret-123 yyyy'), Buffer.from('tail')];
    const stream = Readable.from(chunks);
    expect(await streamContains(stream, Buffer.from('lab-secret-123'))).toBe(true);
    expect(stream.readableEnded).toBe(true);
    expect(await streamContains(Readable.from([Buffer.from('lab-secret-12'), Buffer.from('4')]), Buffer.from('lab-secret-123'))).toBe(false);
  });

  it('finds it in any string of a config, with its path, and masks it in excerpts', () => {
    const config = { config: { Env: ['A=1', 'TOKEN=lab-secret-1'] }, history: [{ created_by: 'RUN |1 NPM_TOKEN=lab-secret-1 /bin/sh -c true' }] };
    expect(jsonStringsContaining(config, 'lab-secret-1').map((h) => h.at)).toEqual(['config.Env[1]', 'history[0].created_by']);
    expect(maskedExcerpt('RUN |1 NPM_TOKEN=lab-secret-1 /bin/sh -c true', 'lab-secret-1')).toBe('RUN |1 NPM_TOKEN=<the value> /bin/sh -c true');
  });
});
