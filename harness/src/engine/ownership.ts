// Everything the harness creates carries a label naming the run that made it, so it can all
// be found and removed: at the end of the run, and, for runs that were killed, at the start of
// the next one. Images the report keeps (lab/<app>:<variant>) are not labelled; temporary ones are.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { docker } from './docker.ts';
import { processIsAlive } from '../process-alive.ts';
import { runIdVariable, stopOrphanedClients } from './orphaned-clients.ts';
import { removeDeadTempFolders } from '../temp-folder.ts';

export const ownerLabel = 'io.multistage-lab.harness.run';

/** This run's id: host, pid of the process that owns the run, random. Inherited by test workers. */
export function runId(): string {
  process.env[runIdVariable] ??= `${hostname()}.${process.pid}.${randomBytes(3).toString('hex')}`;
  return process.env[runIdVariable];
}

/** Labels for anything this run creates. */
export function ownedLabels(): Record<string, string> {
  return { [ownerLabel]: runId() };
}

/** Whether the run with this id may still be going: its process lives (or it is another machine's). */
export function runIsAlive(id: string): boolean {
  // <host>.<pid>.<random>, where the host name may itself hold dots.
  const parts = id.split('.');
  const pid = parts.at(-2);
  const host = parts.slice(0, -2).join('.');
  if (host !== hostname()) return true; // another machine's run: not ours to judge
  return processIsAlive(Number(pid));
}

export interface OwnedCounts {
  containers: number;
  networks: number;
  images: number;
}

async function listOwned(filterValue: string) {
  const filters = JSON.stringify({ label: [filterValue] });
  const [containers, networks, images] = await Promise.all([
    docker().listContainers({ all: true, filters }),
    docker().listNetworks({ filters }),
    docker().listImages({ filters }),
  ]);
  return { containers, networks, images };
}

/** How many containers, networks and images this run (or, with `all`, any run) still owns. */
export async function countOwned(scope: 'run' | 'all' = 'run'): Promise<OwnedCounts> {
  const owned = await listOwned(scope === 'run' ? `${ownerLabel}=${runId()}` : ownerLabel);
  return { containers: owned.containers.length, networks: owned.networks.length, images: owned.images.length };
}

/**
 * Removes what this run owns, or (scope 'stale') what runs that are no longer alive left behind.
 * Containers first (they hold networks and images), then networks, then images.
 */
export async function removeOwned(scope: 'run' | 'stale' = 'run'): Promise<OwnedCounts> {
  const owned = await listOwned(scope === 'run' ? `${ownerLabel}=${runId()}` : ownerLabel);
  const mine = (labels: Record<string, string> | undefined) => {
    const owner = labels?.[ownerLabel];
    if (owner === undefined) return false;
    return scope === 'run' ? owner === runId() : !runIsAlive(owner);
  };
  const containers = owned.containers.filter((c) => mine(c.Labels));
  const networks = owned.networks.filter((n) => mine(n.Labels));
  const images = owned.images.filter((i) => mine(i.Labels ?? undefined));
  const ignoreMissing = (error: { statusCode?: number }) => {
    if (error.statusCode !== 404) throw error;
  };
  await Promise.all(containers.map((c) => docker().getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreMissing)));
  await Promise.all(networks.map((n) => docker().getNetwork(n.Id).remove().catch(ignoreMissing)));
  for (const image of images) await docker().getImage(image.Id).remove({ force: true }).catch(ignoreMissing);
  return { containers: containers.length, networks: networks.length, images: images.length };
}

/** "2 containers, 1 network, 0 images". */
export function describeOwned(counts: OwnedCounts): string {
  const of = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  return [of(counts.containers, 'container'), of(counts.networks, 'network'), of(counts.images, 'image')].join(', ');
}

/**
 * Removes what runs that were killed (SIGKILL, a lost machine) left, before a run starts
 * anything, and says so in one line when there was something: their build clients still going
 * (stopped first, so they make nothing more), then their containers, networks and images, and
 * the temp folders of processes that are gone (src/temp-folder.ts).
 */
export async function sweepStale(write: (line: string) => void): Promise<OwnedCounts & { clients: number; tempFolders: number }> {
  const clients = stopOrphanedClients(runIsAlive);
  const removed = await removeOwned('stale');
  const tempFolders = await removeDeadTempFolders();
  if (clients + removed.containers + removed.networks + removed.images + tempFolders > 0) {
    const stopped = clients ? `stopped ${clients} build client${clients === 1 ? '' : 's'}, ` : '';
    const folders = tempFolders ? `, ${tempFolders} temp folder${tempFolders === 1 ? '' : 's'}` : '';
    write(`removed what runs that were killed left: ${stopped}${describeOwned(removed)}${folders}`);
  }
  return { ...removed, clients, tempFolders };
}
