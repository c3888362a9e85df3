// healthy: a service's container is reported healthy by the engine within limits.healthyWithinMs;
// reads the measured run's start-to-healthy time and health log.
import type { AppEntry } from '../catalogue/types.ts';
import type { AppFacts } from '../contract/app-facts.ts';
import { firstLine, formatMs } from '../format.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

export function checkHealthy(entry: AppEntry, facts: AppFacts): Verdict {
  const limit = entry.limits.healthyWithinMs?.limit ?? 0;
  const run = facts.run;
  const ms = run?.healthyMs;
  const why = run?.healthError ?? run?.error;
  return verdict(
    ms !== undefined && ms <= limit,
    `healthy within ${formatMs(limit)}`,
    ms !== undefined ? `healthy after ${formatMs(ms)}` : `never healthy: ${firstLine(why, 'not run')}`,
    ms !== undefined
      ? 'the first passing health check came late: the first probe waits one --start-interval (without one, one --interval), then the app must answer it'
      : why,
  );
}

export const healthy: ContractModule = {
  kind: 'contract',
  id: 'healthy',
  fixtures: ['healthy-late'],
  checks: (entry) => (entry.service ? [{ id: 'healthy', title: 'container becomes healthy within its limit', evaluate: (f) => checkHealthy(entry, f) }] : []),
};
