// The tutorial's target and cache claims, each on a temporary copy of the app's context:
// the development target reloads, the test target fails on a failing test, and a one-line
// source change leaves the dependency step cached.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import type { AppEntry } from '../catalogue/types.ts';
import type { CacheFacts, DevelopmentFacts, TestStageFacts } from '../contract/facts.ts';
import { BuildError } from '../engine/build.ts';
import { runId } from '../engine/ownership.ts';
import { fromRepo } from '../paths.ts';
import { runContainer } from '../run/container.ts';
import { buildApp, temporaryTag } from './images.ts';
import { TempContext } from './temp-context.ts';

export async function measureDevelopment(entry: AppEntry): Promise<DevelopmentFacts> {
  const spec = entry.development;
  if (!spec || !entry.service) return { error: 'the entry has no development target or service' };
  await using copy = await TempContext.copyOf(fromRepo(entry.context), `${entry.name}-dev`);
  const facts: DevelopmentFacts = {};
  try {
    const tag = temporaryTag(entry, 'development');
    await buildApp(entry, { variant: 'multi', target: spec.target, contextDir: copy.dir, temporaryTag: tag });
    await using container = await runContainer({
      image: tag,
      port: entry.service.port,
      bindMounts: spec.mounts.map((m) => ({ source: copy.path(m.source), target: m.target })),
      ...(entry.service.env ? { env: entry.service.env } : {}),
    });
    facts.before = (await container.waitForAnswer(spec.probePath, 60_000)).body;
    if (!facts.before.includes(spec.edit.search)) {
      facts.error = `before the edit, GET ${spec.probePath} does not contain "${spec.edit.search}": ${facts.before.slice(0, 200)}`;
      return facts;
    }
    const file = copy.path(spec.edit.file);
    await writeFile(file, (await readFile(file, 'utf8')).replace(spec.edit.search, spec.edit.replace));
    // Past the limit, so a slow reload is measured rather than cut off.
    const reloaded = await container.waitForAnswer(spec.probePath, spec.reloadWithinMs.limit + 10_000, spec.edit.replace);
    facts.after = reloaded.body;
    facts.reloadMs = reloaded.ms;
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
 * The edit with a token no earlier run wrote: BuildKit keys its cache on content, so the same
 * text appended twice would be served from the first run's cache and prove nothing.
 */
export function uniqueEdit(append: string): string {
  return append.replace(/\n?$/, ` ${runId()}.${Date.now()}\n`);
}

/** Builds the production target on a copy, changes one source line, and rebuilds. */
export async function measureCache(entry: AppEntry): Promise<CacheFacts> {
  const spec = entry.cache;
  if (!spec) return { steps: [], rebuildMs: 0 };
  await using copy = await TempContext.copyOf(fromRepo(entry.context), `${entry.name}-cache`);
  const tag = temporaryTag(entry, 'cache');
  await buildApp(entry, { variant: 'multi', target: entry.productionTarget, contextDir: copy.dir, temporaryTag: tag });
  await appendFile(copy.path(spec.edit.file), uniqueEdit(spec.edit.append));
  const rebuild = await buildApp(entry, { variant: 'multi', target: entry.productionTarget, contextDir: copy.dir, temporaryTag: tag });
  return { steps: rebuild.steps.map((s) => ({ name: s.name, cached: s.cached })), rebuildMs: rebuild.durationMs };
}
