// An exit code above 128 is 128 + the number of the signal that ended the process: the
// signals check counts it as a clean stop (the process ended in time and was not killed), which
// a reader of "exited with code 143" would not guess. So the check's finding says why, short,
// and the report's stop row says it whole.
import { constants } from 'node:os';

function signalName(code: number): string | undefined {
  if (code <= 128) return undefined;
  return Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0];
}

/** Why a stop's exit code counts as clean, in a few words for a check's finding; undefined for codes that name no signal. */
export function exitCodeReason(code: number): string | undefined {
  const signal = signalName(code);
  if (!signal) return undefined;
  const how = signal === 'SIGTERM' ? ' by its default action, with no handler calling exit(0), as the JVM does' : '';
  return `128 + ${signal}: the process ended on the signal${how}; counted as a clean stop`;
}

/** Why a stop's exit code counts as a clean stop, for codes that name a signal; undefined otherwise. */
export function exitCodeNote(code: number): string | undefined {
  const signal = signalName(code);
  if (!signal) return undefined;
  const how = signal === 'SIGTERM' ? ', the signal `docker stop` sends, by its default action (the JVM, for one, ends so after its shutdown hooks ran)' : '';
  return `exit code ${code} = 128 + ${code - 128}: the process ended on ${signal}${how}. It counts as a clean stop: it ended within the limit and was not killed (SIGKILL).`;
}
