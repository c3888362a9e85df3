// healthcheck-tutorial-timing: the tutorial's HEALTHCHECK parameters on a service's production
// image: healthy, and when (measureHealthcheckTiming, measure/targets.ts).
import type { AppEntry, Budget } from '../catalogue/types.ts';
import type { HealthcheckTimingFacts } from '../contract/app-facts.ts';
import { firstLine, formatMs } from '../format.ts';
import { measureHealthcheckTiming } from '../measure/targets.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

/**
 * The tutorial's HEALTHCHECK timing ("Real-World Complete Example": --interval=30s --timeout=3s
 * --start-period=5s --retries=3), run on the production image with the image's own probe
 * command: how long until the engine reports it healthy with those parameters. Without
 * --start-interval (which the tutorial does not use), the first probe runs one interval after
 * the start.
 */
export interface HealthcheckTiming {
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  retries: number;
  /** It must be healthy within this, ms (from the container's start). */
  healthyWithinMs: Budget;
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    /** Needs `service`. */
    tutorialHealthcheck?: HealthcheckTiming;
  }
}

/** The tutorial's HEALTHCHECK timings on the production image: healthy, and within the limit. */
export function checkHealthcheckTiming(entry: AppEntry, facts: HealthcheckTimingFacts): Verdict {
  const spec = entry.tutorialHealthcheck!;
  const limit = spec.healthyWithinMs.limit;
  const params = `--interval=${spec.intervalMs / 1000}s --timeout=${spec.timeoutMs / 1000}s --start-period=${spec.startPeriodMs / 1000}s --retries=${spec.retries}`;
  const ms = facts.healthyMs;
  return verdict(
    ms !== undefined && ms <= limit,
    `with ${params}, healthy within ${formatMs(limit)} of the start`,
    ms !== undefined
      ? `healthy after ${formatMs(ms)}${facts.firstProbeMs !== undefined ? ` (first probe ${formatMs(facts.firstProbeMs)} after the start)` : ''}`
      : `never healthy: ${firstLine(facts.error, 'not run')}`,
    ms !== undefined ? 'without --start-interval the first probe waits one --interval after the start' : facts.error,
  );
}

export const healthcheckTutorialTiming: ClaimModule = {
  kind: 'claim',
  id: 'healthcheck-tutorial-timing',
  fixtures: ['health-timing-late'],
  claims: (entry, { claim }) => {
    const timing = entry.tutorialHealthcheck;
    if (!timing || !entry.service) return [];
    return [
      claim(
        'healthcheck-tutorial-timing',
        `the tutorial's HEALTHCHECK timings (--interval=${timing.intervalMs / 1000}s --start-period=${timing.startPeriodMs / 1000}s, no --start-interval) on the production image: healthy, and when`,
        () => measureHealthcheckTiming(entry),
        (f) => checkHealthcheckTiming(entry, f),
      ),
    ];
  },
};
