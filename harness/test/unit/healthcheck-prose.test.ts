// Prose the data can contradict is generated or checked: the root README's table of probe
// timings is rendered from the production stages' HEALTHCHECK and the catalogue, and every
// HEALTHCHECK timing an app's README quotes (`--start-interval=100ms`, "every 100 ms") is the
// one its Dockerfile has.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import { durationMs, readHealthcheck, stageHealthcheck } from '../../src/dockerfile/healthcheck.ts';
import { fromRepo, repoRoot } from '../../src/paths.ts';
import { appReadmePath, readmePath, renderHealthchecks, sectionOf } from '../../src/report/readme-tables.ts';
import selftest from '../../src/catalogue/apps/selftest.ts';

describe('a HEALTHCHECK, read from the Dockerfile', () => {
  it('reads Go durations', () => {
    expect([durationMs('100ms'), durationMs('30s'), durationMs('1m30s'), durationMs('1.5s')]).toEqual([100, 30_000, 90_000, 1_500]);
  });

  it("is the production stage's own, or the one of the stage it is built FROM (an ARG choosing it), and NONE is none", () => {
    const dockerfile = [
      'ARG VARIANT=fast',
      'FROM scratch AS base',
      'HEALTHCHECK --interval=30s --start-period=10s --start-interval=250ms CMD ["/probe"]',
      'FROM base AS variant-fast',
      'FROM base AS variant-none',
      'HEALTHCHECK NONE',
      'FROM variant-${VARIANT} AS production',
    ].join('\n');
    expect(stageHealthcheck(dockerfile, 'production')).toEqual({
      intervalMs: 30_000,
      timeoutMs: 30_000,
      startPeriodMs: 10_000,
      startIntervalMs: 250,
      retries: 3,
    });
    expect(stageHealthcheck(dockerfile, 'production', { VARIANT: 'none' })).toBeNull();
    expect(stageHealthcheck('FROM scratch\nHEALTHCHECK --interval=5s CMD ["/probe"]\n')).toMatchObject({ intervalMs: 5_000, startIntervalMs: null });
  });
});

describe('README.md', () => {
  it("shows the probe timings of every app that serves as its production stage's HEALTHCHECK and its catalogue entry say (`pnpm readme` renders them again)", () => {
    const readme = readFileSync(readmePath, 'utf8');
    expect(sectionOf(readme, 'healthchecks')).toBe(renderHealthchecks());
    const rows = renderHealthchecks().split('\n').slice(2);
    expect(rows).toHaveLength(entries.filter((e) => e.service).length);
  });

  it('would show a changed HEALTHCHECK or limit', () => {
    const faster = renderHealthchecks([selftest], () => ({ intervalMs: 30_000, timeoutMs: 3_000, startPeriodMs: 10_000, startIntervalMs: 50, retries: 3 }));
    expect(faster.split('\n').at(-1)).toBe('| selftest | every 50 ms, for up to 10.0 s | every 30.0 s | 1.00 s | 250 ms |');
  });
});

for (const entry of entries.filter((e) => e.service)) {
  const file = appReadmePath(entry);
  it(`${path.relative(repoRoot, file)} quotes ${entry.name}'s HEALTHCHECK as its Dockerfile has it`, () => {
    const timing = readHealthcheck(fromRepo(entry.dockerfiles.multi), entry.productionTarget, entry.buildArgs)!;
    const text = readFileSync(file, 'utf8');
    const expected: Record<string, number | null> = {
      'start-interval': timing.startIntervalMs,
      'start-period': timing.startPeriodMs,
      interval: timing.intervalMs,
    };
    for (const m of text.matchAll(/--(start-interval|start-period|interval)=(\d[\w.]*)/g))
      expect(durationMs(m[2]!), `${m[0]} in ${path.relative(repoRoot, file)}`).toBe(expected[m[1]!]);
    for (const m of text.matchAll(/every (\d+) ?ms\b/g)) expect(Number(m[1]), `"${m[0]}" in ${path.relative(repoRoot, file)}`).toBe(timing.startIntervalMs);
  });
}
