// signals: `docker stop` ends a service's container within limits.stopWithinMs (stopLimitMs),
// without SIGKILL; reads the measured stop.
import type { AppEntry } from '../catalogue/types.ts';
import { stopLimitMs } from '../catalogue/budgets.ts';
import type { AppFacts } from '../contract/app-facts.ts';
import { exitCodeReason } from '../exit-code.ts';
import { firstLine, formatMs } from '../format.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

/** How the stop ended; an exit code that names a signal says why it still counts as clean (java's 143). */
function stopFound(stop: { ms: number; exitCode: number; killed: boolean }): string {
  if (stop.killed) return `killed (SIGKILL) after ${formatMs(stop.ms)}`;
  const reason = exitCodeReason(stop.exitCode);
  return `exited with code ${stop.exitCode}${reason ? ` (${reason})` : ''} after ${formatMs(stop.ms)}`;
}

export function checkSignals(entry: AppEntry, facts: AppFacts): Verdict {
  const limit = stopLimitMs(entry);
  const stop = facts.run?.stop;
  return verdict(
    stop !== undefined && !stop.killed && stop.ms <= limit,
    `exits on SIGTERM within ${formatMs(limit)}`,
    stop ? stopFound(stop) : `not stopped: ${firstLine(facts.run?.error, 'not run')}`,
    stop?.killed ? 'the process ignored SIGTERM: as PID 1 it needs its own handler (or an init such as tini)' : facts.run?.error,
  );
}

export const signals: ContractModule = {
  kind: 'contract',
  id: 'signals',
  fixtures: ['ignores-sigterm'],
  checks: (entry) =>
    entry.service ? [{ id: 'signals', title: '`docker stop` ends it in time, without SIGKILL', evaluate: (f) => checkSignals(entry, f) }] : [],
};
