// Shared by the command-line entries: progress lines for builds, and a clean exit on failure
// or Ctrl-C that removes whatever this run made.
import type { BuildProgress } from '../engine/build.ts';
import { EngineUnusableError } from '../engine/docker.ts';
import { removeOwned } from '../engine/ownership.ts';
import { formatMs } from '../report/format.ts';

/** Prints each finished build step: "[node-api multi] [build 3/7] RUN ... 12.3 s" or "CACHED". */
export function buildProgressPrinter(prefix: string): (event: BuildProgress) => void {
  return (event) => {
    if (event.kind !== 'step-done' || event.step.startsWith('[internal]')) return;
    const took = event.cached ? 'CACHED' : event.durationMs !== undefined ? formatMs(event.durationMs) : '';
    process.stderr.write(`  [${prefix}] ${event.step.slice(0, 110)} ${took}\n`);
  };
}

/** Runs `main`, removing this run's containers and images at the end, on failure and on Ctrl-C. */
export async function runCli(main: () => Promise<number | void>): Promise<void> {
  const interrupted = async () => {
    process.stderr.write('\ninterrupted: removing what this run made...\n');
    await removeOwned('run').catch(() => undefined);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let code = 0;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    // No engine, or one too old: one line, not a stack trace.
    process.stderr.write(`${error instanceof EngineUnusableError ? error.message : ((error as Error).stack ?? String(error))}\n`);
    code = 1;
  } finally {
    await removeOwned('run').catch(() => undefined);
  }
  process.exit(code);
}
