import { describe, expect, it } from 'vitest';
import { entries, selectApps } from '../../src/catalogue/index.ts';
import { readdirSync } from 'node:fs';
import { budgetProblems, budgetsOf, CatalogueError, problemsOf, validateCatalogue } from '../../src/catalogue/load.ts';
import { contractChecks } from '../../src/contract/checks.ts';
import { fromRepo } from '../../src/paths.ts';
import { targetClaims } from '../../src/suite.ts';
import { claimScenarios, contractScenarios, good } from '../fixtures/docker/scenarios.ts';
import type { AppEntry } from '../../src/catalogue/types.ts';
import nodeApi from '../../src/catalogue/apps/node-api.ts';
import selftest from '../../src/catalogue/apps/selftest.ts';

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
    expect(problemsOf(broken).join('\n')).toMatch(/productionTarget 'prod' is not a stage of dockerfiles\/selftest\/multi.Dockerfile \(stages: build, test, development, production\)/);
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
    expect(problemsOf(entry)).toEqual(['poor: poorCacheOrder needs a cache claim: its edit is the one applied', 'poor: poorCacheOrder.dockerfile dockerfiles/node-api/nope.Dockerfile does not exist']);
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

describe('choosing apps (pnpm verify --app)', () => {
  it('gives the apps named, in catalogue order, and every app when none is named', () => {
    expect(selectApps(['go-api', 'node-api']).map((e) => e.name)).toEqual(['node-api', 'go-api']);
    expect(selectApps([]).length).toBeGreaterThan(0);
  });

  it('refuses a name the catalogue does not have, listing those it has', () => {
    expect(() => selectApps(['nope'])).toThrow(/^--app nope: not in the catalogue \(it has selftest, node-api, /);
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
        minReductionPercent: { limit: 40, measured: 50, loosened: { from: 30, why: 'the fixture grew a second page of a few hundred bytes' } },
      },
    };
    expect(budgetProblems(broken)).toEqual([
      'limits.uncompressedBytes: the measured 2100000 does not meet its own limit 2000000',
      'limits.compressedBytes: loosened from 1200000 without a reason (loosened.why)',
      'limits.healthyWithinMs: the goal 1500 is looser than the limit 1000',
      'limits.minReductionPercent: loosened from 30, which is not tighter than 40',
    ]);
  });
});

describe('the fixtures that break each check', () => {
  it('are valid catalogue entries, one scenario per folder', () => {
    const all = [good, ...contractScenarios.map((s) => s.entry), ...claimScenarios.map((s) => s.entry)];
    expect(() => validateCatalogue(all)).not.toThrow();
    const folders = new Set(readdirSync(fromRepo('harness/test/fixtures/docker'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name));
    expect(new Set(all.map((e) => e.context.split('/').at(-1)))).toEqual(folders);
  });

  it('break every contract check and every claim', () => {
    const broken = new Set([...contractScenarios, ...claimScenarios].map((s) => s.breaks));
    const checks = new Set([...contractChecks(good).map((c) => c.id), 'runs-0']);
    expect([...checks].filter((id) => !broken.has(id))).toEqual([]);
    expect(targetClaims(good).map((c) => c.id).filter((id) => !broken.has(id))).toEqual([]);
  });
});
