// The tutorial's start command as it stands (`CMD ["node", "dist/server.js"]`, a server with no
// SIGTERM handler of its own), run from the app's production image in exec form, and stopped
// twice: as PID 1 (no init), and under the engine's init (`--init`).
import type { AppEntry } from '../catalogue/types.ts';
import { stopLimitMs } from '../catalogue/budgets.ts';
import type { PlainServerStopFacts, StopFacts } from '../contract/app-facts.ts';
import { runContainer } from '../run/container.ts';
import { pause } from '../stop.ts';
import { buildApp, temporaryTag } from './images.ts';
import { timed } from '../engine/timing-lock.ts';

/** Long enough for the command to be up and have set its signal handling before the stop. */
const settleMs = 1_000;

async function stopOnce(image: string, command: string[], init: boolean, graceSeconds: number): Promise<StopFacts> {
  await using container = await runContainer({ image, entrypoint: command, init });
  await pause(settleMs);
  // A command that ended by itself shows nothing about the stop: said so, with its exit.
  const state = (await container.inspect()).State;
  if (!state.Running)
    throw new Error(
      `\`${command.join(' ')}\` ${init ? 'with' : 'without'} --init ended by itself (exit ${state.ExitCode}) before the stop: ${(await container.logs(5)).trim().split('\n').at(-1) ?? ''}`,
    );
  // Awaited here: returned as a promise, the container would be disposed of (force-removed) before it stops.
  return await container.stop(graceSeconds);
}

export async function measurePlainServerStop(entry: AppEntry): Promise<PlainServerStopFacts> {
  // A grace period well past the limit, as the signals check's: "slow" apart from "ignored".
  const graceSeconds = Math.ceil(stopLimitMs(entry) / 1000) + 3;
  const facts: PlainServerStopFacts = { graceSeconds };
  const spec = entry.plainServer;
  if (!spec) return { ...facts, error: 'the entry has no plainServer command' };
  try {
    // The production image, built as the contract builds it (from cache after the contract's build).
    const image = temporaryTag(entry, 'plain-server');
    await buildApp(entry, { variant: 'multi', target: entry.productionTarget, temporaryTag: image });
    await timed(async () => {
      facts.withoutInit = await stopOnce(image, spec.command, false, graceSeconds);
      facts.withInit = await stopOnce(image, spec.command, true, graceSeconds);
    });
  } catch (error) {
    facts.error = (error as Error).message;
  }
  return facts;
}
