// The goals gate of `pnpm test` on hand-made timings: a median start-to-healthy over the app's
// goal times the load factor fails, and so does a one-line rebuild over its share of a cold
// build; each message names the median, the goal (or budget) and the factor. (On real images:
// test/contract/goals-fail.test.ts.)
import { describe, expect, it } from 'vitest';
import goApi from '../../src/catalogue/apps/go-api.ts';
import { checkHealthGoal } from '../../src/checks/health-goal.ts';
import { checkRebuildBudget } from '../../src/checks/rebuild-budget.ts';
import { contractChecks } from '../../src/checks/registry.ts';
import { describeFailure } from '../../src/verdict.ts';
import type { CacheFacts } from '../../src/contract/app-facts.ts';
import { healthGoalLoadFactor } from '../../src/limits.ts';
import { entries } from '../../src/catalogue/index.ts';
import { targetClaims } from '../../src/suite.ts';

describe('the health goal gate', () => {
  it('passes a median within the goal times the load factor, however slow one start was', () => {
    const ok = checkHealthGoal(250, { healthyMs: [180, 2_900, 240], loadAverage: 3 }, 4);
    expect(ok.ok).toBe(true);
    expect(ok.found).toBe('median 240 ms of 180 ms, 2.90 s, 240 ms (goal 250 ms, load factor 4, load average 3)');
  });

  it('fails a median over the goal times the load factor, naming the median, the goal and the factor', () => {
    const missed = checkHealthGoal(250, { healthyMs: [1_100, 990, 1_020], loadAverage: 17.5 }, 4);
    expect(missed.ok).toBe(false);
    expect(describeFailure('go-api', { id: 'health-goal', title: 'median start-to-healthy', ...missed })).toBe(
      [
        'go-api: median start-to-healthy',
        '  expected: median start-to-healthy of 3+ fresh starts within its goal 250 ms x load factor 4 = 1.00 s',
        '  found:    median 1.02 s of 1.10 s, 990 ms, 1.02 s (goal 250 ms, load factor 4, load average 17.5)',
        '  why:      the median start missed its goal 250 ms by 4.1x, more than the load factor 4 allows: the app starts slower than it did, or the machine is busier than the factor was measured for',
      ].join('\n'),
    );
  });

  it('decides nothing on fewer than three starts, or none', () => {
    expect(checkHealthGoal(250, { healthyMs: [100, 110] }).found).toBe('no median: only 2 start(s) measured');
    const failed = checkHealthGoal(250, { healthyMs: [100], error: 'not healthy within 31000 ms (status: starting)\nhealth check (exit 1)' });
    expect(failed.ok).toBe(false);
    expect(failed.found).toBe('no median: not healthy within 31000 ms (status: starting)');
    expect(checkHealthGoal(250, undefined).found).toBe('no median: the starts were not measured');
  });

  it("is a check of every app with a goal, with the catalogue's load factor", () => {
    expect(healthGoalLoadFactor).toBe(4);
    const withGoals = entries.filter((e) => contractChecks(e, {}).some((c) => c.id === 'health-goal')).map((e) => e.name);
    expect(withGoals.sort()).toEqual(
      entries
        .filter((e) => e.service)
        .map((e) => e.name)
        .sort(),
    );
    expect(contractChecks(goApi, {}).find((c) => c.id === 'health-goal')!.title).toBe(
      'median start-to-healthy of 3 fresh starts within its goal (250 ms) x the load factor (4)',
    );
  });
});

describe('the rebuild budget gate', () => {
  const timed = (rebuildsMs: number[], coldMs?: number): CacheFacts => ({
    steps: [
      { name: '[build 4/5] COPY . .', cached: false },
      { name: '[build 5/5] RUN go build -trimpath', cached: false },
    ],
    rebuildMs: rebuildsMs[0] ?? 0,
    rebuildsMs,
    ...(coldMs !== undefined ? { coldMs } : {}),
  });

  it('passes a median rebuild within its share of the cold build', () => {
    const ok = checkRebuildBudget(goApi, timed([700, 5_000, 690], 14_500));
    expect(ok.ok).toBe(true);
    expect(ok.found).toBe('4.8%: median 700 ms of 700 ms, 5.00 s, 690 ms against a cold 14.5 s (budget 15%)');
  });

  it('fails a median rebuild over its budget, naming the median, the cold build and the budget', () => {
    const over = checkRebuildBudget(goApi, timed([3_100, 2_900, 3_000], 14_500));
    expect(over.ok).toBe(false);
    expect(over.expected).toBe('the median of 3 one-line rebuilds (after editing main.go) within 15% of a cold build');
    expect(over.found).toBe('20.7%: median 3.00 s of 3.10 s, 2.90 s, 3.00 s against a cold 14.5 s (budget 15%)');
    expect(over.blame).toBe('steps that ran again:\n[build 4/5] COPY . .\n[build 5/5] RUN go build -trimpath');
  });

  it('fails a rebuild that was not timed against a cold build', () => {
    expect(checkRebuildBudget(goApi, timed([700, 690, 710])).found).toBe('not timed: 3 rebuild(s), no cold build');
    expect(checkRebuildBudget(goApi, { steps: [], rebuildMs: 500 }).ok).toBe(false);
  });

  it('is a claim of every app with a cache claim', () => {
    for (const entry of entries.filter((e) => e.cache)) expect(targetClaims(entry).map((c) => c.id)).toContain('rebuild-budget');
  });
});
