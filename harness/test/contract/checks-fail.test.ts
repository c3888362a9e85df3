// Every check and claim can fail: each module of the registry (src/checks/registry.ts) names the
// fixtures built to break it (test/fixtures/docker/<scenario>.ts and its folder), and each is run,
// with the same measure and check code as the apps, and must fail with the message a user would
// read. The good fixture they are all made from passes everything, so a scenario fails for its own
// reason and no other. Every image is built under this run's tags, so runs at once keep apart.
// (The goals gate's fixtures, test/fixtures/goals/, run in goals-fail.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { claimModules, contractModules, evaluateContract } from '../../src/checks/registry.ts';
import type { CheckModule } from '../../src/checks/check.ts';
import { describeFailure, type CheckResult } from '../../src/verdict.ts';
import type { AppFacts } from '../../src/contract/app-facts.ts';
import type { AppEntry } from '../../src/catalogue/types.ts';
import { measureApp } from '../../src/measure/app.ts';
import { targetClaims } from '../../src/suite.ts';
import { good, onGoodImages, type GoodImages } from '../fixtures/docker/good.ts';
import { loadScenarios, type Scenario } from '../fixtures/docker/scenario.ts';
import { goalScenarios } from '../fixtures/goals/entries.ts';

/** The scenarios that break the modules' checks, in registry order; the goals gate's run elsewhere. */
async function scenariosOf(modules: CheckModule[]): Promise<Scenario[]> {
  const goals = new Set(goalScenarios.map((g) => g.name));
  return loadScenarios(modules.flatMap((m) => m.fixtures.filter((name) => !goals.has(name))));
}

function expectSays(scenario: Scenario, check: CheckResult): void {
  const message = describeFailure(scenario.entry.name, check);
  // Shown in the test output: this is what a user reads when the check fails.
  process.stdout.write(`\n${message}\n`);
  for (const part of scenario.says) {
    if (part instanceof RegExp) expect(message).toMatch(part);
    else expect(message).toContain(part);
  }
}

const contractScenarios = await scenariosOf(contractModules);
const claimScenarios = await scenariosOf(claimModules);

let goodFacts: AppFacts | undefined;
let goodImages: GoodImages | undefined;
/** An entry built on the good fixture's images of this run (the scenarios' Dockerfiles build FROM them). */
const onGood = (entry: AppEntry): AppEntry => onGoodImages(entry, goodImages!);

beforeAll(async () => {
  // The scenarios are built FROM the good fixture's images, under this run's tags (or FROM scratch, for a stage of their own).
  goodFacts = await measureApp(good, { temporary: true });
  goodImages = { multi: goodFacts.multi.tag, single: goodFacts.single.tag };
});

describe('the good fixture', () => {
  it('passes every contract check', () => {
    const failed = evaluateContract(good, goodFacts!, {}).filter((c) => !c.ok);
    expect(failed.map((c) => describeFailure(good.name, c))).toEqual([]);
  });

  // Its claims listed now, made once its images are built (the poor-order claim builds on them).
  for (const { id, title } of targetClaims(good)) {
    it(`passes: ${title}`, async () => {
      const claim = targetClaims(onGood(good)).find((c) => c.id === id)!;
      const verdict = await claim.verify();
      if (!verdict.ok) expect.fail(describeFailure(good.name, { id, title, ...verdict }));
    });
  }
});

describe('every contract check fails on a fixture built to break it', () => {
  for (const scenario of contractScenarios) {
    it(`${scenario.breaks}: ${scenario.entry.name}`, async () => {
      const facts = await measureApp(onGood(scenario.entry), { temporary: true });
      const failed = evaluateContract(scenario.entry, facts, {}).filter((c) => !c.ok);
      const check = failed.find((c) => c.id === scenario.breaks);
      if (!check)
        expect.fail(
          `${scenario.breaks} passed on ${scenario.entry.name}; failed instead: ${failed.map((c) => describeFailure(scenario.entry.name, c)).join('\n') || 'nothing'}`,
        );
      expectSays(scenario, check);
      // It breaks what it is built to break, and nothing else: the other failures, in full, if not.
      const others = failed.filter((c) => c.id !== scenario.breaks && !(scenario.alsoBreaks ?? []).includes(c.id));
      expect(others.map((c) => describeFailure(scenario.entry.name, c))).toEqual([]);
      expect(failed.map((c) => c.id).sort()).toEqual([scenario.breaks, ...(scenario.alsoBreaks ?? [])].sort());
    });
  }
});

describe('every claim fails on a fixture built to break it', () => {
  for (const scenario of claimScenarios) {
    it(`${scenario.breaks}: ${scenario.entry.name}`, async () => {
      const claim = targetClaims(onGood(scenario.entry)).find((c) => c.id === scenario.breaks);
      if (!claim) throw new Error(`${scenario.entry.name} has no ${scenario.breaks} claim`);
      const verdict = await claim.verify();
      expect(verdict.ok).toBe(false);
      expectSays(scenario, { id: claim.id, title: claim.title, ...verdict });
    });
  }
});
