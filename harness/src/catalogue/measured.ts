// The figure each budget was set from, read from what `pnpm verify` and `pnpm bench` recorded
// (figures/sizes.json, figures/bench.json) rather than typed into the catalogue, so a budget is
// always read beside the number measured last: sizes and the reduction from the size table, start
// to healthy, stop and the one-line rebuild from the bench, and the alternatives' sizes and
// starts from the bench's variants. Budgets those files do not cover (reload, Compose readiness,
// the tutorial's health-check timing) keep a typed `measured`.
import { existsSync, readFileSync } from 'node:fs';
import type { BenchFigures, SizeFigures } from './figure-files.ts';
import { fromRepo } from '../paths.ts';
import type { AppEntry } from './types.ts';

export interface Figures {
  sizes?: SizeFigures;
  bench?: BenchFigures;
}

export interface MeasuredFigure {
  value: number;
  /** Where it was read, e.g. "figures/bench.json (27 November 2026, revision 6df6d0d)". */
  source: string;
}

let committed: Figures | undefined;

/** The committed figures/*.json (each absent where it has not been written yet). */
export function committedFigures(): Figures {
  committed ??= {
    sizes: readJson<SizeFigures>(fromRepo('figures/sizes.json')),
    bench: readJson<BenchFigures>(fromRepo('figures/bench.json')),
  };
  return committed;
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

function sourceOf(file: string, figures: { generatedAt: string; revision?: string }): string {
  const day = new Date(figures.generatedAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${file} (${day}${figures.revision ? `, revision ${figures.revision.slice(0, 12)}` : ''})`;
}

/** The measured figure of one of an entry's budgets (named as budgetsOf names them), where figures/*.json has it. */
export function measuredFigure(entry: AppEntry, budget: string, figures: Figures = committedFigures()): MeasuredFigure | undefined {
  const size = figures.sizes?.apps.find((a) => a.app === entry.name);
  const bench = figures.bench?.apps.find((a) => a.app === entry.name);
  const fromSizes = (value: number | undefined) =>
    value !== undefined && figures.sizes ? { value, source: sourceOf('figures/sizes.json', figures.sizes) } : undefined;
  const fromBench = (value: number | undefined) =>
    value !== undefined && figures.bench ? { value, source: sourceOf('figures/bench.json', figures.bench) } : undefined;
  switch (budget) {
    case 'limits.uncompressedBytes':
      return fromSizes(size?.multiBytes);
    case 'limits.compressedBytes':
      return fromSizes(size?.multiCompressedBytes);
    case 'limits.minReductionPercent':
      return fromSizes(size ? Math.floor((1 - size.multiBytes / size.singleBytes) * 1000) / 10 : undefined);
    case 'limits.healthyWithinMs':
      return fromBench(bench?.run?.healthyMs);
    case 'limits.stopWithinMs':
      return fromBench(bench?.run?.stopMs);
    case 'cache.maxRebuildRatio':
      return fromBench(bench?.rebuild ? Math.round(bench.rebuild.ratio * 1000) / 1000 : undefined);
  }
  const alternative = /^alternative (.+) limits\.(uncompressedBytes|healthyWithinMs)$/.exec(budget);
  if (alternative) {
    const title = entry.alternatives?.find((a) => a.name === alternative[1])?.title;
    const variant = bench?.variants?.find((v) => v.title === title);
    return fromBench(alternative[2] === 'uncompressedBytes' ? variant?.uncompressedBytes : variant?.run?.healthyMs);
  }
  return undefined;
}
