// The clients a run starts (`docker buildx build`, `docker compose`, the forge's mmdebstrap, a
// browser) carry the run's id in their environment (LAB_RUN_ID, inherited from process.env), so
// they can be found in /proc: by a stopped run, which ends its own before it removes what it
// made (a `docker compose up` still going would start containers after that), and by the next
// run, for those a killed one left going (a SIGKILL of the node process alone reaches none of
// its children: reparented, they go on until they finish). A stopped buildx client cancels its
// build in BuildKit. Linux only: elsewhere there is no /proc to read, and none is found.
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

/** Stops (SIGTERM) every client this run started that still runs, and waits up to `withinMs` for them to end. */
export async function stopClientsOf(runId: string, withinMs = 5_000, procDir = '/proc'): Promise<number> {
  const mine = () => processesWithRunId(procDir).filter((client) => client.runId === runId);
  const clients = mine();
  for (const client of clients) {
    try {
      process.kill(client.pid, 'SIGTERM');
    } catch {
      // it ended meanwhile
    }
  }
  const deadline = Date.now() + withinMs;
  while (mine().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return clients.length;
}
