// plain-server-stop: a server started in exec form with no SIGTERM handler of its own (the
// tutorial's `CMD ["node", "dist/server.js"]` as its examples write it) is PID 1, which the
// kernel gives no default action for SIGTERM: `docker stop` waits out its grace period and
// kills it. Under `--init` the init forwards SIGTERM, the default action ends it, and it stops
// at once. Both stops measured (measure/plain-server.ts); the entry's `plainServer` turns it on.
import type { AppEntry } from '../catalogue/types.ts';
import { stopLimitMs } from '../catalogue/budgets.ts';
import type { PlainServerStopFacts, StopFacts } from '../contract/app-facts.ts';
import { formatMs } from '../format.ts';
import { measurePlainServerStop } from '../measure/plain-server.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

/** A server with no SIGTERM handler, run from the app's production image in exec form. */
export interface PlainServer {
  /** Its argv (exec form), run as the container's entrypoint. */
  command: string[];
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    plainServer?: PlainServer;
  }
}

const said = (stop: StopFacts) =>
  stop.killed ? `killed (SIGKILL) after ${formatMs(stop.ms)}` : `exited with code ${stop.exitCode} after ${formatMs(stop.ms)}`;

export function checkPlainServerStop(entry: AppEntry, facts: PlainServerStopFacts): Verdict {
  const limit = stopLimitMs(entry);
  const expected = `\`${entry.plainServer?.command.join(' ')}\` as PID 1 is killed when \`docker stop\`'s ${facts.graceSeconds} s run out; with --init it exits within ${formatMs(limit)}`;
  const { withoutInit, withInit } = facts;
  if (facts.error || !withoutInit || !withInit) return verdict(false, expected, `not measured: ${(facts.error ?? 'no stop').split('\n')[0]}`, facts.error);
  const found = `without --init: ${said(withoutInit)}; with --init: ${said(withInit)}`;
  if (!withoutInit.killed)
    return verdict(
      false,
      expected,
      found,
      'the command stopped on SIGTERM as PID 1: it handles the signal itself, so it shows nothing about a server without a handler',
    );
  return verdict(
    !withInit.killed && withInit.ms <= limit,
    expected,
    found,
    withInit.killed ? 'it ignores SIGTERM even when an init forwards it: it needs a handler of its own' : `it exited, but slower than ${formatMs(limit)}`,
  );
}

export const plainServerStop: ClaimModule = {
  kind: 'claim',
  id: 'plain-server-stop',
  fixtures: ['ignores-sigterm-under-init'],
  claims: (entry, { claim }) =>
    entry.plainServer
      ? [
          claim(
            'plain-server-stop',
            'a server with no SIGTERM handler is killed as PID 1, and stops at once with --init',
            () => measurePlainServerStop(entry),
            (f) => checkPlainServerStop(entry, f),
          ),
        ]
      : [],
};
