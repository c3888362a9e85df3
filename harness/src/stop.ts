// A run's stop. SIGINT and SIGTERM (runCli, cli/terminal.ts) abort this signal; everything that
// starts work (a build, a container, a Compose project) refuses to once it has fired, and
// everything that waits (a build, an HTTP poll, a health wait, a container's exit) gives up at
// once. So the work in flight ends before the clean-up runs, and nothing is started after it:
// a container created after the clean-up listed what to remove would be left running.
// The leaf functions take the signal as an option (for a test's own), defaulting to this one.
import { setTimeout as delay } from 'node:timers/promises';

/** The error every refused or abandoned step throws once the run is stopped. */
export class RunStopped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RunStopped';
  }
}

const controller = new AbortController();

/** Fires when the run is told to stop. */
export const runStop: AbortSignal = controller.signal;

/** Stops the run: every step in flight is abandoned, and none is started. */
export function stopRun(reason: string): void {
  if (!controller.signal.aborted) controller.abort(new RunStopped(reason));
}

/** Throws the stop's reason if `signal` has fired: the check before anything is started. */
export function throwIfStopped(signal: AbortSignal = runStop): void {
  if (signal.aborted) throw stopReason(signal);
}

/** The error a stopped step ends with. */
export function stopReason(signal: AbortSignal = runStop): Error {
  return signal.reason instanceof Error ? signal.reason : new RunStopped(String(signal.reason ?? 'stopped'));
}

/** Settles as `promise` does, or rejects with the stop as soon as `signal` fires. */
export function unlessStopped<T>(promise: Promise<T>, signal: AbortSignal = runStop): Promise<T> {
  if (signal.aborted) return Promise.reject(stopReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(stopReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

/** A pause that ends early, with the stop, when `signal` fires. */
export async function pause(ms: number, signal: AbortSignal = runStop): Promise<void> {
  await delay(ms, undefined, { signal }).catch(() => {
    throw stopReason(signal);
  });
}
