// The registry of checks holds what adding a check relies on: every module in src/checks/ is
// listed, ids are unique, every module names fixtures that exist (each its own file,
// test/fixtures/docker/<name>.ts) and break it, every fixture is named by the module it breaks,
// and every check or claim an entry turns on comes from a module.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import { idOfKind, type CheckModule } from '../../src/checks/check.ts';
import { checkModules, contractChecks, contractModules, targetClaims } from '../../src/checks/registry.ts';
import { fromRepo } from '../../src/paths.ts';
import { good } from '../fixtures/docker/good.ts';
import { loadScenarios, scenarioName } from '../fixtures/docker/scenario.ts';
import { goalScenarios } from '../fixtures/goals/entries.ts';

/** Files of src/checks/ that hold no check: the module shape, the blame helpers, the list. */
const notChecks = new Set(['check.ts', 'layers.ts', 'registry.ts']);

function isModule(value: unknown): value is CheckModule {
  return typeof value === 'object' && value !== null && 'kind' in value && 'fixtures' in value && (value.kind === 'contract' || value.kind === 'claim');
}

const scenarios = await loadScenarios();
const fixtures = [...scenarios.map((s) => ({ name: scenarioName(s), breaks: s.breaks })), ...goalScenarios.map((g) => ({ name: g.name, breaks: g.breaks }))];

describe('the registry of checks', () => {
  it('lists every check module of src/checks/, each once, ids unique', async () => {
    const dir = fromRepo('harness/src/checks');
    const files = readdirSync(dir, { withFileTypes: true })
      .filter((d) => !notChecks.has(d.name))
      .map((d) => (d.isDirectory() ? `${d.name}/index.ts` : d.name));
    const found: CheckModule[] = [];
    for (const file of files) {
      const exported = Object.values((await import(`${dir}/${file}`)) as Record<string, unknown>).filter(isModule);
      expect(exported.length, `${file} exports no check module`).toBeGreaterThan(0);
      found.push(...exported);
    }
    // By id, so a module missing from the registry is named.
    expect(found.map((m) => m.id).sort()).toEqual(checkModules.map((m) => m.id).sort());
    expect(new Set(found)).toEqual(new Set(checkModules));
    const ids = checkModules.map((m) => m.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('has each module name fixtures that exist and break it', () => {
    for (const m of checkModules) {
      expect(m.fixtures.length, `${m.id} names no failing fixture`).toBeGreaterThan(0);
      for (const name of m.fixtures) {
        const fixture = fixtures.find((f) => f.name === name);
        expect(fixture, `${m.id} names ${name}, which no fixture is`).toBeDefined();
        expect(idOfKind(fixture!.breaks, m.id), `${name} breaks ${fixture!.breaks}, not ${m.id}`).toBe(true);
      }
    }
  });

  it('has every fixture named by the module it breaks', () => {
    const named = new Set(checkModules.flatMap((m) => m.fixtures));
    expect(fixtures.map((f) => f.name).filter((name) => !named.has(name))).toEqual([]);
  });

  it('makes every check and claim any catalogue entry turns on from a module of that id', () => {
    // Taken from the whole catalogue and the fixtures, not from the good fixture alone: a check
    // that only an app turns on (react-spa's served answers, java-api's alternative build) counts.
    const all = [...entries, good, ...scenarios.map((s) => s.entry), ...goalScenarios.map((g) => g.entry)];
    for (const m of contractModules) for (const entry of all) for (const c of m.checks(entry)) expect(idOfKind(c.id, m.id), `${c.id} from ${m.id}`).toBe(true);
    const ids = all.flatMap((e) => [...contractChecks(e, {}), ...targetClaims(e)].map((c) => c.id));
    expect(ids.filter((id) => !checkModules.some((m) => idOfKind(id, m.id)))).toEqual([]);
    // Every module is turned on by some entry or fixture: none is dead.
    expect(checkModules.filter((m) => !ids.some((id) => idOfKind(id, m.id))).map((m) => m.id)).toEqual([]);
  });

  it('keeps the report order of the contract: size first, the served answers after the service checks', () => {
    const ids = contractChecks(good, {}).map((c) => c.id);
    expect(ids.slice(0, 4)).toEqual(['size', 'reduction', 'allow-list', 'nothing-of-the-build']);
    expect(ids.indexOf('http-0')).toBeGreaterThan(ids.indexOf('hardening'));
  });
});
