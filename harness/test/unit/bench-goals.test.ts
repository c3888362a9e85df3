// `pnpm bench` fails on a one-line rebuild over its budget and on a start-to-healthy median over
// the app's goal (after writing its figures): each miss is named, with its numbers.
import { describe, expect, it } from 'vitest';
import { benchMisses, catalogueGoal } from '../../src/measure/bench-goals.ts';
import type { AppBench } from '../../src/measure/bench.ts';

const bench = (app: string, healthyMs: number, rebuildRatio: number): AppBench => ({
  app,
  samples: [{ id: 'run:healthy', what: '', runs: [], median: healthyMs }],
  rebuildRatio,
  maxRebuildRatio: 0.15,
  sizes: { single: 0, multi: 0, multiCompressed: 0 },
});
const goals = (app: string) => (app === 'go-api' ? 250 : undefined);

describe('benchMisses', () => {
  it('passes medians within their goal and budget, and apps without a goal', () => {
    expect(benchMisses([bench('go-api', 143, 0.048), bench('react-spa', 2_000, 0.12)], goals)).toEqual([]);
  });

  it('names a start-to-healthy median over its goal and a rebuild over its budget', () => {
    expect(benchMisses([bench('go-api', 640, 0.2)], goals)).toEqual([
      'go-api: the one-line rebuild took 20.0% of the cold build (budget 15%)',
      'go-api: healthy 640 ms after start, median (goal 250 ms; on a busy machine every start is slower)',
    ]);
  });

  it('reads the goals from the catalogue', () => {
    expect(catalogueGoal('go-api')).toBe(250);
    expect(catalogueGoal('toolbox')).toBeUndefined();
  });
});
