// How a recipe's image stops: run as `docker run` would (no --init, the image's own command),
// given a second to start, then `docker stop` with docker's default 10 s grace. A process that
// ignores SIGTERM (a server as PID 1 with no handler of its own) is killed at the end of the
// grace; one that ended by itself before the stop (no long-running command) says so.
import { runContainer } from '../run/container.ts';
import { pause } from '../stop.ts';
import type { RecipeStop } from './types.ts';

/** docker stop's default grace, what a reader of the tutorial gets. */
export const stopGraceSeconds = 10;

export async function measureStop(image: string): Promise<RecipeStop> {
  await using container = await runContainer({ image });
  await pause(1_000);
  const state = (await container.inspect()).State;
  if (!state.Running) return { exitedBeforeStop: true, exitCode: state.ExitCode, ms: 0, killed: false };
  return { exitedBeforeStop: false, ...(await container.stop(stopGraceSeconds)) };
}
