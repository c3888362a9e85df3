// The first run's figures (report/first-run.ts): phases from the moments they began, the
// engine's disk use from its df answer, and the README's line rendered from figures/first-run.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diskFrom, phasesFrom, renderFirstRun, type FirstRunFigures } from '../../src/report/first-run.ts';
import { firstRunFiguresPath, readmePath, sectionOf } from '../../src/report/readme-tables.ts';

describe('a first run as figures', () => {
  it('times each phase from its mark to the next one, the last to the end; a phase that did not run has no row', () => {
    const marks = [
      { phase: 'set-up' as const, at: 0 },
      { phase: 'builds and measurements' as const, at: 60_000 },
      { phase: 'report' as const, at: 1_260_000 },
    ];
    expect(phasesFrom(marks, 1_290_000)).toEqual([
      { phase: 'set-up', ms: 60_000 },
      { phase: 'builds and measurements', ms: 1_200_000 },
      { phase: 'report', ms: 30_000 },
    ]);
    expect(() => phasesFrom([{ phase: 'forge', at: 10 }], 5)).toThrow('out of order');
  });

  it("counts the images' layers and the build cache's records, a record shared with an image once (in the images)", () => {
    const df = { LayersSize: 5_000_000_000, BuildCache: [{ Size: 4e9 }, { Size: 2.9e9 }, { Size: 1e9, Shared: true }] };
    expect(diskFrom(df)).toEqual({ imagesBytes: 5e9, buildCacheBytes: 6.9e9 });
    expect(diskFrom({ LayersSize: 0, BuildCache: null })).toEqual({ imagesBytes: 0, buildCacheBytes: 0 });
  });

  it("renders the README's line: verify's whole time and its phases, the test run after it, the disk", () => {
    const figures: FirstRunFigures = {
      measuredAt: '2026-12-07T19:00:00.000Z',
      recordedBy: 'by `pnpm bench:first-run`',
      cpus: 2,
      memoryGiB: 8,
      phases: [
        { phase: 'set-up', ms: 50_000 },
        { phase: 'forge', ms: 300_000 },
        { phase: 'builds and measurements', ms: 480_000 },
        { phase: 'report', ms: 20_000 },
        { phase: 'pnpm test after it', ms: 100_000 },
      ],
      disk: { imagesBytes: 5.04e9, buildCacheBytes: 6.86e9 },
    };
    const line = renderFirstRun(figures).replace(/\n/g, ' ');
    expect(line).toContain('On a 2-core machine (measured in December 2026, by `pnpm bench:first-run`)');
    expect(line).toContain(
      'takes about 14 minutes: set-up 1 minute, forge 5 minutes, builds and measurements 8 minutes, report under a minute; `pnpm test` after it 2 minutes more',
    );
    expect(line).toContain('5.0 GB of images and 6.9 GB of build cache');
  });

  it('is what the README shows, rendered from the committed figures/first-run.json (never typed by hand)', () => {
    const figures = JSON.parse(readFileSync(firstRunFiguresPath, 'utf8')) as FirstRunFigures;
    expect(sectionOf(readFileSync(readmePath, 'utf8'), 'first-run')).toBe(renderFirstRun(figures));
  });
});
