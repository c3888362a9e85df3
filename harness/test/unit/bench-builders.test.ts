// `pnpm bench --builders a,b`: bad names are one line, each builder's bench runs with LAB_BUILDER
// set to it (the mirror only for builders other than the engine's own) and the environment comes
// back as it was, also when the bench fails; the table puts each builder's figure in its column.
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/bad-input.ts';
import { onBuilder, parseBuilders, sideBySideRows } from '../../src/measure/bench-builders.ts';
import type { AppBench } from '../../src/measure/bench.ts';

const bench = (app: string, coldMs: number, multi: number, rebuildMs?: number): AppBench => ({
  app,
  samples: [
    { id: 'build:production:cold', what: 'build production (cold)', runs: [coldMs], median: coldMs },
    ...(rebuildMs === undefined
      ? []
      : [{ id: 'rebuild:production', what: 'rebuild production after a one-line change', runs: [rebuildMs], median: rebuildMs }]),
  ],
  sizes: { single: 1000, multi, multiCompressed: 10 },
});

describe('parseBuilders', () => {
  it('takes buildx names in order', () => {
    expect(parseBuilders('default, lab-remote', 'usage')).toEqual(['default', 'lab-remote']);
  });

  it('refuses an empty, repeated or malformed name in one line', () => {
    for (const text of ['', 'default,', 'a,a', 'default,--push']) expect(() => parseBuilders(text, 'usage: pnpm bench'), text).toThrow(BadInputError);
    expect(() => parseBuilders('a,a', 'usage: pnpm bench')).toThrow(/each once.*usage: pnpm bench/);
  });
});

describe('onBuilder', () => {
  it('sets LAB_BUILDER for the work, drops the mirror for the default builder, and restores both after a failure', async () => {
    const env: NodeJS.ProcessEnv = { LAB_BUILDER_MIRROR: '127.0.0.1:5123', BUILDX_BUILDER: 'other' };
    const seen: NodeJS.ProcessEnv[] = [];
    await onBuilder('lab-remote', async () => void seen.push({ ...env }), env);
    await expect(
      onBuilder(
        'default',
        async () => {
          seen.push({ ...env });
          throw new Error('build failed');
        },
        env,
      ),
    ).rejects.toThrow('build failed');
    expect(seen).toEqual([{ LAB_BUILDER: 'lab-remote', LAB_BUILDER_MIRROR: '127.0.0.1:5123' }, { LAB_BUILDER: 'default' }]);
    expect(env).toEqual({ LAB_BUILDER_MIRROR: '127.0.0.1:5123', BUILDX_BUILDER: 'other' });
  });
});

describe('sideBySideRows', () => {
  it("puts each builder's median and sizes in its own column, '-' where it has none", () => {
    const rows = sideBySideRows([
      { builder: 'default', benches: [bench('go-api', 60_000, 6_100_000, 700)] },
      { builder: 'lab-remote', benches: [bench('go-api', 75_000, 6_100_512)] },
    ]);
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      ['go-api', 'build production (cold)'],
      ['go-api', 'rebuild production after a one-line change'],
      ['go-api', 'image size single-stage'],
      ['go-api', 'image size production'],
      ['go-api', 'image size production, compressed'],
    ]);
    expect(rows[1]!.slice(2)[1]).toBe('-');
    expect(rows[3]![3]).toContain('6100512 B');
  });
});
