// Two ways a build or a run fails that are not the app's: the engine went away in the middle of
// it (restarted, crashed), or its disk filled. Each gets a line of its own that says what happened
// and what to do, instead of BuildKit's "Unavailable: error reading from server: EOF" or a RUN
// step's "exit code: 1". Seen on a second engine restarted mid-build and on one whose data
// root is a 48 MiB tmpfs (test/contract/engine-faults.test.ts).
import { statfs } from 'node:fs/promises';
import { docker } from './docker.ts';

/** What BuildKit, buildx and the engine API say when the connection to the engine is lost. */
const engineLost =
  /error reading from server: EOF|transport is closing|connection reset by peer|Cannot connect to the Docker daemon|code = Unavailable|^Unavailable: /;
const diskFull = /no space left on device/i;

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** The engine's data root and the space free there, when this machine can see it (a local engine). */
async function dataRootSpace(): Promise<string> {
  const info = (await docker()
    .info()
    .catch(() => undefined)) as { DockerRootDir?: string } | undefined;
  const root = info?.DockerRootDir;
  if (!root) return "the engine's data root";
  const space = await statfs(root).catch(() => undefined);
  return space ? `${root} (${mebibytes(space.bavail * space.bsize)} free of ${mebibytes(space.blocks * space.bsize)})` : root;
}

/**
 * The line for a build that failed because of the engine, not the Dockerfile: `reason` is
 * buildx's, `output` the failing step's last lines. Undefined for any other failure.
 */
export async function engineFault(reason: string, output: string[]): Promise<string | undefined> {
  if ([reason, ...output].some((line) => diskFull.test(line))) {
    return (
      `the engine's disk is full (no space left on device) under ${await dataRootSpace()}: ` +
      "free space with 'pnpm clean' (the lab's images, containers and cache mounts; 'docker builder prune' empties the rest of the build cache, other projects' too), or give the engine more, then run again"
    );
  }
  if (engineLost.test(reason)) {
    const answers = await docker()
      .ping()
      .then(
        () => true,
        () => false,
      );
    return `the Docker engine went away during the build (${reason}), so the image was not made; ${answers ? 'it answers again: run again' : 'run again once it answers'}`;
  }
  return undefined;
}

/** What the engine API's client says when the engine's socket or port stops answering. */
const connectionLost = /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|connect ENOENT/;

/** Whether an error of the engine API means the engine is gone, not that it refused the request. */
export function isEngineConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return connectionLost.test(code ?? '') || connectionLost.test(message ?? '');
}

/**
 * The line for a container whose engine went away while it ran: the engine stops every container
 * as it shuts down, so what the harness was waiting for will not come. Undefined for any other error.
 */
export async function engineLostDuringRun(image: string, error: unknown): Promise<string | undefined> {
  if (!isEngineConnectionError(error)) return undefined;
  const reason = ((error as Error).message ?? String(error)).split('\n')[0];
  const answers = await docker()
    .ping()
    .then(
      () => true,
      () => false,
    );
  return `the Docker engine went away while ${image} ran (${reason}), so it was not measured; ${answers ? 'it answers again: run again' : 'run again once it answers'}`;
}
