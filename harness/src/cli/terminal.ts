// Shared by the command-line entries: a clean exit on failure or on a stop (Ctrl-C's SIGINT, a
// CI cancel's or `timeout`'s SIGTERM) that removes whatever this run made (progress lines are
// progress.ts's). A stop first ends the work in flight (stop.ts), then cleans up, so nothing
// the run starts outlives the clean-up.
import { constants } from 'node:os';
import { EngineUnusableError } from '../engine/docker.ts';
import { killInFlightBuilds } from '../engine/build.ts';
import { describeOwned, removeOwned, type OwnedCounts } from '../engine/ownership.ts';
import { stopGraceMs } from '../limits.ts';
import { stopRun } from '../stop.ts';

/** Runs `main`, removing this run's containers and images at the end, on failure and on a stop. */
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
  let code = 0;
  const work = main();
  work.catch(() => undefined); // still running when the grace ran out: its end is not waited for
  try {
    code = (await Promise.race([work, gaveUp])) ?? 0;
  } catch (error) {
    // The stop's own error is no failure to report: the line below says what happened.
    // No engine, or one too old: one line, not a stack trace.
    if (!stoppedBy) process.stderr.write(`${error instanceof EngineUnusableError ? error.message : ((error as Error).stack ?? String(error))}\n`);
    code = 1;
  }
  // A build that did not end within the grace would load its image after the clean-up.
  if (stoppedBy) killInFlightBuilds();
  const removed: OwnedCounts | string = await removeOwned('run').catch((error: Error) => error.message.split('\n')[0] ?? 'unknown error');
  if (stoppedBy) {
    const what = typeof removed === 'string' ? `could not remove what this run made (${removed}): the next run removes it` : `removed ${describeOwned(removed)} of this run`;
    process.stderr.write(`stopped by ${stoppedBy}: ${what}\n`);
    code = 128 + constants.signals[stoppedBy];
  }
  process.exit(code);
}
