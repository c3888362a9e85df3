// What `pnpm verify` shows while it works: one status line on a terminal, plain lines in a log.
import { describe, expect, it } from 'vitest';
import { createProgress, longestSteps, statusLine, type Step } from '../../src/cli/progress.ts';

function fakeStream(isTTY: boolean, columns = 80) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns, write: (s: string) => chunks.push(s) > 0 } as unknown as NodeJS.WriteStream };
}

describe('the status line', () => {
  it('names the app and its place in the run, what is being built, the step and how long each has taken', () => {
    const line = statusLine(
      {
        runStarted: 0,
        app: { name: 'node-api', index: 2, total: 3 },
        appStarted: 1_000,
        phase: 'multi-stage image',
        step: '[deps 3/4] RUN pnpm install --frozen-lockfile',
        stepStarted: 50_000,
      },
      63_000,
      120,
    );
    expect(line).toBe('[2/3 node-api 1:02] multi-stage image · [deps 3/4] RUN pnpm install --frozen-lockfile 13.0 s');
  });

  it('fits the terminal: a long step is cut with an ellipsis, the times stay', () => {
    const line = statusLine(
      {
        runStarted: 0,
        app: { name: 'go-api', index: 1, total: 1 },
        appStarted: 0,
        phase: 'single-stage image',
        step: `[4/5] RUN ${'x'.repeat(200)}`,
        stepStarted: 0,
      },
      5_000,
      60,
    );
    expect(line.length).toBe(59);
    expect(line).toMatch(/^\[1\/1 go-api 0:05\] single-stage image · \[4\/5\] RUN x+… 5\.00 s$/);
  });
});

describe('progress', () => {
  it('in a log (not a terminal): plain lines with the elapsed time, one per phase and finished step', () => {
    let now = 0;
    const { chunks, stream } = fakeStream(false);
    const progress = createProgress(stream, { now: () => now });
    progress.app('go-api', 1, 2);
    now = 1_500;
    progress.phase('multi-stage image');
    progress.build({ kind: 'step-started', step: '[build 2/3] RUN go build' });
    progress.build({ kind: 'step-done', step: '[build 2/3] RUN go build', cached: false, durationMs: 12_300 });
    progress.build({ kind: 'step-done', step: '[internal] load build context', cached: false, durationMs: 10 });
    progress.build({ kind: 'step-done', step: '[deps 1/2] COPY go.mod ./', cached: true });
    progress.stop();
    expect(chunks.join('')).toBe(
      [
        '[0:00] go-api (1/2): building and measuring',
        '[0:01] go-api multi-stage image',
        '  [go-api multi-stage image] [build 2/3] RUN go build 12.3 s',
        '  [go-api multi-stage image] [deps 1/2] COPY go.mod ./ CACHED',
        '',
      ].join('\n'),
    );
    expect(chunks.join('')).not.toContain('\r');
  });

  it('on a terminal: the status line is redrawn in place, and lines that stay are written above it', () => {
    let now = 0;
    const { chunks, stream } = fakeStream(true, 120);
    const progress = createProgress(stream, { now: () => now, tickMs: 60_000 });
    progress.app('node-api', 1, 1);
    progress.phase('single-stage image');
    now = 2_000;
    progress.build({ kind: 'step-started', step: '[3/7] RUN npm install --global pnpm' });
    progress.line('a note');
    progress.stop();
    const out = chunks.join('');
    expect(out).toContain('[1/1 node-api 0:00] single-stage image');
    expect(out).toContain('\r\x1b[2Ka note\n[1/1 node-api 0:02] single-stage image · [3/7] RUN npm install --global pnpm 0 ms');
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
  });
});

describe('where the time went', () => {
  const steps: Step[] = [
    { label: 'base images', ms: 4_000 },
    { label: 'go-api: starting', ms: 200 },
    { label: 'go-api single-stage image', ms: 95_000, longestBuild: { step: '[3/4] RUN go build  -o /out/api .', ms: 61_000 } },
    {
      label: 'go-api multi-stage image',
      ms: 130_000,
      longestBuild: { step: `[build 4/6] RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod ${'x'.repeat(60)}`, ms: 70_500 },
    },
    { label: 'go-api running the production image', ms: 12_000, longestBuild: { step: 'exporting to image', ms: 88 } },
    { label: 'go-api claim: cache', ms: 48_000 },
    { label: 'go-api claim: targets', ms: 30_000 },
    { label: 'go-api writing the report', ms: 700 },
  ];

  it('names the five longest steps, longest first, each with its share of the whole and its longest build step (cut to fit; none under a second)', () => {
    expect(longestSteps(steps, 330_000)).toEqual([
      'where the time went: the 5 longest of 8 steps, of 5:30 in all',
      `  2:10   39%  go-api multi-stage image (longest build step 1:10: [build 4/6] RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod ${'x'.repeat(15)}…)`,
      '  1:35   29%  go-api single-stage image (longest build step 1:01: [3/4] RUN go build -o /out/api .)',
      '  0:48   15%  go-api claim: cache',
      '  0:30    9%  go-api claim: targets',
      '  0:12    4%  go-api running the production image',
    ]);
  });

  it('a short run lists what it has; a step under 1% says so; no steps, no lines', () => {
    expect(longestSteps(steps.slice(0, 2), 30_000)).toEqual([
      'where the time went: the 2 longest of 2 steps, of 0:30 in all',
      '  0:04   13%  base images',
      '  0:00   <1%  go-api: starting',
    ]);
    expect(longestSteps([], 1_000)).toEqual([]);
  });

  it('the progress times each app and phase up to the next, with the longest build step that ran (not a cached one)', () => {
    let now = 0;
    const progress = createProgress(fakeStream(false).stream, { now: () => now });
    now = 1_000;
    progress.phase('base images');
    now = 5_000;
    progress.app('go-api', 1, 1);
    now = 5_500;
    progress.phase('multi-stage image');
    progress.build({ kind: 'step-done', step: '[build 2/3] RUN go build', cached: false, durationMs: 40_000 });
    progress.build({ kind: 'step-done', step: '[deps 1/2] COPY go.mod ./', cached: true, durationMs: 90_000 });
    progress.build({ kind: 'step-done', step: '[build 3/3] RUN strip', cached: false, durationMs: 2_000 });
    now = 65_500;
    progress.stop();
    now = 99_000;
    progress.stop();
    expect(progress.steps()).toEqual({
      steps: [
        { label: 'base images', ms: 4_000 },
        { label: 'go-api: starting', ms: 500 },
        { label: 'go-api multi-stage image', ms: 60_000, longestBuild: { step: '[build 2/3] RUN go build', ms: 40_000 } },
      ],
      totalMs: 65_500,
    });
  });
});
