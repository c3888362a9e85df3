// alternative-*: each other build of a service's production image (a build arg or a target that
// trades size for start) within its size and health limits (measureAlternative, measure/alternatives.ts).
import type { Budget } from '../catalogue/types.ts';
import type { AlternativeFacts } from '../contract/app-facts.ts';
import { formatBytes, formatMs } from '../format.ts';
import { measureAlternative } from '../measure/alternatives.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

/**
 * Another build of the production image, measured beside it on size and start: a build arg or a
 * target that trades one for the other (e.g. a JVM AOT cache: larger, faster to start).
 */
export interface Alternative {
  /** Short id for tags and check ids, e.g. "aot-cache". */
  name: string;
  /** What differs, for the report, e.g. "with a JVM AOT cache (--build-arg AOT_CACHE=on)". */
  title: string;
  /** Added to the production build's args. */
  buildArgs?: Record<string, string>;
  /** Stage to build instead of the production target. */
  target?: string;
  limits: { uncompressedBytes: Budget; healthyWithinMs: Budget };
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    /** Other builds of the production image, measured beside it (services only). */
    alternatives?: Alternative[];
  }
}

/** An alternative build of the production image: within its size and health limits. */
export function checkAlternative(alternative: Alternative, facts: AlternativeFacts): Verdict {
  const uncompressedBytes = alternative.limits.uncompressedBytes.limit;
  const healthyWithinMs = alternative.limits.healthyWithinMs.limit;
  const healthy = facts.run.healthyMs;
  return verdict(
    facts.uncompressedBytes <= uncompressedBytes && healthy !== undefined && healthy <= healthyWithinMs,
    `<= ${formatBytes(uncompressedBytes)} uncompressed, healthy within ${formatMs(healthyWithinMs)}`,
    `${formatBytes(facts.uncompressedBytes)} (${formatBytes(facts.compressedBytes)} compressed), ${healthy !== undefined ? `healthy after ${formatMs(healthy)}` : `never healthy: ${(facts.run.healthError ?? facts.run.error)?.split('\n')[0] ?? 'not run'}`}`,
    facts.run.healthError ?? facts.run.error,
  );
}

export const alternative: ClaimModule = {
  kind: 'claim',
  id: 'alternative-*',
  fixtures: ['alternative-over-budget'],
  claims: (entry, { claim }) =>
    (entry.service ? (entry.alternatives ?? []) : []).map((a) =>
      claim(
        `alternative-${a.name}`,
        `alternative build ${a.title}: within its size budget and healthy in time`,
        () => measureAlternative(entry, a),
        (f) => checkAlternative(a, f),
      ),
    ),
};
