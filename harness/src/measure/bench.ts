// Timings for `pnpm bench`: builds (cold, warm, after a one-line change) and container start,
// health and stop, each repeated and reported as the median. Tests assert behaviour; speed is
// measured here.
import { appendFile } from 'node:fs/promises';
import type { AppEntry } from '../catalogue/types.ts';
import { stopLimitMs } from '../contract/checks.ts';
import { runId } from '../engine/ownership.ts';
import { inspectImage } from '../inspect/image.ts';
import { docker } from '../engine/docker.ts';
import { fromRepo } from '../paths.ts';
import { runContainer } from '../run/container.ts';
import { buildApp, type Variant } from './images.ts';
import { uniqueEdit } from './targets.ts';
import { TempContext } from './temp-context.ts';

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Sample {
  /** Which measure, for data: build:<target>:cold|warm, rebuild:<target>, run:ready|healthy|stop. */
  id: string;
  /** What was timed, for people, e.g. "build production (cold)". */
  what: string;
  runs: number[];
  median: number;
}

export interface AppBench {
  app: string;
  samples: Sample[];
  /** Rebuild after a one-line change over the cold build of the production target. */
  rebuildRatio?: number;
  maxRebuildRatio?: number;
  sizes: { single: number; multi: number; multiCompressed: number };
}

async function times(runs: number, id: string, what: string, once: () => Promise<number>): Promise<Sample> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await once());
  return { id, what, runs: values, median: median(values) };
}

/**
 * A cold build starts with empty BuildKit cache mounts too (package stores, compiler caches):
 * `--no-cache` alone skips the layer cache but keeps them. Base images stay.
 */
async function emptyCacheMounts(): Promise<void> {
  // dockerode's pruneBuilder() sends no filters, so the API call is made as the CLI makes it.
  const request = { path: '/build/prune?', method: 'POST', options: { filters: { type: ['exec.cachemount'] } }, statusCodes: { 200: true, 500: 'server error' } };
  await new Promise<void>((resolve, reject) => {
    docker().modem.dial(request, (error: unknown) =>
      error ? reject(error as Error) : resolve(),
    );
  });
}

function tempTag(entry: AppEntry, purpose: string): string {
  return `lab/${entry.name}:bench-${purpose}-${runId().replace(/[^a-zA-Z0-9_.-]/g, '-').toLowerCase()}`;
}

export async function benchApp(entry: AppEntry, runs: number, log: (line: string) => void): Promise<AppBench> {
  const samples: Sample[] = [];
  const targets: { variant: Variant; target?: string; label: string }[] = [
    { variant: 'single', label: 'single-stage' },
    { variant: 'multi', target: entry.productionTarget, label: entry.productionTarget },
    ...(entry.development ? [{ variant: 'multi' as const, target: entry.development.target, label: entry.development.target }] : []),
    ...(entry.test ? [{ variant: 'multi' as const, target: entry.test.target, label: entry.test.target }] : []),
  ];
  for (const t of targets) {
    const options = { variant: t.variant, ...(t.target ? { target: t.target } : {}), temporaryTag: tempTag(entry, t.label) };
    log(`${entry.name}: build ${t.label}, cold (no layer cache) x${runs}`);
    samples.push(
      await times(runs, `build:${t.label}:cold`, `build ${t.label} (cold)`, async () => {
        await emptyCacheMounts();
        return (await buildApp(entry, { ...options, noCache: true })).durationMs;
      }),
    );
    log(`${entry.name}: build ${t.label}, warm (nothing changed) x${runs}`);
    samples.push(await times(runs, `build:${t.label}:warm`, `build ${t.label} (warm)`, async () => (await buildApp(entry, options)).durationMs));
  }

  let rebuildRatio: number | undefined;
  if (entry.cache) {
    const spec = entry.cache;
    log(`${entry.name}: rebuild ${entry.productionTarget} after a one-line change to ${spec.edit.file} x${runs}`);
    await using copy = await TempContext.copyOf(fromRepo(entry.context), `${entry.name}-bench`);
    const options = { variant: 'multi' as const, target: entry.productionTarget, contextDir: copy.dir, temporaryTag: tempTag(entry, 'change') };
    await buildApp(entry, options);
    const sample = await times(runs, `rebuild:${entry.productionTarget}`, `rebuild ${entry.productionTarget} after a one-line change`, async () => {
      await appendFile(copy.path(spec.edit.file), uniqueEdit(spec.edit.append));
      return (await buildApp(entry, options)).durationMs;
    });
    samples.push(sample);
    const cold = samples.find((s) => s.id === `build:${entry.productionTarget}:cold`);
    if (cold) rebuildRatio = sample.median / cold.median;
  }

  const production = await buildApp(entry, { variant: 'multi', target: entry.productionTarget });
  const single = await buildApp(entry, { variant: 'single' });
  const service = entry.service;
  if (service) {
    log(`${entry.name}: start, ready, healthy, stop x${runs}`);
    const ready: number[] = [];
    const healthy: number[] = [];
    const stops: number[] = [];
    for (let i = 0; i < runs; i++) {
      await using container = await runContainer({ image: production.tag, port: service.port, ...(service.env ? { env: service.env } : {}) });
      ready.push(await container.waitForHttp(service.healthPath, 60_000));
      healthy.push(await container.waitForHealthy(60_000));
      stops.push((await container.stop(Math.ceil(stopLimitMs(entry) / 1000) + 3)).ms);
    }
    samples.push(
      { id: 'run:ready', what: `start to first 200 on ${service.healthPath}`, runs: ready, median: median(ready) },
      { id: 'run:healthy', what: 'start to healthy (engine health log)', runs: healthy, median: median(healthy) },
      { id: 'run:stop', what: 'docker stop', runs: stops, median: median(stops) },
    );
  }
  const multiFacts = await inspectImage(production.tag);
  const singleFacts = await inspectImage(single.tag);
  return {
    app: entry.name,
    samples,
    ...(rebuildRatio !== undefined ? { rebuildRatio } : {}),
    ...(entry.cache ? { maxRebuildRatio: entry.cache.maxRebuildRatio.limit } : {}),
    sizes: { single: singleFacts.uncompressedBytes, multi: multiFacts.uncompressedBytes, multiCompressed: multiFacts.compressedBytes },
  };
}
