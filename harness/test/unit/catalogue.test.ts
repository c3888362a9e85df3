import { describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import { CatalogueError, problemsOf, validateCatalogue } from '../../src/catalogue/load.ts';
import type { AppEntry } from '../../src/catalogue/types.ts';
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
});
