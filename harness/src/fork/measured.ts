// What the lab measured about an app's image, for the fork's README: read from the report data
// (`pnpm verify` writes reports/claims.json, `pnpm bench` reports/bench.json) when it is there.
// Read leniently: a report of another shape, or none, gives "not measured yet", never an error.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

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
  /** When, and on which engine, the figures were taken (the newer report's). */
  when?: string;
  engine?: string;
}

type Json = Record<string, unknown>;

function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Json)[key];
  }
  return current;
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

function appOf(list: unknown, app: string): unknown {
  return Array.isArray(list) ? list.find((a) => at(a, 'app') === app) : undefined;
}

/** From the parsed claims report and bench data (either may be absent). */
export function measuredFigures(app: string, claims: unknown, bench: unknown): MeasuredFigures | undefined {
  const figures: MeasuredFigures = {};
  const set = <K extends keyof MeasuredFigures>(key: K, value: MeasuredFigures[K] | undefined) => {
    if (value !== undefined) figures[key] = value;
  };
  const report = appOf(at(claims, 'apps'), app);
  const image = at(report, 'facts', 'multi', 'facts');
  set('uncompressedBytes', num(at(image, 'uncompressedBytes')));
  set('compressedBytes', num(at(image, 'compressedBytes')));
  set('healthyMs', num(at(report, 'facts', 'run', 'healthyMs')));
  set('readyMs', num(at(report, 'facts', 'run', 'httpReadyMs')));
  set('stopMs', num(at(report, 'facts', 'run', 'stop', 'ms')));
  if (report) {
    set('when', str(at(claims, 'generatedAt')));
    set('engine', str(at(claims, 'engine')));
  }
  const benched = appOf(at(bench, 'benches'), app);
  const samples = at(benched, 'samples');
  if (Array.isArray(samples)) {
    const median = (test: (what: string) => boolean) => num(at(samples.find((s) => test(String(at(s, 'what')))), 'median'));
    const healthy = median((w) => w.startsWith('start to healthy'));
    const ready = median((w) => w.startsWith('start to first 200'));
    const stop = median((w) => w === 'docker stop');
    const cold = median((w) => /^build \S+ \(cold\)$/.test(w) && !w.includes('single'));
    // Bench medians beat the single run of the report for timings.
    set('healthyMs', healthy);
    set('readyMs', ready);
    set('stopMs', stop);
    set('coldBuildMs', cold);
    if (healthy !== undefined || ready !== undefined) set('benchRuns', num(at(bench, 'runs')));
    if (!report) {
      set('when', str(at(bench, 'generatedAt')));
      set('engine', str(at(bench, 'engine')));
    }
    const sizes = at(benched, 'sizes');
    if (figures.uncompressedBytes === undefined) set('uncompressedBytes', num(at(sizes, 'multi')));
    if (figures.compressedBytes === undefined) set('compressedBytes', num(at(sizes, 'multiCompressed')));
  }
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

/** The figures for an app from a reports folder (claims.json, bench.json). */
export function readMeasuredFigures(app: string, reportsDir: string): MeasuredFigures | undefined {
  return measuredFigures(app, readJson(path.join(reportsDir, 'claims.json')), readJson(path.join(reportsDir, 'bench.json')));
}
