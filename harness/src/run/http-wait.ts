// The one HTTP poll of the harness: readiness of a container, of a Compose service, and a dev
// server's reload all wait for a 200 (with some text in the body) from the host.
// Testcontainers' Wait.forHttp is not used for this: it polls once per read timeout (1 s by
// default, the same setting), too coarse to time a start that takes milliseconds, and its
// timeout error does not say what the last answer was.
import { pause, runStop, throwIfStopped } from '../stop.ts';

export interface HttpWait {
  url: string;
  /** The body must contain this as well as the status being 200. */
  expectInBody?: string;
  withinMs: number;
  /** Pause between attempts, ms. Default 25. */
  intervalMs?: number;
  /** Limit of one request, ms. Default 1000. */
  requestTimeoutMs?: number;
  /** Runs between attempts; throwing ends the wait with that error (e.g. "the container exited"). */
  between?: () => Promise<void>;
  /** Ends the wait at once, with the stop, when it fires. Default: the run's stop (stop.ts). */
  signal?: AbortSignal;
}

export interface HttpAnswer {
  /** ms from the start of the wait to the good answer. */
  ms: number;
  body: string;
}

export class HttpWaitTimeout extends Error {
  /** The last answer (status and body) or connection error before the time ran out. */
  readonly last: string;
  constructor(wait: HttpWait, last: string) {
    super(
      `GET ${new URL(wait.url).pathname} did not answer 200${wait.expectInBody ? ` containing "${wait.expectInBody}"` : ''} within ${wait.withinMs} ms (last: ${last})`,
    );
    this.name = 'HttpWaitTimeout';
    this.last = last;
  }
}

function describeError(error: unknown): string {
  const e = error as Error & { cause?: unknown };
  return e.cause ? String(e.cause) : e.message;
}

/** Polls `wait.url` until it answers 200 (with `expectInBody`), or throws HttpWaitTimeout. */
export async function waitForAnswer(wait: HttpWait): Promise<HttpAnswer> {
  const began = Date.now();
  const deadline = began + wait.withinMs;
  let last = 'no answer yet';
  const signal = wait.signal ?? runStop;
  for (;;) {
    throwIfStopped(signal);
    try {
      const response = await fetch(wait.url, { signal: AbortSignal.any([AbortSignal.timeout(wait.requestTimeoutMs ?? 1_000), signal]) });
      const body = await response.text();
      if (response.status === 200 && (wait.expectInBody === undefined || body.includes(wait.expectInBody))) return { ms: Date.now() - began, body };
      last = `HTTP ${response.status}: ${body.trim().slice(0, 200)}`;
    } catch (error) {
      last = describeError(error);
    }
    throwIfStopped(signal);
    if (Date.now() >= deadline) throw new HttpWaitTimeout(wait, last);
    await wait.between?.();
    await pause(wait.intervalMs ?? 25, signal);
  }
}
