// Runs the production image and records what the contract asks about it. Failures become
// facts (with the container's logs and health-check output), not exceptions, so one broken
// check does not hide the others.
import type { AppEntry } from '../catalogue/types.ts';
import type { HardenedRunFacts, RunFacts, ToolRunFacts } from '../contract/facts.ts';
import { defaultStopWithinMs } from '../contract/checks.ts';
import { runContainer, runToCompletion } from '../run/container.ts';

/** How long to keep waiting past a limit, so a slow start is measured rather than cut off. */
const graceMs = 30_000;

export async function measureRun(entry: AppEntry, image: string): Promise<RunFacts> {
  const service = entry.service;
  if (!service) return { error: 'the entry has no service' };
  const facts: RunFacts = {};
  try {
    await using container = await runContainer({ image, port: service.port, ...(service.env ? { env: service.env } : {}) });
    facts.httpReadyMs = await container.waitForHttp(service.healthPath, entry.limits.healthyWithinMs + graceMs);
    facts.healthyMs = await container.waitForHealthy(entry.limits.healthyWithinMs + graceMs);
    const identity = await container.processIdentity();
    facts.uid = identity.uid;
    facts.gid = identity.gid;
    if (service.versionPath) {
      facts.versionBody = await (await fetch(container.url(service.versionPath), { signal: AbortSignal.timeout(5_000) })).text();
    }
    const stopLimit = entry.limits.stopWithinMs ?? defaultStopWithinMs;
    // A grace period well past the limit tells "slow to exit" apart from "ignored SIGTERM".
    facts.stop = await container.stop(Math.ceil(stopLimit / 1000) + 3);
  } catch (error) {
    facts.error = (error as Error).message;
  }
  return facts;
}

export async function measureHardenedRun(entry: AppEntry, image: string): Promise<HardenedRunFacts> {
  const service = entry.service;
  if (!service) return { served: false, error: 'the entry has no service' };
  try {
    await using container = await runContainer({ image, port: service.port, hardened: true, ...(service.env ? { env: service.env } : {}) });
    await container.waitForHttp(service.healthPath, entry.limits.healthyWithinMs + graceMs);
    return { served: true };
  } catch (error) {
    return { served: false, error: (error as Error).message };
  }
}

export async function measureToolRuns(entry: AppEntry, image: string): Promise<ToolRunFacts[]> {
  const results: ToolRunFacts[] = [];
  for (const run of entry.runs ?? []) {
    try {
      const { exitCode, output } = await runToCompletion(image, run.command, undefined, run.entrypoint);
      results.push({ command: run.command, exitCode, output, ...(run.report ? { report: run.report } : {}) });
    } catch (error) {
      results.push({ command: run.command, exitCode: -1, output: (error as Error).message, ...(run.report ? { report: run.report } : {}) });
    }
  }
  return results;
}
