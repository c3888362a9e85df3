// Build clients (`docker buildx build`, the forge's mmdebstrap) that a killed run left going. A
// SIGKILL of the harness's node process alone reaches none of its children: they go on building,
// reparented, until they finish. Each is started with the run's id in its environment
// (LAB_RUN_ID), so the next run finds them in /proc and stops them (a stopped buildx client
// cancels its build in BuildKit). Linux only: elsewhere there is no /proc to read, and none found.
import { readdirSync, readFileSync } from 'node:fs';

export const runIdVariable = 'LAB_RUN_ID';

export interface ClientProcess {
  pid: number;
  runId: string;
}

/** Processes of this user whose environment names a run id, this process excepted. */
export function processesWithRunId(procDir = '/proc'): ClientProcess[] {
  let pids: string[];
  try {
    pids = readdirSync(procDir).filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const found: ClientProcess[] = [];
  for (const name of pids) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`${procDir}/${name}/environ`, 'latin1');
    } catch {
      continue; // gone, or another user's
    }
    const runId = runIdOfEnviron(environ);
    if (runId) found.push({ pid, runId });
  }
  return found;
}

/** The run id in a NUL-separated environment block, if it holds one. */
export function runIdOfEnviron(environ: string): string | undefined {
  const prefix = `${runIdVariable}=`;
  return environ
    .split('\0')
    .find((entry) => entry.startsWith(prefix))
    ?.slice(prefix.length);
}

/** Stops (SIGTERM) every client whose run is no longer alive; the number stopped. */
export function stopOrphanedClients(runIsAlive: (runId: string) => boolean, procDir = '/proc'): number {
  let stopped = 0;
  for (const client of processesWithRunId(procDir)) {
    if (runIsAlive(client.runId)) continue;
    try {
      process.kill(client.pid, 'SIGTERM');
      stopped += 1;
    } catch {
      // it ended meanwhile
    }
  }
  return stopped;
}
