// What the lab measured about an app's image, for the fork's README: read from the report data
// (`pnpm verify` writes reports/claims.json, `pnpm bench` reports/bench.json) when it is there.
// The claims report is parsed with its schema (report/schema.ts) and bench rows are found by
// their ids (measure/bench.ts); a report of another shape, or none, gives "not measured yet",
// never an error: a fork is made without the lab's reports too.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppEntry } from '../catalogue/types.ts';
import type { BenchReport } from '../measure/bench.ts';
import type { ClaimsReport } from '../report/claims-model.ts';
import { claimsReportProblems } from '../report/schema.ts';

export interface MeasuredFigures {
  uncompressedBytes?: number;
  compressedBytes?: number;
  /** Start to `healthy` (the engine's health log), ms. */
  healthyMs?: number;
  /** Start to the first 200 on the health path, ms. */
  readyMs?: number;
  stopMs?: number;
  /** Cold build of the production target, ms (bench median). */
  coldBuildMs?: number;
  /** Medians of this many bench runs, where the start-up figures come from the bench. */
  benchRuns?: number;
  /** When, and on which engine version, the figures were taken (the claims report's, else the bench's). */
  when?: string;
  engine?: string;
}

type App = Pick<AppEntry, 'name' | 'productionTarget'>;

/** Drops the keys whose value is undefined (the figures not measured). */
function defined(figures: MeasuredFigures): MeasuredFigures {
  return Object.fromEntries(Object.entries(figures).filter(([, v]) => v !== undefined)) as MeasuredFigures;
}

/** From the claims report and the bench data (either may be absent). */
export function measuredFigures(app: App, claims: ClaimsReport | undefined, bench: BenchReport | undefined): MeasuredFigures | undefined {
  const report = claims?.apps.find((a) => a.app === app.name);
  const benched = bench?.benches.find((b) => b.app === app.name);
  const median = (id: string) => benched?.samples.find((s) => s.id === id)?.median;
  const [ready, healthy, stop] = ['run:ready', 'run:healthy', 'run:stop'].map(median);
  const from = report ? claims : benched ? bench : undefined;
  const figures = defined({
    uncompressedBytes: report?.facts?.multi.facts.uncompressedBytes ?? benched?.sizes.multi,
    compressedBytes: report?.facts?.multi.facts.compressedBytes ?? benched?.sizes.multiCompressed,
    // Bench medians beat the single run of the report for timings.
    healthyMs: healthy ?? report?.facts?.run?.healthyMs,
    readyMs: ready ?? report?.facts?.run?.httpReadyMs,
    stopMs: stop ?? report?.facts?.run?.stop?.ms,
    coldBuildMs: median(`build:${app.productionTarget}:cold`),
    benchRuns: healthy !== undefined || ready !== undefined ? bench?.runs : undefined,
    when: from?.generatedAt,
    // Reports older than the engine's facts name it by its version string (the schema allows both).
    engine: typeof from?.engine === 'string' ? from.engine : from?.engine.version,
  });
  return Object.keys(figures).some((k) => k !== 'when' && k !== 'engine') ? figures : undefined;
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The claims report, if the value is one (its schema says). */
export function asClaims(value: unknown): ClaimsReport | undefined {
  return value !== undefined && claimsReportProblems(value).length === 0 ? (value as ClaimsReport) : undefined;
}

/** The bench data, if the value has its shape: apps, each with its samples and sizes. */
export function asBench(value: unknown): BenchReport | undefined {
  const bench = value as Partial<BenchReport> | null | undefined;
  const ok =
    typeof bench === 'object' &&
    bench !== null &&
    Array.isArray(bench.benches) &&
    bench.benches.every(
      (b) =>
        typeof b?.app === 'string' &&
        Array.isArray(b.samples) &&
        b.samples.every((s) => typeof s?.id === 'string' && typeof s.median === 'number') &&
        typeof b.sizes?.multi === 'number',
    );
  return ok ? (bench as BenchReport) : undefined;
}

/** The figures for an app from a reports folder (claims.json, bench.json). */
export function readMeasuredFigures(app: App, reportsDir: string): MeasuredFigures | undefined {
  return measuredFigures(app, asClaims(readJson(path.join(reportsDir, 'claims.json'))), asBench(readJson(path.join(reportsDir, 'bench.json'))));
}
