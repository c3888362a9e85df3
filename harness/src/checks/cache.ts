// cache: after a one-line source change, every dependency step comes from cache and the edited
// steps run again (measureCache, measure/targets.ts: a cold build, then timed rebuilds, which
// rebuild-budget.ts decides on too).
import type { AppEntry, Budget } from '../catalogue/types.ts';
import type { CacheFacts } from '../contract/app-facts.ts';
import { formatMs } from '../format.ts';
import { measureCache } from '../measure/targets.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule, Once } from './check.ts';

/** The build-cache claim: after a source-only change the dependency steps are served from cache. */
export interface CacheClaim {
  /** A source file to change (in a temporary copy of the context): `append` is added at its end. */
  edit: { file: string /* context-relative */; append: string };
  /**
   * The dependency steps, each a substring of BuildKit's step name (e.g. "[deps 2/2] RUN ...
   * pnpm install"): each must match at least one step of the rebuild, and every step that
   * matches must be CACHED.
   */
  dependencySteps: string[];
  /**
   * The step that takes in the edited file and the steps after it that use it, each a substring
   * of a step name: each must match a step that ran again. A claim that nothing rebuilt would
   * prove nothing (the edit may never have reached the build).
   */
  rebuiltSteps: string[];
  /** The rebuild after the edit must take at most this share of the cold build (bench figure). */
  maxRebuildRatio: Budget;
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    cache?: CacheClaim;
  }
}

/** The one measurement of the cache claim and the rebuild budget, taken once per suite. */
export function measuredCache(entry: AppEntry, once: Once): Promise<CacheFacts> {
  return once('cache', () => measureCache(entry));
}

/** What the cache claim found wrong: dependency steps that ran again, edited steps that did not. */
export function cacheProblems(entry: AppEntry, cache: CacheFacts): string[] {
  const spec = entry.cache!;
  const problems: string[] = [];
  const matching = (needle: string) => cache.steps.filter((s) => s.name.includes(needle));
  for (const needle of spec.dependencySteps) {
    const steps = matching(needle);
    if (steps.length === 0) problems.push(`no build step matches the dependency step "${needle}"`);
    for (const step of steps.filter((s) => !s.cached)) problems.push(`${step.name}: ran again, expected CACHED`);
  }
  for (const needle of spec.rebuiltSteps) {
    const steps = matching(needle);
    if (steps.length === 0) problems.push(`no build step matches "${needle}", which should run again after the edit`);
    else if (steps.every((s) => s.cached)) problems.push(`${steps[0]!.name}: CACHED, expected to run again after editing ${spec.edit.file}`);
  }
  return problems;
}

/** The steps of a rebuild that ran again (FROM steps resolve their image on every build and never show as cached). */
export function ranAgain(cache: CacheFacts): string[] {
  return cache.steps
    .filter((s) => !s.cached && s.name.startsWith('[') && !s.name.startsWith('[internal]') && !/^\[[^\]]*\] FROM /.test(s.name))
    .map((s) => s.name);
}

export function checkCache(entry: AppEntry, cache: CacheFacts): Verdict {
  const spec = entry.cache!;
  const problems = cacheProblems(entry, cache);
  const again = ranAgain(cache);
  return verdict(
    problems.length === 0,
    `after editing ${spec.edit.file}: CACHED ${spec.dependencySteps.map((s) => `"${s}"`).join(', ')} (every step that matches); ran again ${spec.rebuiltSteps.map((s) => `"${s}"`).join(', ')}`,
    problems.length ? problems.join('; ') : `as expected; ${again.length} step(s) ran again in ${formatMs(cache.rebuildMs)}`,
    `steps that ran again:\n${again.join('\n') || '(none)'}`,
  );
}

export const cache: ClaimModule = {
  kind: 'claim',
  id: 'cache',
  fixtures: ['cache-deps-after-sources', 'cache-edit-not-built'],
  claims: (entry, { claim, once }) =>
    entry.cache
      ? [
          claim(
            'cache',
            'after a source-only change, the dependency steps come from cache and the edited steps run again',
            () => measuredCache(entry, once),
            (f) => checkCache(entry, f),
          ),
        ]
      : [],
};
