// rebuild-budget: the median of the timed one-line rebuilds within cache.maxRebuildRatio of the
// cold build before them; decided on the cache claim's measurement (cache.ts).
import type { AppEntry } from '../catalogue/types.ts';
import type { CacheFacts } from '../contract/app-facts.ts';
import { formatMs } from '../format.ts';
import { rebuildRuns } from '../limits.ts';
import { median } from '../median.ts';
import { verdict, type Verdict } from '../verdict.ts';
import { measuredCache, ranAgain } from './cache.ts';
import type { ClaimModule } from './check.ts';

/**
 * The one-line rebuild against its budget: the median of the timed rebuilds as a share of the
 * cold build before them. Both are measured in the same run on the same machine, so load slows
 * both and no load factor is applied.
 */
export function checkRebuildBudget(entry: AppEntry, cache: CacheFacts): Verdict {
  const budget = entry.cache!.maxRebuildRatio.limit;
  const rebuilds = cache.rebuildsMs ?? [];
  const expected = `the median of ${rebuildRuns} one-line rebuilds (after editing ${entry.cache!.edit.file}) within ${(budget * 100).toFixed(0)}% of a cold build`;
  if (cache.coldMs === undefined || rebuilds.length < rebuildRuns) {
    return verdict(false, expected, `not timed: ${rebuilds.length} rebuild(s)${cache.coldMs === undefined ? ', no cold build' : ''}`);
  }
  const rebuild = median(rebuilds);
  const ratio = rebuild / cache.coldMs;
  return verdict(
    ratio <= budget,
    expected,
    `${(ratio * 100).toFixed(1)}%: median ${formatMs(rebuild)} of ${rebuilds.map((ms) => formatMs(ms)).join(', ')} against a cold ${formatMs(cache.coldMs)} (budget ${(budget * 100).toFixed(0)}%)`,
    `steps that ran again:\n${ranAgain(cache).join('\n') || '(none)'}`,
  );
}

export const rebuildBudget: ClaimModule = {
  kind: 'claim',
  id: 'rebuild-budget',
  // The goals gate's fixture (test/fixtures/goals/), run by test/contract/goals-fail.test.ts.
  fixtures: ['rebuild-over-budget'],
  claims: (entry, { claim, once }) =>
    entry.cache
      ? [
          claim(
            'rebuild-budget',
            `a one-line rebuild takes at most ${(entry.cache.maxRebuildRatio.limit * 100).toFixed(0)}% of a cold build (median of ${rebuildRuns})`,
            () => measuredCache(entry, once),
            (f) => checkRebuildBudget(entry, f),
          ),
        ]
      : [],
};
