// The cache claim and the rebuild budget decide on one measurement (a cold build and three timed
// rebuilds): the registry hands both the same `once`, so a suite measures it once, and a new
// suite measures again. The measure function is replaced here; nothing is built.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CacheFacts } from '../../src/contract/app-facts.ts';
import { targetClaims } from '../../src/checks/registry.ts';
import { good } from '../fixtures/docker/good.ts';

const measured = vi.hoisted(() => ({ calls: 0 }));

vi.mock(import('../../src/measure/targets.ts'), async (original) => ({
  ...(await original()),
  measureCache: async (): Promise<CacheFacts> => {
    measured.calls++;
    return { steps: [], rebuildMs: 100, rebuildsMs: [100, 100, 100], coldMs: 1_000 };
  },
}));

beforeEach(() => {
  measured.calls = 0;
});

describe('claims that share a measurement', () => {
  it('measure it once per suite', async () => {
    const claims = targetClaims(good).filter((c) => c.id === 'cache' || c.id === 'rebuild-budget');
    expect(claims.map((c) => c.id)).toEqual(['cache', 'rebuild-budget']);
    const [cache, budget] = await Promise.all(claims.map((c) => c.verify()));
    expect(measured.calls).toBe(1);
    expect(cache!.details).toBe(budget!.details);
    expect(budget!.ok).toBe(true);
  });

  it('measure it again in a new suite', async () => {
    for (const suite of [targetClaims(good), targetClaims(good)]) await suite.find((c) => c.id === 'rebuild-budget')!.verify();
    expect(measured.calls).toBe(2);
  });
});
