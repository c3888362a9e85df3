// Shared by the command-line entries: a clean exit on failure or Ctrl-C that removes whatever
// this run made (progress lines are progress.ts's).
import { EngineUnusableError } from '../engine/docker.ts';
import { removeOwned } from '../engine/ownership.ts';

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
