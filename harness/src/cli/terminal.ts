// Shared by the command-line entries: options parsed into one-line usage errors, and a clean exit
// on failure or on a stop (Ctrl-C's SIGINT, a CI cancel's or `timeout`'s SIGTERM) that removes
// whatever this run made (progress lines are progress.ts's). A stop first ends the work in
// flight (stop.ts), then cleans up, so nothing the run starts outlives the clean-up.
import { constants } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadInputError } from '../bad-input.ts';
import { EngineUnusableError } from '../engine/docker.ts';
import { killInFlightBuilds } from '../engine/build.ts';
import { describeOwned, removeOwned, runId, type OwnedCounts } from '../engine/ownership.ts';
import { stopClientsOf } from '../engine/orphaned-clients.ts';
import { stopGraceMs } from '../limits.ts';
import { stopRun } from '../stop.ts';

/**
 * `parseArgs` whose refusals (an unknown option, a missing value, a stray argument) are a
 * BadInputError of one line with the command's usage, not Node's paragraph and stack.
 */
export function parseCommandLine<T extends ParseArgsConfig>(usage: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (!code?.startsWith('ERR_PARSE_ARGS_')) throw error;
    // Node's first sentence names the option ("Unknown option '--bogus'"); the rest is advice about '--'.
    const reason = message.split('. ')[0]!;
    throw new BadInputError(`${reason.charAt(0).toLowerCase()}${reason.slice(1)}; ${usage}`);
  }
}

/** What a failure prints: bad input and an unusable engine in their one line, anything else with its stack unless `stack` is false. */
function failureOf(error: unknown, stack: boolean): { text: string; code: number } {
  if (error instanceof BadInputError) return { text: error.message, code: 2 };
  if (error instanceof EngineUnusableError || !stack) return { text: (error as Error).message ?? String(error), code: 1 };
  return { text: (error as Error).stack ?? String(error), code: 1 };
}

/** Runs `main` to its exit status, a failure printed as failureOf says. */
async function exitStatusOf(main: () => Promise<number | void>, stack: boolean): Promise<number> {
  try {
    return (await main()) ?? 0;
  } catch (error) {
    const failure = failureOf(error, stack);
    process.stderr.write(`${failure.text}\n`);
    return failure.code;
  }
}

/**
 * Runs a command that leaves no containers behind (fork, bases, report:merge, readme): bad input
 * exits 2 and any other failure 1, each with its message alone (their errors are written for the
 * user: a refusal, a missing file, a forge that failed).
 */
export async function runCommand(main: () => Promise<number | void>): Promise<never> {
  process.exit(await exitStatusOf(main, false));
}

/**
 * Runs `main`, removing this run's containers and images at the end, on failure and on a stop.
 * Bad input or no usable engine fail in one line; anything else is ours to debug: the stack.
 */
export async function runCli(main: () => Promise<number | void>): Promise<void> {
  let stoppedBy: NodeJS.Signals | undefined;
  let giveUp: () => void = () => undefined;
  const gaveUp = new Promise<void>((resolve) => (giveUp = resolve));
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal: no more waiting for the work in flight to end.
    if (stoppedBy) return giveUp();
    stoppedBy = signal;
    process.stderr.write(`\n${signal}: stopping the work in flight, then removing what this run made...\n`);
    stopRun(`the run was stopped (${signal})`);
    setTimeout(giveUp, stopGraceMs).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A stopped run's own errors are no failure to report: its one line below says what happened.
  const work = exitStatusOf(() => main().catch((error: unknown) => (stoppedBy ? 1 : Promise.reject(error))), true);
  // Past the grace, the work's end is not waited for.
  let code = (await Promise.race([work, gaveUp])) ?? 1;
  // A build that did not end within the grace would load its image after the clean-up.
  if (stoppedBy) {
    killInFlightBuilds();
    // And every other client it started (`docker compose up` cannot be cancelled otherwise).
    await stopClientsOf(runId());
  }
  const removed: OwnedCounts | string = await removeOwned('run').catch((error: Error) => error.message.split('\n')[0] ?? 'unknown error');
  if (stoppedBy) {
    const what =
      typeof removed === 'string'
        ? `could not remove what this run made (${removed}): the next run removes it`
        : `removed ${describeOwned(removed)} of this run`;
    process.stderr.write(`stopped by ${stoppedBy}: ${what}\n`);
    code = 128 + constants.signals[stoppedBy];
  }
  process.exit(code);
}
