// cache-poor-order: the tutorial's counter-example shown true: a Dockerfile that copies the
// sources before its install runs the install again after the cache claim's edit
// (measurePoorCacheOrder, measure/targets.ts).
import type { AppEntry } from '../catalogue/types.ts';
import type { CacheFacts } from '../contract/app-facts.ts';
import { formatMs } from '../format.ts';
import { measurePoorCacheOrder } from '../measure/targets.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

/**
 * The tutorial's counter-example ("Build Cache Optimization", "Poor cache usage": `COPY . .`
 * then `RUN npm install && npm run build`): a Dockerfile with that ordering, rebuilt after the
 * cache claim's one-line edit. The claim is the tutorial's warning: its dependency step runs
 * again (not CACHED). It passes when the warning is shown to be true.
 */
export interface PoorCacheOrder {
  /** Repository-relative path of the poorly ordered Dockerfile; it builds from the entry's context. */
  dockerfile: string;
  /** The dependency steps, each a substring of a BuildKit step name: each must match a step of the rebuild, and run again. */
  dependencySteps: string[];
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    /** Needs `cache` (its edit is the one applied). */
    poorCacheOrder?: PoorCacheOrder;
  }
}

/**
 * The tutorial's counter-example, decided: after the same one-line edit, every dependency step
 * of the poorly ordered Dockerfile ran again. A step that came from cache means that Dockerfile
 * does not show the poor ordering (or the edit never reached the build).
 */
export function checkPoorCacheOrder(entry: AppEntry, cache: CacheFacts): Verdict {
  const spec = entry.poorCacheOrder!;
  const problems: string[] = [];
  const found: string[] = [];
  for (const needle of spec.dependencySteps) {
    const steps = cache.steps.filter((s) => s.name.includes(needle));
    if (steps.length === 0) problems.push(`no build step of ${spec.dockerfile} matches the dependency step "${needle}"`);
    for (const step of steps) {
      if (step.cached)
        problems.push(
          `${step.name}: CACHED after editing ${entry.cache!.edit.file}: this Dockerfile does not show the poor ordering (its dependency step comes before the sources)`,
        );
      else found.push(`${step.name}: ran again`);
    }
  }
  return verdict(
    problems.length === 0,
    `after editing ${entry.cache!.edit.file}, ${spec.dockerfile} runs its dependency step again (not CACHED): ${spec.dependencySteps.map((s) => `"${s}"`).join(', ')}`,
    problems.length ? problems.join('; ') : `${found.join('; ')}; the rebuild took ${formatMs(cache.rebuildMs)}`,
    `steps of the rebuild:\n${
      cache.steps
        .filter((s) => s.name.startsWith('[') && !s.name.startsWith('[internal]'))
        .map((s) => `${s.cached ? 'CACHED ' : 'ran    '} ${s.name}`)
        .join('\n') || '(none)'
    }`,
  );
}

export const cachePoorOrder: ClaimModule = {
  kind: 'claim',
  id: 'cache-poor-order',
  fixtures: ['poor-order-well-ordered'],
  claims: (entry, { claim }) =>
    entry.cache && entry.poorCacheOrder
      ? [
          claim(
            'cache-poor-order',
            "counter-example: with the sources copied before the install (the tutorial's poor ordering), a source change runs the install again",
            () => measurePoorCacheOrder(entry),
            (f) => checkPoorCacheOrder(entry, f),
          ),
        ]
      : [],
};
