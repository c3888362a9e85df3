// The tutorial's target and cache claims, each on a temporary copy of the app's context:
// the development target reloads, the test target fails on a failing test, and a one-line
// source change leaves the dependency step cached.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import type { AppEntry } from '../catalogue/types.ts';
import type { CacheFacts, DevelopmentFacts, HealthcheckTimingFacts, ProductionPathFacts, TestStageFacts } from '../contract/app-facts.ts';
import { BuildError } from '../engine/build.ts';
import { runId } from '../engine/ownership.ts';
import { fromRepo } from '../paths.ts';
import { runContainer } from '../run/container.ts';
import { pause } from '../stop.ts';
import { cacheMountIds, readDockerfile, stageNames } from '../dockerfile/stages.ts';
import { emptyCacheMounts } from '../engine/cache-mounts.ts';
import { rebuildRuns } from '../limits.ts';
import { buildApp, temporaryTag } from './images.ts';
import { median } from '../median.ts';
import { TempContext } from './temp-context.ts';
import { timed } from '../engine/timing-lock.ts';

export async function measureDevelopment(entry: AppEntry): Promise<DevelopmentFacts> {
  const spec = entry.development;
  const service = entry.service;
  if (!spec || !service) return { error: 'the entry has no development target or service' };
  await using copy = await TempContext.copyOf(fromRepo(entry.context), `${entry.name}-dev`);
  const facts: DevelopmentFacts = {};
  try {
    const tag = temporaryTag(entry, 'development');
    await buildApp(entry, { variant: 'multi', target: spec.target, contextDir: copy.dir, temporaryTag: tag });
    // The reload is timed (its budget): no other run's build beside it (timing-lock.ts).
    await timed(async () => {
      await using container = await runContainer({
        image: tag,
        port: service.port,
        bindMounts: spec.mounts.map((m) => ({ source: copy.path(m.source), target: m.target })),
        ...(service.env ? { env: service.env } : {}),
      });
      facts.before = (await container.waitForAnswer(spec.probePath, 60_000)).body;
      if (!facts.before.includes(spec.edit.search)) {
        facts.error = `before the edit, GET ${spec.probePath} does not contain "${spec.edit.search}": ${facts.before.slice(0, 200)}`;
        return;
      }
      if (spec.settleMs) await pause(spec.settleMs);
      const file = copy.path(spec.edit.file);
      await writeFile(file, (await readFile(file, 'utf8')).replace(spec.edit.search, spec.edit.replace));
      // Past the limit, so a slow reload is measured rather than cut off.
      const reloaded = await container.waitForAnswer(spec.probePath, spec.reloadWithinMs.limit + 10_000, spec.edit.replace);
      facts.after = reloaded.body;
      facts.reloadMs = reloaded.ms;
    });
  } catch (error) {
    facts.error = (error as Error).message;
  }
  return facts;
}

export async function measureTestStage(entry: AppEntry): Promise<TestStageFacts> {
  const spec = entry.test;
  if (!spec) return { buildFailed: false, errorText: 'the entry has no test target', cleanBuildPassed: false };
  const facts: TestStageFacts = { buildFailed: false, errorText: '', cleanBuildPassed: false };
  try {
    await buildApp(entry, { variant: 'multi', target: spec.target, temporaryTag: temporaryTag(entry, 'test') });
    facts.cleanBuildPassed = true;
  } catch (error) {
    facts.cleanBuildError = (error as Error).message;
  }
  await using copy = await TempContext.copyOf(fromRepo(entry.context), `${entry.name}-test`);
  await writeFile(copy.path(spec.failingTest.file), spec.failingTest.contents, { mode: 0o755 });
  try {
    await buildApp(entry, { variant: 'multi', target: spec.target, contextDir: copy.dir, temporaryTag: temporaryTag(entry, 'failing-test') });
  } catch (error) {
    facts.buildFailed = error instanceof BuildError;
    facts.errorText = (error as Error).message;
    // The tail may end in a summary; the failing test's name can sit higher in the step's log.
    if (error instanceof BuildError) facts.failingStepLog = error.log.join('\n');
  }
  return facts;
}

/**
 * The production target built as `docker build` builds it, its steps listed: BuildKit names each
 * step after its stage and lists only the stages the target needs, cached ones included, so a
 * test stage production does not read from is absent. Cheap: it runs after the contract's build.
 */
export async function measureProductionPath(entry: AppEntry): Promise<ProductionPathFacts> {
  const testStage = entry.test?.target ?? 'test';
  const facts: ProductionPathFacts = { testStage, dockerfileHasStage: false, steps: [] };
  try {
    facts.dockerfileHasStage = stageNames(readDockerfile(fromRepo(entry.dockerfiles.multi))).includes(testStage.toLowerCase());
    const build = await buildApp(entry, { variant: 'multi', target: entry.productionTarget, temporaryTag: temporaryTag(entry, 'production-path') });
    facts.steps = build.steps.map((s) => s.name);
  } catch (error) {
    facts.error = (error as Error).message;
  }
  return facts;
}

/**
 * The edit with a token no earlier run wrote: BuildKit keys its cache on content, so the same
 * text appended twice would be served from the first run's cache and prove nothing.
 */
export function uniqueEdit(append: string): string {
  return append.replace(/\n?$/, ` ${runId()}.${Date.now()}\n`);
}

/**
 * Builds the production target on a copy cold (no layer cache, the app's own cache mounts
 * emptied, as the bench does), changes one source line and rebuilds, `rebuildRuns` times: the
 * steps of the first rebuild, and the median rebuild against the cold build (its budget).
 */
export async function measureCache(entry: AppEntry): Promise<CacheFacts> {
  if (!entry.cache) return { steps: [], rebuildMs: 0 };
  return measureRebuildAfterEdit(entry, { target: entry.productionTarget }, rebuildRuns);
}

/**
 * The tutorial's counter-example: its poorly ordered Dockerfile (one stage, built to its end),
 * the same one-line edit, the same rebuild (once, untimed: it has no budget).
 */
export async function measurePoorCacheOrder(entry: AppEntry): Promise<CacheFacts> {
  if (!entry.cache || !entry.poorCacheOrder) return { steps: [], rebuildMs: 0 };
  return measureRebuildAfterEdit(entry, { dockerfile: entry.poorCacheOrder.dockerfile });
}

/**
 * A cold build starts with empty BuildKit cache mounts too (package stores, compiler caches):
 * `--no-cache` alone skips the layer cache but keeps them. Only the mounts the app's own
 * Dockerfiles name are emptied: the engine's cache is shared with other projects. Base images stay.
 */
export async function emptyAppCacheMounts(entry: AppEntry): Promise<void> {
  const ids = Object.values(entry.dockerfiles).flatMap((file) => cacheMountIds(readDockerfile(fromRepo(file))));
  await emptyCacheMounts(ids);
}

/**
 * With the machine to itself (timing-lock.ts), timed or not: a budget holds the timed one's
 * ratio, and which steps ran is read from the build, where BuildKit reports a step another build
 * runs at the same moment as run.
 */
function measureRebuildAfterEdit(entry: AppEntry, build: { target?: string; dockerfile?: string }, timedRuns?: number): Promise<CacheFacts> {
  return timed(() => rebuildAfterEdit(entry, build, timedRuns));
}

async function rebuildAfterEdit(entry: AppEntry, build: { target?: string; dockerfile?: string }, timedRuns?: number): Promise<CacheFacts> {
  const spec = entry.cache!;
  await using copy = await TempContext.copyOf(fromRepo(entry.context), `${entry.name}-cache`);
  const tag = temporaryTag(entry, build.dockerfile ? 'poor-cache-order' : 'cache');
  const options = { variant: 'multi' as const, contextDir: copy.dir, temporaryTag: tag, ...build };
  if (timedRuns) await emptyAppCacheMounts(entry);
  const cold = await buildApp(entry, { ...options, ...(timedRuns ? { noCache: true } : {}) });
  const rebuilds = [];
  for (let i = 0; i < (timedRuns ?? 1); i++) {
    await appendFile(copy.path(spec.edit.file), uniqueEdit(spec.edit.append));
    rebuilds.push(await buildApp(entry, options));
  }
  const steps = rebuilds[0]!.steps.map((s) => ({ name: s.name, cached: s.cached }));
  if (!timedRuns) return { steps, rebuildMs: rebuilds[0]!.durationMs };
  const rebuildsMs = rebuilds.map((r) => r.durationMs);
  return { steps, rebuildMs: median(rebuildsMs), rebuildsMs, coldMs: cold.durationMs };
}

/**
 * The production image with the tutorial's HEALTHCHECK timings (its own probe command): when the
 * first probe ran, and when the engine reported it healthy. Builds the production target (from
 * cache, after the app's own build) and waits past the limit, so a late `healthy` is measured
 * rather than cut off.
 */
export async function measureHealthcheckTiming(entry: AppEntry): Promise<HealthcheckTimingFacts> {
  const timing = entry.tutorialHealthcheck;
  if (!timing || !entry.service) return { error: 'the entry has no tutorialHealthcheck or no service' };
  const tag = temporaryTag(entry, 'health-timing');
  await buildApp(entry, { variant: 'multi', target: entry.productionTarget, temporaryTag: tag });
  const facts: HealthcheckTimingFacts = {};
  const service = entry.service;
  try {
    // Timed: no other run's build beside it (timing-lock.ts).
    await timed(async () => {
      await using container = await runContainer({
        image: tag,
        port: service.port,
        healthTiming: timing,
        ...(service.env ? { env: service.env } : {}),
      });
      facts.healthyMs = await container.waitForHealthy(timing.healthyWithinMs.limit + timing.intervalMs + 10_000);
      const info = await container.inspect();
      const first = info.State.Health?.Log[0];
      if (first) facts.firstProbeMs = Date.parse(first.Start) - Date.parse(info.State.StartedAt);
    });
  } catch (error) {
    facts.error = (error as Error).message;
  }
  return facts;
}
