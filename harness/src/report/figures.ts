// The README's figures as data: what `pnpm verify` and `pnpm bench` measured, cut down to what
// the README shows, and kept in the repository (figures/*.json, recorded with `--record`:
// record-figures.ts) beside the README sections they render to. The full reports (reports/*.json) are per run and per machine and stay out of git;
// these small files let a unit test check that the README says what the data says.
import type { BenchFigures, SizeFigures } from '../catalogue/figure-files.ts';
import type { BenchReport } from '../measure/bench.ts';
import type { ClaimsReport } from './claims-model.ts';
import { verdictCounts } from './claims-model.ts';
import { recipeCell } from './recipe-column.ts';

export type { BenchFigures, SizeFigures };

/** The size figures of a claims report, or null when it does not cover every app (the README shows them all). */
export function sizeFigures(report: ClaimsReport, catalogueNames: string[], revision?: string): SizeFigures | null {
  const apps: SizeFigures['apps'] = [];
  for (const name of catalogueNames) {
    const r = report.apps.find((a) => a.app === name);
    if (!r?.facts) return null;
    const checks = [...r.contract, ...r.claims];
    apps.push({
      app: r.app,
      singleBytes: r.facts.single.facts.uncompressedBytes,
      multiBytes: r.facts.multi.facts.uncompressedBytes,
      multiCompressedBytes: r.facts.multi.facts.compressedBytes,
      ...(r.tutorial ? { tutorial: r.tutorial } : {}),
      ...(report.recipes ? { recipe: recipeCell(r, report.recipes) } : {}),
      checksPassed: checks.filter((c) => c.ok).length,
      checks: checks.length,
    });
  }
  const origin = (text: string) => (text.startsWith('forged') ? 'forged locally' : text === 'pulled' ? 'pulled' : 'of unknown origin');
  const origins = new Set(report.apps.flatMap((a) => a.bases.map((b) => origin(b.origin))));
  const baseImages = origins.size ? [...origins].sort().join(' and ') : 'none';
  const counts = verdictCounts(report.tutorialClaims);
  const claims = {
    holds: counts.holds,
    doesNotHold: counts['does not hold'],
    notChecked: counts['not checked yet'],
    findings: counts.findings,
    ...(counts.advice ? { advice: counts.advice } : {}),
  };
  return { generatedAt: report.generatedAt, ...(revision ? { revision } : {}), engine: report.engine, baseImages, apps, claims };
}

/** The bench figures, or null when the bench did not cover every app. */
export function benchFigures(bench: BenchReport, catalogueNames: string[], revision?: string): BenchFigures | null {
  const apps: BenchFigures['apps'] = [];
  for (const name of catalogueNames) {
    const b = bench.benches.find((x) => x.app === name);
    if (!b) return null;
    const median = (id: string) => b.samples.find((s) => s.id === id)?.median;
    const targets = [...new Set(b.samples.filter((s) => s.id.startsWith('build:')).map((s) => s.id.split(':')[1] as string))];
    const builds = targets.map((target) => ({
      target,
      coldMs: median(`build:${target}:cold`) ?? Number.NaN,
      warmMs: median(`build:${target}:warm`) ?? Number.NaN,
    }));
    const rebuild = b.samples.find((s) => s.id.startsWith('rebuild:'));
    const runOf = (suffix = '') => {
      const [readyMs, healthyMs, stopMs] = ['ready', 'healthy', 'stop'].map((what) => median(`run:${what}${suffix}`));
      return readyMs !== undefined && healthyMs !== undefined && stopMs !== undefined ? { run: { readyMs, healthyMs, stopMs } } : {};
    };
    const variants: NonNullable<BenchFigures['apps'][number]['variants']> = b.alternatives?.length
      ? [
          { title: 'production (default)', uncompressedBytes: b.sizes.multi, compressedBytes: b.sizes.multiCompressed, ...runOf() },
          ...b.alternatives.map((a) => ({
            title: a.title,
            uncompressedBytes: a.uncompressedBytes,
            compressedBytes: a.compressedBytes,
            ...runOf(`:${a.name}`),
          })),
        ]
      : [];
    apps.push({
      app: b.app,
      builds,
      ...(rebuild && b.rebuildRatio !== undefined
        ? { rebuild: { target: rebuild.id.split(':')[1] as string, ms: rebuild.median, ratio: b.rebuildRatio, maxRatio: b.maxRebuildRatio ?? Number.NaN } }
        : {}),
      ...runOf(),
      ...(b.concurrency ? { concurrency: b.concurrency } : {}),
      ...(variants.length ? { variants } : {}),
    });
  }
  return {
    generatedAt: bench.generatedAt,
    ...(revision ? { revision } : {}),
    engine: bench.engine,
    runs: bench.runs,
    cpus: bench.cpus,
    ...(bench.loadAverage !== undefined ? { loadAverage: bench.loadAverage } : {}),
    apps,
  };
}
