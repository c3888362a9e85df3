// The READMEs' figures come from data, never from a hand: `pnpm verify --record` and `pnpm bench
// --record` write figures/*.json and the sections they render to, in the root README and in each app's. This
// renders a fixture report to known tables, and renders the committed figures again to check
// that every README says the same (one test per catalogue app: a new app needs no test code).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import { MB } from '../../src/catalogue/types.ts';
import type { EngineFacts } from '../../src/engine/engine-facts.ts';
import type { AppBench } from '../../src/measure/bench.ts';
import type { AppReport, ClaimsReport } from '../../src/report/claims-model.ts';
import { benchFigures, sizeFigures, type BenchFigures, type SizeFigures } from '../../src/report/figures.ts';
import { recipeCell, recipeColumnTitle } from '../../src/report/recipe-column.ts';
import { repoRoot } from '../../src/paths.ts';
import {
  appReadmePath,
  figuresPath,
  readmePath,
  render,
  renderAppBench,
  renderAppSizes,
  renderBench,
  renderSizes,
  sectionOf,
  withSection,
  type SectionName,
} from '../../src/report/readme-tables.ts';

const engine: EngineFacts = {
  version: '26.1.5+dfsg1',
  apiVersion: '1.45',
  os: 'linux',
  arch: 'amd64',
  storageDriver: 'overlayfs',
  imageStore: 'containerd',
  buildx: '0.13.1+ds1',
  compose: '2.26.1-4',
};

const ok = { id: 'x', title: 'x', ok: true, expected: '', found: '' };
function app(name: string, single: number, multi: number, compressed: number, extra: Partial<AppReport> = {}): AppReport {
  const image = (bytes: number, compressedBytes: number) => ({ tag: `lab/${name}`, buildMs: 1, facts: { uncompressedBytes: bytes, compressedBytes } });
  return {
    app: name,
    title: name,
    contract: [ok, ok],
    claims: [ok],
    bases: [{ ref: 'debian:trixie', origin: 'forged locally (stand-in)' }],
    facts: { app: name, buildArgs: { VERSION: '1', REVISION: 'r' }, single: image(single, single / 3), multi: image(multi, compressed) },
    ...extra,
  } as AppReport;
}

const report: ClaimsReport = {
  schemaVersion: 2,
  lessons: [],
  generatedAt: '2026-11-27T10:00:00.000Z',
  engine,
  tutorialClaims: [],
  apps: [
    app('node-api', 1_411_000_000, 137_100_000, 49_800_000, {
      tutorial: { section: 'Example 1', singleBytes: 1_100 * MB, multiBytes: 150 * MB, reductionPercent: 86 },
    }),
    app('go-api', 959_100_000, 20_000_000, 2_500_000, {
      tutorial: { section: 'Go', singleBytes: 800 * MB, multiBytes: 15 * MB, reductionPercent: 98 },
      contract: [ok, { ...ok, ok: false }],
    }),
    app('selftest', 4_000_000, 2_000_000, 1_100_000),
  ],
};

const noGoals = () => undefined;

const bench = {
  generatedAt: '2026-11-27T12:00:00.000Z',
  engine,
  runs: 3,
  cpus: 2,
  loadAverage: 0.4,
  benches: [
    {
      app: 'node-api',
      samples: [
        { id: 'build:single-stage:cold', what: '', runs: [], median: 5970 },
        { id: 'build:single-stage:warm', what: '', runs: [], median: 56 },
        { id: 'build:production:cold', what: '', runs: [], median: 8400 },
        { id: 'build:production:warm', what: '', runs: [], median: 52 },
        { id: 'rebuild:production', what: '', runs: [], median: 494 },
        { id: 'run:ready', what: '', runs: [], median: 138 },
        { id: 'run:healthy', what: '', runs: [], median: 410 },
        { id: 'run:stop', what: '', runs: [], median: 157 },
      ],
      rebuildRatio: 494 / 8400,
      maxRebuildRatio: 0.15,
      sizes: { single: 0, multi: 0, multiCompressed: 0 },
    },
    {
      app: 'toolbox',
      samples: [
        { id: 'build:toolbox:cold', what: '', runs: [], median: 14_300 },
        { id: 'build:toolbox:warm', what: '', runs: [], median: 58 },
      ],
      sizes: { single: 0, multi: 0, multiCompressed: 0 },
    },
  ] as AppBench[],
};

describe('the README size table', () => {
  it("renders from a claims report: sizes, reduction, the tutorial's figures, and what holds", () => {
    const figures = sizeFigures(report, ['node-api', 'go-api', 'selftest'])!;
    expect(renderSizes(figures)).toBe(
      [
        '`pnpm verify` on Docker 26.1.5+dfsg1 (API 1.45), containerd image store (overlayfs snapshotter), buildx 0.13.1+ds1, Compose 2.26.1-4; base images forged locally; 27 November 2026:',
        '',
        '| app | single-stage | multi-stage | compressed | reduction | tutorial |',
        '| --- | --- | --- | --- | --- | --- |',
        '| node-api | 1.41 GB | 137.1 MB | 49.8 MB | 90.3% | 1.10 GB -> 150.0 MB (86%) |',
        '| go-api | 959.1 MB | 20.0 MB | 2.5 MB | 97.9% | 800.0 MB -> 15.0 MB (98%) |',
        '| selftest | 4.0 MB | 2.0 MB | 1.1 MB | 50.0% | (no figure) |',
        '',
        "The tutorial's multi-stage size and reduction claims hold for node-api. They do not hold for go-api: see `reports/claims.md`. go-api (2/3) fail checks: see `reports/claims.md`.",
      ].join('\n'),
    );
  });

  it("shows the tutorial's own recipe as written beside the lab's sizes, where the run ran the recipes", () => {
    const recipes = [
      {
        kind: 'dockerfile',
        source: { section: 'Example 1: Simple Node.js App', where: 'block 2 of 3' },
        text: 'FROM node:18 AS build\nFROM node:18-alpine\n',
        outcome: { kind: 'not-built-here', reason: 'node:18-alpine needs a registry' },
      },
    ] as unknown as NonNullable<ClaimsReport['recipes']>;
    const figures = sizeFigures({ ...report, recipes }, ['node-api', 'go-api', 'selftest'])!;
    expect(figures.apps.map((a) => a.recipe)).toEqual([
      recipeCell({ app: 'node-api' }, recipes),
      recipeCell({ app: 'go-api' }, recipes),
      '(no example in the tutorial)',
    ]);
    const table = renderSizes(figures).split('\n');
    expect(table[2]).toBe(`| app | single-stage | multi-stage | compressed | ${recipeColumnTitle} | reduction | tutorial |`);
    expect(table[4]).toMatch(/^\| node-api \| 1\.41 GB \| 137\.1 MB \| 49\.8 MB \| Example 1 multi-stage: node:18-alpine needs a registry \| 90\.3% \|/);
    expect(renderAppSizes(figures, 'selftest').split('\n')[2]).toContain(`| ${recipeColumnTitle} |`);
    // A run that did not run them: the table as before.
    expect(renderSizes(sizeFigures(report, ['node-api', 'go-api', 'selftest'])!)).not.toContain(recipeColumnTitle);
  });

  it("counts the tutorial's claims, and the lab's own advice apart", () => {
    const figures = { ...sizeFigures(report, ['node-api', 'go-api', 'selftest'])!, claims: { holds: 36, doesNotHold: 9, notChecked: 0, advice: 2 } };
    expect(renderSizes(figures).split('\n').at(-1)).toContain(
      "Of the tutorial's 45 claims, 36 hold, 9 do not hold (findings, with the measured numbers) and 0 are not checked yet (each with the reason), and 2 points of the lab's own advice it never makes: `reports/claims.md`, `reports/index.html`.",
    );
  });

  it('is not written from a run that left an app out (LAB_APPS) or could not measure one', () => {
    expect(sizeFigures(report, ['node-api', 'go-api', 'selftest', 'toolbox'])).toBeNull();
    const broken = { ...report, apps: report.apps.map((a) => (a.app === 'selftest' ? { ...a, facts: undefined } : a)) } as ClaimsReport;
    expect(sizeFigures(broken, ['node-api', 'go-api', 'selftest'])).toBeNull();
  });
});

describe('the README bench tables', () => {
  it('render from bench data: each target cold and warm, the one-line rebuild against its budget, start and stop, healthy against its goal', () => {
    expect(renderBench(benchFigures(bench, ['node-api', 'toolbox'])!, (app) => (app === 'node-api' ? 300 : undefined))).toBe(
      [
        '`pnpm bench --runs 3` (medians) on 2 cores (load average 0.4 as it began), Docker 26.1.5+dfsg1 (API 1.45), containerd image store (overlayfs snapshotter), buildx 0.13.1+ds1, Compose 2.26.1-4, 27 November 2026.',
        '',
        '| app | target | cold | warm | one-line change (share of cold) |',
        '| --- | --- | --- | --- | --- |',
        '| node-api | single-stage | 5.97 s | 56 ms |  |',
        '| node-api | production | 8.40 s | 52 ms | 494 ms (5.9%; budget 15%) |',
        '| toolbox | toolbox | 14.3 s | 58 ms |  |',
        '',
        'One builder of 2 cores, one build at a time: 3 cold builds of every target of 2 apps add up to 28.7 s, the production image alone to 8.40 s; a one-line change rebuilds it in 494 ms at most.',
        '',
        '| app | start to first 200 | start to `healthy` | `docker stop` |',
        '| --- | --- | --- | --- |',
        '| node-api | 138 ms | 410 ms (goal 300 ms: missed) | 157 ms |',
      ].join('\n'),
    );
  });
});

describe('the README bench section, for an image built from concurrent stages and one with alternative builds', () => {
  const run = (suffix: string, ready: number, healthy: number, stop: number) => [
    { id: `run:ready${suffix}`, what: '', runs: [], median: ready },
    { id: `run:healthy${suffix}`, what: '', runs: [], median: healthy },
    { id: `run:stop${suffix}`, what: '', runs: [], median: stop },
  ];
  const more = {
    ...bench,
    benches: [
      {
        app: 'fullstack',
        samples: [
          { id: 'build:production:cold', what: '', runs: [], median: 11_600 },
          { id: 'build:production:warm', what: '', runs: [], median: 60 },
          ...run('', 185, 199, 128),
        ],
        concurrency: { stages: ['frontend-build', 'backend-build'], coldMs: 14_300, busyMs: [6_500, 5_000], togetherMs: 7_200 },
        sizes: { single: 0, multi: 137_600_000, multiCompressed: 50_000_000 },
      },
      {
        app: 'java-api',
        samples: [
          { id: 'build:production:cold', what: '', runs: [], median: 90_000 },
          { id: 'build:production:warm', what: '', runs: [], median: 70 },
          ...run('', 1810, 1850, 164),
          ...run(':no-aot-cache', 3700, 3770, 170),
        ],
        alternatives: [{ name: 'no-aot-cache', title: 'without the JVM AOT cache', uncompressedBytes: 87_300_000, compressedBytes: 61_400_000 }],
        sizes: { single: 0, multi: 146_300_000, multiCompressed: 76_000_000 },
      },
    ] as AppBench[],
  };
  const figures = benchFigures(more, ['fullstack', 'java-api'])!;

  it('says how much less the cold build took than its stages one by one, and shows each build of an app with alternatives', () => {
    expect(renderBench(figures, noGoals).split('\n').slice(2)).toEqual([
      '| app | target | cold | warm | one-line change (share of cold) |',
      '| --- | --- | --- | --- | --- |',
      '| fullstack | production | 11.6 s | 60 ms |  |',
      '| java-api | production | 90.0 s | 70 ms |  |',
      '',
      'fullstack: in its cold production build (14.3 s), BuildKit ran `frontend-build` for 6.50 s and `backend-build` for 5.00 s (each with the stages only it needs), 11.5 s added up, within 7.20 s: side by side for 4.30 s.',
      '',
      'One builder of 2 cores, one build at a time: 2 cold builds of every target of 2 apps add up to 1 min 42 s, the 2 production images alone to 1 min 42 s.',
      '',
      '| app | start to first 200 | start to `healthy` | `docker stop` |',
      '| --- | --- | --- | --- |',
      '| fullstack | 185 ms | 199 ms | 128 ms |',
      '| java-api | 1.81 s | 1.85 s | 164 ms |',
      '',
      'The production image beside its alternative builds (sizes of the images the bench built; start times of the same runs):',
      '',
      '| app | build | uncompressed | compressed | start to first 200 | start to `healthy` |',
      '| --- | --- | --- | --- | --- | --- |',
      '| java-api | production (default) | 146.3 MB | 76.0 MB | 1.81 s | 1.85 s |',
      '| java-api | without the JVM AOT cache | 87.3 MB | 61.4 MB | 3.70 s | 3.77 s |',
    ]);
  });

  it('says when the stages ran one after the other', () => {
    const serial = { ...figures, apps: figures.apps.map((a) => (a.concurrency ? { ...a, concurrency: { ...a.concurrency, togetherMs: 11_200 } } : a)) };
    expect(renderAppBench(serial, 'fullstack', noGoals)).toContain('11.5 s added up, within 11.2 s: one after the other.');
  });

  it("puts each app's own figures in its README", () => {
    expect(renderAppBench(figures, 'fullstack', noGoals)).toContain('fullstack: in its cold production build (14.3 s), BuildKit ran');
    expect(renderAppBench(figures, 'fullstack', noGoals)).not.toContain('alternative builds');
    expect(renderAppBench(figures, 'java-api', noGoals).split('\n').slice(-4)).toEqual([
      '| build | uncompressed | compressed | start to first 200 | start to `healthy` |',
      '| --- | --- | --- | --- | --- |',
      '| production (default) | 146.3 MB | 76.0 MB | 1.81 s | 1.85 s |',
      '| without the JVM AOT cache | 87.3 MB | 61.4 MB | 3.70 s | 3.77 s |',
    ]);
  });
});

describe("an app's own README", () => {
  it("shows its size row, and whether the tutorial's claims and its checks hold", () => {
    const figures = sizeFigures(report, ['node-api', 'go-api', 'selftest'])!;
    expect(renderAppSizes(figures, 'go-api')).toBe(
      [
        '`pnpm verify` on Docker 26.1.5+dfsg1 (API 1.45), containerd image store (overlayfs snapshotter), buildx 0.13.1+ds1, Compose 2.26.1-4; base images forged locally; 27 November 2026:',
        '',
        '| single-stage | multi-stage | compressed | reduction | tutorial |',
        '| --- | --- | --- | --- | --- |',
        '| 959.1 MB | 20.0 MB | 2.5 MB | 97.9% | 800.0 MB -> 15.0 MB (98%) |',
        '',
        "The tutorial's multi-stage size and reduction claims do not hold: see `reports/claims.md`. 2 of its 3 checks pass: see `reports/claims.md`.",
      ].join('\n'),
    );
    expect(renderAppSizes(figures, 'selftest').split('\n').at(-1)).toBe('All 3 of its checks pass.');
  });

  it('shows its bench rows, and no start-up table for an image that serves nothing', () => {
    const figures = benchFigures(bench, ['node-api', 'toolbox'])!;
    expect(renderAppBench(figures, 'node-api', (app) => (app === 'node-api' ? 600 : undefined))).toBe(
      [
        '`pnpm bench --runs 3` (medians) on 2 cores (load average 0.4 as it began), Docker 26.1.5+dfsg1 (API 1.45), containerd image store (overlayfs snapshotter), buildx 0.13.1+ds1, Compose 2.26.1-4, 27 November 2026.',
        '',
        '| target | cold | warm | one-line change (share of cold) |',
        '| --- | --- | --- | --- |',
        '| single-stage | 5.97 s | 56 ms |  |',
        '| production | 8.40 s | 52 ms | 494 ms (5.9%; budget 15%) |',
        '',
        '| start to first 200 | start to `healthy` | `docker stop` |',
        '| --- | --- | --- |',
        '| 138 ms | 410 ms (goal 600 ms) | 157 ms |',
      ].join('\n'),
    );
    expect(renderAppBench(figures, 'toolbox', noGoals).split('\n').at(-1)).toBe('No start-up figures: the bench starts only images that serve.');
  });

  it('says which command records the figures of an app they lack, and shows no number', () => {
    expect(renderAppSizes(sizeFigures(report, ['node-api', 'go-api', 'selftest'])!, 'java-api')).toBe(
      'Not recorded yet: figures/sizes.json has no row for java-api. `pnpm verify --record` (every app) records its sizes here.',
    );
    expect(renderAppBench(benchFigures(bench, ['node-api', 'toolbox'])!, 'java-api')).toBe(
      'Not recorded yet: figures/bench.json has no row for java-api. `pnpm bench --record` (every app) records its build, start and stop times here.',
    );
  });
});

const committed = (section: SectionName) => JSON.parse(readFileSync(figuresPath(section), 'utf8')) as SizeFigures | BenchFigures;

for (const entry of entries) {
  const file = appReadmePath(entry);
  describe(`${entry.name}: ${path.relative(repoRoot, file)}`, () => {
    it('shows exactly what figures/sizes.json and figures/bench.json render to for it (`pnpm verify` and `pnpm bench` write them; `pnpm readme` renders again)', () => {
      const readme = readFileSync(file, 'utf8');
      for (const section of ['sizes', 'bench'] as SectionName[]) {
        const where = `${path.relative(repoRoot, file)}, ${section} section`;
        expect(sectionOf(readme, section), `${where}: no markers (copy them from another app's README)`).toBeDefined();
        expect(sectionOf(readme, section), `${where}: not what figures/${section}.json renders to (\`pnpm readme\` renders it again)`).toBe(
          render(section, committed(section), entry.name),
        );
      }
    });
  });
}

describe('README.md', () => {
  const readme = readFileSync(readmePath, 'utf8');
  for (const section of ['sizes', 'bench'] as SectionName[]) {
    it(`shows exactly what figures/${section}.json renders to (\`pnpm ${section === 'sizes' ? 'verify' : 'bench'}\` writes both; \`pnpm readme\` renders again)`, () => {
      expect(sectionOf(readme, section)).toBe(render(section, committed(section)));
    });
  }

  it('is rewritten between the markers only', () => {
    const updated = withSection(readme, 'sizes', 'NEW TABLE');
    expect(sectionOf(updated, 'sizes')).toBe('NEW TABLE');
    expect(sectionOf(updated, 'bench')).toBe(sectionOf(readme, 'bench'));
    expect(updated.replace(/<!-- sizes:start[^\n]*\n[\s\S]*?<!-- sizes:end -->/, '')).toBe(
      readme.replace(/<!-- sizes:start[^\n]*\n[\s\S]*?<!-- sizes:end -->/, ''),
    );
  });
});
