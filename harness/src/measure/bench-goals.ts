// What `pnpm bench` holds its medians to, after writing them: each one-line rebuild to its
// budget (catalogue cache.maxRebuildRatio) and each start-to-healthy median to the app's goal
// (catalogue Budget.goal, the figure it aims for on a quiet machine). A miss is printed and the
// bench exits 1; the figures are written either way, so the README shows the miss too.
import { entries } from '../catalogue/index.ts';
import { formatMs } from '../format.ts';
import type { AppBench } from './bench.ts';

/** An app's start-to-healthy goal, ms. */
export type GoalOf = (app: string) => number | undefined;
export const catalogueGoal: GoalOf = (app) => entries.find((e) => e.name === app)?.limits.healthyWithinMs?.goal;

/** The production image's start-to-healthy median and the app's goal, where it has one. */
export function healthGoal(b: AppBench, goalOf: GoalOf): { healthy: number; goal: number } | undefined {
  const goal = goalOf(b.app);
  const healthy = b.samples.find((s) => s.id === 'run:healthy')?.median;
  return goal === undefined || healthy === undefined ? undefined : { healthy, goal };
}

/** Whether the one-line rebuild took a larger share of the cold build than its budget allows. */
export function rebuildOver(b: AppBench): boolean {
  return b.rebuildRatio !== undefined && b.rebuildRatio > (b.maxRebuildRatio ?? Infinity);
}

/** Each rebuild over its budget and each start-to-healthy median over its goal, one line each. */
export function benchMisses(benches: AppBench[], goalOf: GoalOf): string[] {
  return benches.flatMap((b) => {
    const h = healthGoal(b, goalOf);
    return [
      ...(rebuildOver(b)
        ? [`${b.app}: the one-line rebuild took ${(b.rebuildRatio! * 100).toFixed(1)}% of the cold build (budget ${(b.maxRebuildRatio! * 100).toFixed(0)}%)`]
        : []),
      ...(h && h.healthy > h.goal
        ? [`${b.app}: healthy ${formatMs(h.healthy)} after start, median (goal ${formatMs(h.goal)}; on a busy machine every start is slower)`]
        : []),
    ];
  });
}
