import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entries } from '../../src/catalogue/index.ts';
import { fromRepo } from '../../src/paths.ts';

describe('the CI workflow', () => {
  it('has one job per catalogue app, no more and no fewer', () => {
    const workflow = parse(readFileSync(fromRepo('.github/workflows/ci.yml'), 'utf8')) as { jobs: { app: { strategy: { matrix: { app: string[] } } } } };
    expect([...workflow.jobs.app.strategy.matrix.app].sort()).toEqual(entries.map((e) => e.name).sort());
  });
});
