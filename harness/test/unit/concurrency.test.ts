// The bench's concurrency figure: from one build's BuildKit step times, how long each of the
// stages that may run side by side ran (with the stages only it needs), and how long together.
import { describe, expect, it } from 'vitest';
import { analyzeDockerfile, readDockerfile } from '../../src/dockerfile/stages.ts';
import type { BuildStep } from '../../src/engine/build.ts';
import { exclusiveStages, stageOverlap, unionMs } from '../../src/measure/concurrency.ts';
import { fromRepo } from '../../src/paths.ts';

const dockerfile = analyzeDockerfile(
  [
    'FROM node:24-slim AS toolchain',
    'FROM toolchain AS frontend-deps',
    'FROM frontend-deps AS frontend-build',
    'FROM toolchain AS backend-build',
    'FROM debian:trixie',
    'COPY --from=frontend-build /a /a',
    'COPY --from=backend-build /b /b',
  ].join('\n'),
  'Dockerfile',
);

const step = (name: string, startedAt: number, completedAt: number, cached = false): BuildStep => ({
  name,
  cached,
  startedAt,
  completedAt,
  durationMs: completedAt - startedAt,
});

describe('exclusiveStages', () => {
  it('gives each target the stages only it needs, leaving out those they share', () => {
    expect(exclusiveStages(dockerfile, ['frontend-build', 'backend-build'])).toEqual(
      new Map([
        ['frontend-build', new Set(['frontend-build', 'frontend-deps'])],
        ['backend-build', new Set(['backend-build'])],
      ]),
    );
  });

  it("splits fullstack's build into its frontend and its backend", () => {
    const stages = exclusiveStages(readDockerfile(fromRepo('dockerfiles/fullstack/multi.Dockerfile')), ['frontend-build', 'backend-build']);
    expect(stages.get('frontend-build')).toEqual(new Set(['frontend-build', 'frontend-deps']));
    expect(stages.get('backend-build')).toEqual(new Set(['backend-build', 'backend-deps']));
  });

  it('refuses a stage the Dockerfile does not have', () => {
    expect(() => exclusiveStages(dockerfile, ['frontend-build', 'nope'])).toThrowError(/no stage named "nope"/);
  });
});

describe('unionMs', () => {
  it('counts overlapping time once', () => {
    expect(
      unionMs([
        [0, 10],
        [5, 12],
        [20, 25],
        [21, 22],
      ]),
    ).toBe(17);
    expect(unionMs([])).toBe(0);
  });
});

describe('stageOverlap', () => {
  const stages = exclusiveStages(dockerfile, ['frontend-build', 'backend-build']);

  it('measures side by side stages: each one busy, less time together than added up', () => {
    const steps = [
      step('[internal] load build definition from Dockerfile', 0, 100),
      step('[toolchain 1/2] RUN npm install -g pnpm', 100, 2_000),
      step('[frontend-deps 1/2] RUN pnpm install', 2_000, 5_000),
      step('[frontend-build 1/1] RUN node --run build', 5_000, 9_000),
      step('[backend-build 1/2] RUN pnpm install', 2_100, 4_000),
      step('[backend-build 2/2] RUN node --run build', 4_000, 6_000),
      step('[stage-4 1/2] COPY --from=frontend-build /a /a', 9_000, 9_100),
    ];
    expect(stageOverlap(steps, stages)).toEqual({ busyMs: [7_000, 3_900], togetherMs: 7_000 });
  });

  it('measures stages one after the other: together is the sum', () => {
    const steps = [step('[frontend-build 1/1] RUN node --run build', 0, 4_000), step('[backend-build 1/2] RUN pnpm install', 4_000, 6_000)];
    expect(stageOverlap(steps, stages)).toEqual({ busyMs: [4_000, 2_000], togetherMs: 6_000 });
  });

  it('leaves out cached steps and steps never completed', () => {
    const steps = [
      step('[frontend-build 1/1] RUN node --run build', 0, 4_000, true),
      { name: '[backend-build 1/2] RUN pnpm install', cached: false, startedAt: 0 },
    ];
    expect(stageOverlap(steps, stages)).toEqual({ busyMs: [0, 0], togetherMs: 0 });
  });
});
