// The goals gate on real images: the median start-to-healthy of fresh starts is held to the
// goal times the load factor, and the median one-line rebuild to its share of a cold build.
// Each passes on a fixture that meets it and fails, with the message a user reads, on one built
// to miss it (harness/test/fixtures/goals/).
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppEntry } from '../../src/catalogue/types.ts';
import { checkHealthGoal } from '../../src/checks/health-goal.ts';
import { checkRebuildBudget } from '../../src/checks/rebuild-budget.ts';
import { describeFailure } from '../../src/verdict.ts';
import { healthGoalLoadFactor, healthGoalStarts } from '../../src/limits.ts';
import { buildAndInspect, buildApp, temporaryTag } from '../../src/measure/images.ts';
import { measureStarts } from '../../src/measure/runs.ts';
import { measureCache } from '../../src/measure/targets.ts';
import { good, onGoodImages, type GoodImages } from '../fixtures/docker/good.ts';
import { fixtureGoal as goal, goalMet, goalMissed, rebuildOverBudget, rebuildWithinBudget } from '../fixtures/goals/entries.ts';

function say(entry: AppEntry, id: string, verdict: ReturnType<typeof checkHealthGoal>): string {
  const message = describeFailure(entry.name, { id, title: id, ...verdict });
  // Shown in the test output: what a user reads.
  process.stdout.write(`\n${message}\n`);
  return message;
}

let goodImages: GoodImages | undefined;

beforeAll(async () => {
  // goal-missed is built FROM the good fixture's image, under this run's tag.
  goodImages = { multi: (await buildAndInspect(good, 'multi', { temporary: true })).tag };
});

describe('the health goal', () => {
  it('passes the good fixture, healthy within its first 100 ms probe', async () => {
    const app = goalMet;
    const built = await buildApp(app, { variant: 'multi', target: 'production', temporaryTag: temporaryTag(app, 'goal') });
    const verdict = checkHealthGoal(goal, await measureStarts(app, built.tag, healthGoalStarts));
    if (!verdict.ok) expect.fail(say(app, 'health-goal', verdict));
    process.stdout.write(`\n${app.name}: ${verdict.found}\n`);
  });

  it('fails a fixture whose every start is healthy 2 s in: within its limit, over its goal times the load factor', async () => {
    const app = onGoodImages(goalMissed, goodImages!);
    const built = await buildApp(app, { variant: 'multi', temporaryTag: temporaryTag(app, 'goal') });
    const starts = await measureStarts(app, built.tag, healthGoalStarts);
    expect(starts.error).toBeUndefined();
    const verdict = checkHealthGoal(goal, starts);
    expect(verdict.ok).toBe(false);
    const message = say(app, 'health-goal', verdict);
    expect(message).toContain(`within its goal 250 ms x load factor ${healthGoalLoadFactor} = 1.00 s`);
    expect(message).toMatch(/found: {4}median [2-9]\.\d\d s of .* \(goal 250 ms, load factor 4, load average [\d.]+\)/);
  });
});

describe('the rebuild budget', () => {
  it('passes when the edit comes after the slow step: the rebuild is a fraction of the cold build', async () => {
    const app = rebuildWithinBudget;
    const verdict = checkRebuildBudget(app, await measureCache(app));
    if (!verdict.ok) expect.fail(say(app, 'rebuild-budget', verdict));
    process.stdout.write(`\n${app.name}: ${verdict.found}\n`);
  });

  it('fails when the edit comes before the slow step: the rebuild runs it again', async () => {
    const app = rebuildOverBudget;
    const verdict = checkRebuildBudget(app, await measureCache(app));
    expect(verdict.ok).toBe(false);
    const message = say(app, 'rebuild-budget', verdict);
    expect(message).toContain('expected: the median of 3 one-line rebuilds (after editing deps.txt) within 50% of a cold build');
    expect(message).toMatch(/found: {4}\d+\.\d%: median \d\.\d\d s of .* against a cold \d\.\d\d s \(budget 50%\)/);
    expect(message).toContain('sleep 3');
  });
});
