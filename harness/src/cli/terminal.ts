// Shared by the command-line entries: options parsed into one-line usage errors, and a clean exit
// on failure or Ctrl-C that removes whatever this run made (progress lines are progress.ts's).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BadInputError } from '../bad-input.ts';
import { EngineUnusableError } from '../engine/docker.ts';
import { removeOwned } from '../engine/ownership.ts';

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
 * Runs `main`, removing this run's containers and images at the end, on failure and on Ctrl-C.
 * Bad input or no usable engine fail in one line; anything else is ours to debug: the stack.
 */
export async function runCli(main: () => Promise<number | void>): Promise<void> {
  const interrupted = async () => {
    process.stderr.write('\ninterrupted: removing what this run made...\n');
    await removeOwned('run').catch(() => undefined);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const code = await exitStatusOf(main, true);
  await removeOwned('run').catch(() => undefined);
  process.exit(code);
}
