// health-goal: where a service's limits.healthyWithinMs has a goal, the median start-to-healthy of
// fresh starts within that goal times the load factor; reads the measured starts.
import type { StartsFacts } from '../contract/app-facts.ts';
import { firstLine, formatMs } from '../format.ts';
import { healthGoalLoadFactor, healthGoalStarts } from '../limits.ts';
import { median } from '../median.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

/**
 * The health goal as a gate: the median start-to-healthy of fresh starts (at least
 * healthGoalStarts) within the goal times the load factor (harness/src/limits.ts says how that
 * factor was measured).
 */
export function checkHealthGoal(goal: number, starts: StartsFacts | undefined, factor = healthGoalLoadFactor): Verdict {
  const allowed = goal * factor;
  const expected = `median start-to-healthy of ${healthGoalStarts}+ fresh starts within its goal ${formatMs(goal)} x load factor ${factor} = ${formatMs(allowed)}`;
  const times = starts?.healthyMs ?? [];
  if (times.length < healthGoalStarts) {
    const why = starts?.error ?? (starts ? `only ${times.length} start(s) measured` : 'the starts were not measured');
    return verdict(false, expected, `no median: ${firstLine(why, 'not run')}`, why);
  }
  const m = median(times);
  return verdict(
    m <= allowed,
    expected,
    `median ${formatMs(m)} of ${times.map((t) => formatMs(t)).join(', ')} (goal ${formatMs(goal)}, load factor ${factor}${starts?.loadAverage !== undefined ? `, load average ${starts.loadAverage}` : ''})`,
    `the median start missed its goal ${formatMs(goal)} by ${(m / goal).toFixed(1)}x, more than the load factor ${factor} allows: the app starts slower than it did, or the machine is busier than the factor was measured for`,
  );
}

export const healthGoal: ContractModule = {
  kind: 'contract',
  id: 'health-goal',
  // The goals gate's fixture (test/fixtures/goals/), run by test/contract/goals-fail.test.ts.
  fixtures: ['goal-missed'],
  checks: (entry) => {
    const goal = entry.limits.healthyWithinMs?.goal;
    if (!entry.service || goal === undefined) return [];
    return [
      {
        id: 'health-goal',
        title: `median start-to-healthy of ${healthGoalStarts} fresh starts within its goal (${formatMs(goal)}) x the load factor (${healthGoalLoadFactor})`,
        evaluate: (f) => checkHealthGoal(goal, f.starts),
      },
    ];
  },
};
