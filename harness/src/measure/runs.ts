// Runs the production image and records what the contract asks about it. Failures become
// facts (with the container's logs and health-check output), not exceptions, so one broken
// check does not hide the others: a container that is never healthy still has its uid, its
// version answer and its stop measured.
import type { AppEntry } from '../catalogue/types.ts';
import type { HardenedRunFacts, RunFacts, StartsFacts, TipFacts, ToolRunFacts } from '../contract/app-facts.ts';
import { loadavg } from 'node:os';
import path from 'node:path';
import { stopLimitMs } from '../catalogue/budgets.ts';
import { runContainer, runToCompletion, type Completed, type RunningContainer } from '../run/container.ts';
import { browse } from '../browser/session.ts';
import { reportsDir } from '../paths.ts';
import { askHttp } from './http-answers.ts';
import { timed } from '../engine/timing-lock.ts';

/** How long to keep waiting past a limit, so a slow start is measured rather than cut off. */
const graceMs = 30_000;

function healthyLimitMs(entry: AppEntry): number {
  return entry.limits.healthyWithinMs?.limit ?? 0;
}

async function identityOf(container: RunningContainer): Promise<Pick<RunFacts, 'uid' | 'gid' | 'identityError'>> {
  try {
    const { uid, gid } = await container.processIdentity();
    return { uid, gid };
  } catch (error) {
    return { identityError: (error as Error).message };
  }
}

/** Timed (start to healthy, the stop): no other run builds beside it (timing-lock.ts). */
export function measureRun(entry: AppEntry, image: string): Promise<RunFacts> {
  return timed(() => measureRunAlone(entry, image));
}

async function measureRunAlone(entry: AppEntry, image: string): Promise<RunFacts> {
  const service = entry.service;
  if (!service) return { error: 'the entry has no service' };
  const facts: RunFacts = {};
  try {
    await using container = await runContainer({ image, port: service.port, ...(service.env ? { env: service.env } : {}) });
    facts.httpReadyMs = await container.waitForHttp(service.healthPath, healthyLimitMs(entry) + graceMs);
    try {
      facts.healthyMs = await container.waitForHealthy(healthyLimitMs(entry) + graceMs);
    } catch (error) {
      facts.healthError = (error as Error).message;
    }
    Object.assign(facts, await identityOf(container));
    if (service.versionPath) {
      facts.versionBody = await (await fetch(container.url(service.versionPath), { signal: AbortSignal.timeout(5_000) })).text();
    }
    if (entry.noWritesAtRunTime) facts.changes = await container.changes();
    if (service.http?.length) facts.http = await askHttp(service.http, (p) => container.url(p));
    if (service.browser) {
      for (const request of service.browser.setup ?? []) {
        const response = await fetch(container.url(request.path), {
          method: request.method,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request.json),
          signal: AbortSignal.timeout(5_000),
        });
        if (!response.ok)
          throw new Error(`browser set-up: ${request.method} ${request.path} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
      }
      facts.browser = await browse(service.browser, { url: (p) => container.url(p), screenshotDir: path.join(reportsDir, 'browser'), name: entry.name });
    }
    // A grace period well past the limit tells "slow to exit" apart from "ignored SIGTERM".
    facts.stop = await container.stop(Math.ceil(stopLimitMs(entry) / 1000) + 3);
  } catch (error) {
    facts.error = (error as Error).message;
  }
  return facts;
}

/** For an image without a service: runs its idle command to see which uid its processes get. */
export async function measureIdentity(entry: AppEntry, image: string): Promise<RunFacts> {
  if (!entry.idleCommand) return { identityError: 'the entry names no idleCommand: nothing was run to show the uid' };
  try {
    await using container = await runContainer({ image, command: entry.idleCommand });
    return await identityOf(container);
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * Start-to-healthy over `runs` fresh containers of the image, one after another (the health
 * goal is held to their median). `cpus` gives each container that share of one core, to start
 * it as on a loaded machine (the load factor's measurement, cli/starts.ts).
 */
/** Timed (the health goal's starts): no other run builds beside them (timing-lock.ts). */
export function measureStarts(entry: AppEntry, image: string, runs: number, cpus?: number): Promise<StartsFacts> {
  return timed(() => measureStartsAlone(entry, image, runs, cpus));
}

async function measureStartsAlone(entry: AppEntry, image: string, runs: number, cpus?: number): Promise<StartsFacts> {
  const service = entry.service;
  if (!service) return { healthyMs: [], error: 'the entry has no service' };
  const healthyMs: number[] = [];
  const loadAverage = Math.round(loadavg()[0]! * 10) / 10;
  try {
    for (let i = 0; i < runs; i++) {
      await using container = await runContainer({
        image,
        port: service.port,
        ...(service.env ? { env: service.env } : {}),
        ...(cpus !== undefined ? { cpus } : {}),
      });
      healthyMs.push(await container.waitForHealthy(healthyLimitMs(entry) + graceMs));
    }
  } catch (error) {
    return { healthyMs, loadAverage, error: (error as Error).message };
  }
  return { healthyMs, loadAverage };
}

/** Timed (a start to healthy): no other run builds beside it (timing-lock.ts). */
export function measureHardenedRun(entry: AppEntry, image: string): Promise<HardenedRunFacts> {
  return timed(() => measureHardenedRunAlone(entry, image));
}

async function measureHardenedRunAlone(entry: AppEntry, image: string): Promise<HardenedRunFacts> {
  const service = entry.service;
  if (!service) return { served: false, error: 'the entry has no service' };
  try {
    await using container = await runContainer({ image, port: service.port, hardened: true, ...(service.env ? { env: service.env } : {}) });
    await container.waitForHttp(service.healthPath, healthyLimitMs(entry) + graceMs);
    return { served: true };
  } catch (error) {
    return { served: false, error: (error as Error).message };
  }
}

/** A command run to completion; a container that could not run becomes exit -1 with the reason. */
async function tryCommand(
  image: string,
  command: string[],
  options: { user?: string | undefined; entrypoint?: string[] | undefined } = {},
): Promise<Completed> {
  try {
    return await runToCompletion(image, command, {
      ...(options.user !== undefined ? { user: options.user } : {}),
      ...(options.entrypoint ? { entrypoint: options.entrypoint } : {}),
    });
  } catch (error) {
    return { exitCode: -1, output: (error as Error).message, changes: [] };
  }
}

export async function measureToolRuns(entry: AppEntry, image: string): Promise<ToolRunFacts[]> {
  const results: ToolRunFacts[] = [];
  for (const run of entry.runs ?? []) {
    const completed = await tryCommand(image, run.command, { user: run.user, entrypoint: run.entrypoint });
    results.push({ command: run.command, ...completed, ...(run.report ? { report: run.report } : {}) });
  }
  return results;
}

/** Tries each of the tutorial's tips the entry names, each in a container of its own with no network. */
export async function measureTips(entry: AppEntry): Promise<TipFacts[]> {
  const results: TipFacts[] = [];
  for (const trial of entry.tips ?? []) {
    const { tip, image, instead, because } = trial;
    const told = { ...(instead ? { instead } : {}), ...(because ? { because } : {}) };
    try {
      const { exitCode, output } = await runToCompletion(image, ['sh', '-c', trial.script], { timeoutMs: 120_000, networkDisabled: true, env: ['HOME=/tmp'] });
      results.push({ tip, image, exitCode, output, ...told });
    } catch (error) {
      results.push({ tip, image, exitCode: -1, output: (error as Error).message, ...told });
    }
  }
  return results;
}
