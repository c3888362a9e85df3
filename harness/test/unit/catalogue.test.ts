import { describe, expect, it } from 'vitest';
import { entries, selectApps } from '../../src/catalogue/index.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { budgetProblems, budgetsOf, CatalogueError, problemsOf, validateCatalogue } from '../../src/catalogue/load.ts';
import { forkRefusals } from '../../src/fork/plan.ts';
import { fromRepo } from '../../src/paths.ts';
import { good, root } from '../fixtures/docker/good.ts';
import { loadScenarios, scenarioFileNames, scenarioName } from '../fixtures/docker/scenario.ts';
import type { AppEntry } from '../../src/catalogue/types.ts';
import nodeApi from '../../src/catalogue/apps/node-api.ts';
import selftest from '../../src/catalogue/apps/selftest.ts';
import javaApi from '../../src/catalogue/apps/java-api.ts';
import { baselineProblems, committedBaseline, ratchetBaseline } from '../../src/catalogue/budgets.ts';
import { committedFigures, measuredFigure } from '../../src/catalogue/measured.ts';

describe('the catalogue', () => {
  it('loads: every entry names files that exist and targets that are stages', () => {
    expect(() => validateCatalogue(entries)).not.toThrow();
    expect(entries.map((e) => e.name)).toContain('selftest');
  });

  it('refuses an entry naming a Dockerfile that does not exist, naming both', () => {
    const broken: AppEntry = { ...selftest, name: 'broken', dockerfiles: { ...selftest.dockerfiles, multi: 'dockerfiles/nope/multi.Dockerfile' } };
    expect(() => validateCatalogue([broken])).toThrow(CatalogueError);
    expect(problemsOf(broken)).toContain('broken: dockerfiles.multi dockerfiles/nope/multi.Dockerfile does not exist');
  });

  it('refuses a target that is not a stage of the multi-stage Dockerfile', () => {
    const broken: AppEntry = { ...selftest, name: 'broken', productionTarget: 'prod' };
    expect(problemsOf(broken).join('\n')).toMatch(
      /productionTarget 'prod' is not a stage of dockerfiles\/selftest\/multi.Dockerfile \(stages: build, test, development, production\)/,
    );
  });

  it('refuses a missing context, host file, edited file and an edit that cannot apply', () => {
    const broken: AppEntry = {
      ...selftest,
      name: 'broken',
      context: 'apps/nope',
      hostFiles: { 'bin/x': '/no/such/file' },
    };
    const problems = problemsOf(broken).join('\n');
    expect(problems).toMatch(/context apps\/nope does not exist/);
    expect(problems).toMatch(/hostFiles bin\/x comes from \/no\/such\/file/);
    expect(problems).toMatch(/development.edit.file src\/index.html does not exist in apps\/nope/);
  });

  it("refuses the tutorial's counter-example without a cache claim to take its edit from, or without its Dockerfile", () => {
    const { cache: _cache, ...noCache } = nodeApi;
    const entry: AppEntry = { ...noCache, name: 'poor', poorCacheOrder: { dockerfile: 'dockerfiles/node-api/nope.Dockerfile', dependencySteps: ['install'] } };
    expect(problemsOf(entry)).toEqual([
      'poor: poorCacheOrder needs a cache claim: its edit is the one applied',
      'poor: poorCacheOrder.dockerfile dockerfiles/node-api/nope.Dockerfile does not exist',
    ]);
  });

  it('refuses the same name twice', () => {
    expect(() => validateCatalogue([selftest, selftest])).toThrow(/selftest: the name is used twice/);
  });

  it('refuses bench stages that are not stages, and a build-arg claim with one value twice', () => {
    const broken: AppEntry = {
      ...selftest,
      name: 'broken',
      bench: { concurrentStages: ['frontend-build'] },
      buildArg: { arg: 'API_URL', values: ['https://a.test', 'https://a.test'], allowedIn: ['/www/**'], browserPath: '/', stubJson: {}, expectText: 'x' },
    };
    const problems = problemsOf(broken).join('\n');
    expect(problems).toMatch(/bench.concurrentStages 'frontend-build' is not a stage of dockerfiles\/selftest\/multi.Dockerfile/);
    expect(problems).toMatch(/buildArg API_URL needs two different values/);
  });

  it('refuses an entry that could not show its uid: no service and no idleCommand', () => {
    const tool: AppEntry = { ...selftest, name: 'tool', service: undefined, runs: [{ command: ['x'], expectOutput: 'x' }] };
    expect(problemsOf(tool)).toContain('tool: has no service and no idleCommand: nothing would run to show its uid');
  });
});

describe('forkable apps', () => {
  it('every entry says whether pnpm fork makes a repository of it, as pnpm fork decides', () => {
    for (const entry of entries) {
      expect(entry.forkable, `${entry.name}: forkable`).toBeTypeOf('boolean');
      const refusals = forkRefusals(entry, entries);
      expect(entry.forkable ? refusals : refusals.length > 0, entry.name).toEqual(entry.forkable ? [] : true);
    }
    // The exceptions, so an added app (forkable as the one it was started from) edits no list here.
    expect(entries.filter((e) => !e.forkable).map((e) => e.name)).toEqual(['fullstack', 'toolbox']);
  });
});

describe('choosing apps (pnpm verify --app)', () => {
  it("gives the apps named, in catalogue order (their entry files' names), and every app when none is named", () => {
    expect(selectApps(['node-api', 'go-api']).map((e) => e.name)).toEqual(['go-api', 'node-api']);
    expect(selectApps([]).length).toBeGreaterThan(0);
  });

  it('refuses a name the catalogue does not have, listing those it has', () => {
    expect(() => selectApps(['nope'])).toThrow(/^--app nope: not in the catalogue; name one of fullstack, go-api, /);
  });
});

describe('the budgets', () => {
  it('every budget of every entry carries the figure it was set from, and holds for it', () => {
    for (const entry of entries) {
      expect(budgetsOf(entry).length, entry.name).toBeGreaterThanOrEqual(2);
      expect(budgetProblems(entry), entry.name).toEqual([]);
    }
  });

  it('refuses a budget its own measurement breaks, a goal looser than its limit, and a loosening without a reason', () => {
    const broken: AppEntry = {
      ...selftest,
      name: 'broken',
      limits: {
        ...selftest.limits,
        uncompressedBytes: { limit: 2_000_000, measured: 2_100_000 },
        healthyWithinMs: { limit: 1_000, measured: 155, goal: 1_500 },
        compressedBytes: { limit: 1_300_000, measured: 1_070_000, loosened: { from: 1_200_000, why: 'more' } },
        stopWithinMs: {
          limit: 3_000,
          measured: 150,
          loosened: { from: 2_000, why: 'the machine was busy with other builds at the time, so the stop took longer than it should' },
        },
        minReductionPercent: {
          limit: 40,
          measured: 50,
          loosened: { from: 30, why: 'the fixture grew a second page of 700 bytes, so the multi-stage image shrank by less than before' },
        },
      },
      cache: { ...selftest.cache!, maxRebuildRatio: { ...selftest.cache!.maxRebuildRatio, measured: 0.95 } },
    };
    expect(budgetProblems(broken, {})).toEqual([
      'limits.uncompressedBytes: the measured 2100000 does not meet its own limit 2000000',
      'limits.compressedBytes: loosened from 1200000, but its reason (loosened.why) is too short to be a reason: say what was measured, where, and why the old limit cannot hold',
      'limits.healthyWithinMs: the goal 1500 is looser than the limit 1000',
      'limits.stopWithinMs: loosened from 2000, but its reason (loosened.why) names no figure: say what was measured (the numbers that broke the old limit)',
      'limits.minReductionPercent: loosened from 30, which is not tighter than 40',
    ]);
  });
});

describe('the measured figures', () => {
  it('are read from figures/*.json: the bench for start, stop and rebuild, the size table for sizes and the reduction, the variants for alternatives', () => {
    const figures = committedFigures();
    const bench = figures.bench!.apps.find((a) => a.app === 'java-api')!;
    const sizes = figures.sizes!.apps.find((a) => a.app === 'java-api')!;
    expect(measuredFigure(javaApi, 'limits.healthyWithinMs')?.value).toBe(bench.run!.healthyMs);
    expect(measuredFigure(javaApi, 'limits.stopWithinMs')?.value).toBe(bench.run!.stopMs);
    expect(measuredFigure(javaApi, 'limits.uncompressedBytes')).toEqual({
      value: sizes.multiBytes,
      source: expect.stringMatching(/^figures\/sizes\.json \(\d+ \w+ 20\d\d/),
    });
    expect(measuredFigure(javaApi, 'limits.compressedBytes')?.value).toBe(sizes.multiCompressedBytes);
    expect(measuredFigure(javaApi, 'alternative no-aot-cache limits.healthyWithinMs')?.value).toBe(
      bench.variants!.find((v) => v.title.startsWith('without'))!.run!.healthyMs,
    );
    expect(measuredFigure(javaApi, 'development.reloadWithinMs')).toBeUndefined();
  });

  it('are never typed in the catalogue where figures/*.json has them', () => {
    const typed: AppEntry = { ...selftest, limits: { ...selftest.limits, healthyWithinMs: { limit: 1_000, measured: 100, goal: 250 } } };
    expect(budgetProblems(typed)).toEqual([
      expect.stringMatching(/^limits\.healthyWithinMs: measured is typed \(100\) but figures\/bench\.json \(.*\) has it \(\d+\): drop the typed figure$/),
    ]);
  });

  it('over their limit fail the unit test, not the loading of the catalogue (a bench on a busy machine must not stop every command)', () => {
    const figures = committedFigures();
    const slower = {
      ...figures,
      bench: { ...figures.bench!, apps: figures.bench!.apps.map((a) => (a.app === 'selftest' ? { ...a, run: { ...a.run!, healthyMs: 5_000 } } : a)) },
    };
    expect(budgetProblems(selftest, slower)).toEqual([
      expect.stringMatching(/^limits\.healthyWithinMs: the measured 5000 \(figures\/bench\.json .*\) does not meet its own limit 1000$/),
    ]);
    expect(budgetProblems(selftest, null)).toEqual([]);
  });

  it('must come from somewhere: a budget figures/*.json does not cover needs a typed one', () => {
    const { measured: _measured, ...reload } = selftest.development!.reloadWithinMs;
    const untyped: AppEntry = { ...selftest, development: { ...selftest.development!, reloadWithinMs: reload } };
    expect(budgetProblems(untyped)).toEqual([
      'development.reloadWithinMs: no measured figure (figures/*.json has none for it, so the entry must say what the limit was set from)',
    ]);
  });
});

describe('the budget baseline', () => {
  it('holds every limit of the catalogue, alternatives included: at it, tighter, or loosened from it with a reason', () => {
    expect(baselineProblems(entries)).toEqual([]);
    const baseline = committedBaseline();
    expect(Object.keys(baseline['java-api']!)).toContain('alternative no-aot-cache limits.healthyWithinMs');
    // Every loosened limit is looser than its baseline and counts from it.
    const loosened = entries.flatMap((e) =>
      budgetsOf(e)
        .filter((b) => b.budget.loosened)
        .map((b) => ({ app: e.name, ...b })),
    );
    // Nine today (python-api's compressed size was tightened back when its image shrank): fewer
    // means a record was dropped or tightened, and this floor follows it down in the same commit.
    expect(loosened.length).toBeGreaterThanOrEqual(9);
    for (const { app, name, budget } of loosened) expect(budget.loosened!.from, `${app} ${name}`).toBe(baseline[app]![name]);
  });

  it('fails a limit looser than its baseline that does not say why, or counts from another value', () => {
    const baseline = { selftest: Object.fromEntries(budgetsOf(selftest).map((b) => [b.name, b.budget.loosened?.from ?? b.budget.limit])) };
    const raised: AppEntry = { ...selftest, limits: { ...selftest.limits, healthyWithinMs: { limit: 2_000, goal: 250 } } };
    expect(baselineProblems([raised], baseline)).toEqual([
      'selftest limits.healthyWithinMs: 2000 is looser than its baseline 1000, with no loosened record saying from what and why',
    ]);
    const fromElsewhere: AppEntry = {
      ...selftest,
      limits: { ...selftest.limits, healthyWithinMs: { limit: 2_000, goal: 250, loosened: { from: 1_500, why: 'x' } } },
    };
    expect(baselineProblems([fromElsewhere], baseline)).toEqual([
      'selftest limits.healthyWithinMs: loosened.from is 1500, but its baseline is 1000: a loosening counts from the tightest limit it had',
    ]);
    // An alternative's budget is held the same way.
    const withAlternative: AppEntry = {
      ...selftest,
      alternatives: [
        { name: 'big', title: 'bigger', limits: { uncompressedBytes: { limit: 9_000_000, measured: 1 }, healthyWithinMs: { limit: 1_000, measured: 1 } } },
      ],
    };
    const alternativeBaseline = {
      selftest: { ...baseline.selftest, 'alternative big limits.uncompressedBytes': 3_000_000, 'alternative big limits.healthyWithinMs': 1_000 },
    };
    expect(baselineProblems([withAlternative], alternativeBaseline)).toEqual([
      'selftest alternative big limits.uncompressedBytes: 9000000 is looser than its baseline 3000000, with no loosened record saying from what and why',
    ]);
  });

  it('names a budget it lacks, one it has that the catalogue lost, and a tightened limit the baseline must follow', () => {
    const baseline = {
      selftest: { ...Object.fromEntries(budgetsOf(selftest).map((b) => [b.name, b.budget.loosened?.from ?? b.budget.limit])), 'limits.gone': 1 },
    };
    delete (baseline.selftest as Record<string, number>)['limits.stopWithinMs'];
    const tightened: AppEntry = { ...selftest, limits: { ...selftest.limits, healthyWithinMs: { limit: 800, goal: 250 } } };
    expect(baselineProblems([tightened], baseline)).toEqual([
      'selftest limits.healthyWithinMs: 800 is tighter than its baseline 1000: node harness/src/tasks/budget-baseline.ts moves the baseline down to it',
      'selftest limits.stopWithinMs: not in harness/src/catalogue/budget-baseline.json (node harness/src/tasks/budget-baseline.ts adds it at 2000)',
      'selftest limits.gone: in harness/src/catalogue/budget-baseline.json but not in the catalogue (removed on purpose? then remove it from the baseline)',
    ]);
  });

  it('only ever tightens when written again', () => {
    const loose: AppEntry = { ...selftest, limits: { ...selftest.limits, healthyWithinMs: { limit: 5_000, goal: 250 }, minReductionPercent: { limit: 30 } } };
    const next = ratchetBaseline([loose], { selftest: { 'limits.healthyWithinMs': 1_000, 'limits.minReductionPercent': 45 } });
    expect(next.selftest).toMatchObject({ 'limits.healthyWithinMs': 1_000, 'limits.minReductionPercent': 45, 'limits.stopWithinMs': 2_000 });
  });
});

describe('the fixtures that break each check', () => {
  it('are valid catalogue entries, each folder with its file (<name>.ts) and each file building its folder or the good one', async () => {
    const scenarios = await loadScenarios();
    expect(() => validateCatalogue([good, ...scenarios.map((s) => s.entry)])).not.toThrow();
    const folders = readdirSync(fromRepo(root), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'good')
      .map((d) => d.name);
    expect(folders.filter((folder) => !scenarioFileNames().includes(folder))).toEqual([]);
    for (const s of scenarios) expect([`${root}/${scenarioName(s)}`, `${root}/good`]).toContain(s.entry.context);
  });

  it("build on the good fixture's images by build arg, never by a fixed tag: runs at once would build over each other's", () => {
    const dockerfiles = ['harness/test/fixtures/docker', 'harness/test/fixtures/goals'].flatMap((dir) =>
      readdirSync(fromRepo(dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('Dockerfile'))
        .map((file) => `${dir}/${file}`),
    );
    expect(dockerfiles.length).toBeGreaterThan(30);
    const fixed = dockerfiles.filter((file) => /^FROM\s+lab\//im.test(readFileSync(fromRepo(file), 'utf8')));
    expect(fixed).toEqual([]);
  });
});
