// An exit code above 128 is 128 + the number of the signal that ended the process: the
// signals check counts it as a clean stop (the process ended in time and was not killed), which
// a reader of "exited with code 143" would not guess.
import { constants } from 'node:os';

/** Why a stop's exit code counts as a clean stop, for codes that name a signal; undefined otherwise. */
export function exitCodeNote(code: number): string | undefined {
  if (code <= 128) return undefined;
  const signal = Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0];
  if (!signal) return undefined;
  const how = signal === 'SIGTERM' ? ', the signal `docker stop` sends, by its default action (the JVM, for one, ends so after its shutdown hooks ran)' : '';
  return `exit code ${code} = 128 + ${code - 128}: the process ended on ${signal}${how}. It counts as a clean stop: it ended within the limit and was not killed (SIGKILL).`;
}
