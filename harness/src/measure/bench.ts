// Timings for `pnpm bench`: builds (cold, warm, after a one-line change) and container start,
// health and stop, each repeated and reported as the median. Tests assert behaviour; speed is
// measured here.
import type { BuilderFacts } from '../engine/builder.ts';
import { appendFile } from 'node:fs/promises';
import type { AppEntry } from '../catalogue/types.ts';
import type { StageConcurrency } from '../catalogue/figure-files.ts';
import { stopLimitMs } from '../catalogue/budgets.ts';
import { readDockerfile } from '../dockerfile/stages.ts';
import { exclusiveStages, stageOverlap, type StageOverlap } from './concurrency.ts';
import { inspectImage } from '../inspect/image.ts';
import type { EngineFacts } from '../engine/engine-facts.ts';
import { fromRepo } from '../paths.ts';
import { runContainer } from '../run/container.ts';
import { alternativeBuild } from './alternatives.ts';
import { buildApp, temporaryTag, type Variant } from './images.ts';
import { median } from '../median.ts';
import { emptyAppCacheMounts, uniqueEdit } from './targets.ts';
import { TempContext } from './temp-context.ts';
import { timed } from '../engine/timing-lock.ts';

export interface Sample {
  /** Which measure, for data: build:<target>:cold|warm, rebuild:<target>, run:ready|healthy|stop[:<alternative>]. */
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
  /** The stages of BenchSpec.concurrentStages in the cold production builds. */
  concurrency?: StageConcurrency;
  /** Sizes of the entry's alternative builds (their start timings are samples). */
  alternatives?: { name: string; title: string; uncompressedBytes: number; compressedBytes: number }[];
}

/** What `pnpm bench` writes to reports/bench.json. */
export interface BenchReport {
  generatedAt: string;
  engine: EngineFacts;
  runs: number;
  cpus: number;
  /** The load average as the bench began. */
  loadAverage?: number;
  benches: AppBench[];
  /** `pnpm bench --builders`: each builder's benches (`benches` is the first one's). */
  builders?: { builder: BuilderFacts; benches: AppBench[] }[];
}

/** Start to first 200, to healthy, and `docker stop`, each over `runs` fresh containers of `image`, with the machine to themselves (timing-lock.ts). */
function startSamples(entry: AppEntry, image: string, runs: number, alternative?: string): Promise<Sample[]> {
  return timed(() => timeStarts(entry, image, runs, alternative));
}

async function timeStarts(entry: AppEntry, image: string, runs: number, alternative?: string): Promise<Sample[]> {
  const suffix = alternative ? ` (${alternative})` : '';
  const idSuffix = alternative ? `:${alternative}` : '';
  const service = entry.service!;
  const ready: number[] = [];
  const healthy: number[] = [];
  const stops: number[] = [];
  for (let i = 0; i < runs; i++) {
    await using container = await runContainer({ image, port: service.port, ...(service.env ? { env: service.env } : {}) });
    ready.push(await container.waitForHttp(service.healthPath, 60_000));
    healthy.push(await container.waitForHealthy(60_000));
    stops.push((await container.stop(Math.ceil(stopLimitMs(entry) / 1000) + 3)).ms);
  }
  return [
    { id: `run:ready${idSuffix}`, what: `start to first 200 on ${service.healthPath}${suffix}`, runs: ready, median: median(ready) },
    { id: `run:healthy${idSuffix}`, what: `start to healthy (engine health log)${suffix}`, runs: healthy, median: median(healthy) },
    { id: `run:stop${idSuffix}`, what: `docker stop${suffix}`, runs: stops, median: median(stops) },
  ];
}

/** `runs` timings of `once`, each with the machine to itself (timing-lock.ts). */
async function times(runs: number, id: string, what: string, once: () => Promise<number>): Promise<Sample> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await timed(once));
  return { id, what, runs: values, median: median(values) };
}

export async function benchApp(entry: AppEntry, runs: number, log: (line: string) => void): Promise<AppBench> {
  const samples: Sample[] = [];
  const targets: { variant: Variant; target?: string; label: string }[] = [
    { variant: 'single', label: 'single-stage' },
    { variant: 'multi', target: entry.productionTarget, label: entry.productionTarget },
    ...(entry.development ? [{ variant: 'multi' as const, target: entry.development.target, label: entry.development.target }] : []),
    ...(entry.test ? [{ variant: 'multi' as const, target: entry.test.target, label: entry.test.target }] : []),
  ];
  // Stages BuildKit may run side by side, traced in the cold production builds.
  const concurrentStages = entry.bench?.concurrentStages ?? [];
  const exclusive = concurrentStages.length ? exclusiveStages(readDockerfile(fromRepo(entry.dockerfiles.multi)), concurrentStages) : undefined;
  const overlaps: StageOverlap[] = [];
  for (const t of targets) {
    const options = { variant: t.variant, ...(t.target ? { target: t.target } : {}), temporaryTag: temporaryTag(entry, `bench-${t.label}`) };
    const traced = exclusive && t.variant === 'multi' && t.target === entry.productionTarget ? exclusive : undefined;
    log(`${entry.name}: build ${t.label}, cold (no layer cache) x${runs}`);
    samples.push(
      await times(runs, `build:${t.label}:cold`, `build ${t.label} (cold)`, async () => {
        await emptyAppCacheMounts(entry);
        const build = await buildApp(entry, { ...options, noCache: true });
        if (traced) overlaps.push(stageOverlap(build.steps, traced));
        return build.durationMs;
      }),
    );
    log(`${entry.name}: build ${t.label}, warm (nothing changed) x${runs}`);
    samples.push(await times(runs, `build:${t.label}:warm`, `build ${t.label} (warm)`, async () => (await buildApp(entry, options)).durationMs));
  }

  const cold = samples.find((s) => s.id === `build:${entry.productionTarget}:cold`);
  let concurrency: AppBench['concurrency'];
  if (overlaps.length && cold) {
    concurrency = {
      stages: concurrentStages,
      coldMs: cold.median,
      busyMs: concurrentStages.map((_, i) => median(overlaps.map((o) => o.busyMs[i]!))),
      togetherMs: median(overlaps.map((o) => o.togetherMs)),
    };
  }

  let rebuildRatio: number | undefined;
  if (entry.cache) {
    const spec = entry.cache;
    log(`${entry.name}: rebuild ${entry.productionTarget} after a one-line change to ${spec.edit.file} x${runs}`);
    await using copy = await TempContext.copyOf(fromRepo(entry.context), `${entry.name}-bench`);
    const options = { variant: 'multi' as const, target: entry.productionTarget, contextDir: copy.dir, temporaryTag: temporaryTag(entry, 'bench-change') };
    // One edited build first, unmeasured: it refills the compiler caches in the cache mounts for
    // this target (the cold builds of other targets emptied them and filled them with their own
    // flags), so even the first measured run is the rebuild a developer sees (go-api's first
    // run without it: 14.3 s against 0.70 s after).
    await appendFile(copy.path(spec.edit.file), uniqueEdit(spec.edit.append));
    await buildApp(entry, options);
    const sample = await times(runs, `rebuild:${entry.productionTarget}`, `rebuild ${entry.productionTarget} after a one-line change`, async () => {
      await appendFile(copy.path(spec.edit.file), uniqueEdit(spec.edit.append));
      return (await buildApp(entry, options)).durationMs;
    });
    samples.push(sample);
    if (cold) rebuildRatio = sample.median / cold.median;
  }

  const production = await buildApp(entry, { variant: 'multi', target: entry.productionTarget });
  const single = await buildApp(entry, { variant: 'single' });
  if (entry.service) {
    log(`${entry.name}: start, ready, healthy, stop x${runs}`);
    samples.push(...(await startSamples(entry, production.tag, runs)));
  }
  const alternatives: AppBench['alternatives'] = [];
  for (const alternative of entry.service ? (entry.alternatives ?? []) : []) {
    log(`${entry.name}: ${alternative.title}: start, ready, healthy, stop x${runs}`);
    const built = await buildApp(entry, alternativeBuild(entry, alternative, 'bench'));
    samples.push(...(await startSamples(entry, built.tag, runs, alternative.name)));
    const facts = await inspectImage(built.tag);
    alternatives.push({ name: alternative.name, title: alternative.title, uncompressedBytes: facts.uncompressedBytes, compressedBytes: facts.compressedBytes });
  }
  const multiFacts = await inspectImage(production.tag);
  const singleFacts = await inspectImage(single.tag);
  return {
    app: entry.name,
    samples,
    ...(rebuildRatio !== undefined ? { rebuildRatio } : {}),
    ...(entry.cache ? { maxRebuildRatio: entry.cache.maxRebuildRatio.limit } : {}),
    ...(concurrency ? { concurrency } : {}),
    sizes: { single: singleFacts.uncompressedBytes, multi: multiFacts.uncompressedBytes, multiCompressed: multiFacts.compressedBytes },
    ...(alternatives.length ? { alternatives } : {}),
  };
}
