import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entries } from '../../src/catalogue/index.ts';
import { fromRepo } from '../../src/paths.ts';

interface AppJob {
  env: Record<string, string>;
  strategy: { matrix: { app: string[]; store: string[]; include?: { app: string; store: string }[] } };
}

const workflow = parse(readFileSync(fromRepo('.github/workflows/ci.yml'), 'utf8')) as { jobs: { app: AppJob } };
const job = workflow.jobs.app;

describe('the CI workflow', () => {
  it('has one job per catalogue app on the classic store, no more and no fewer', () => {
    expect([...job.strategy.matrix.app].sort()).toEqual(entries.map((e) => e.name).sort());
    expect(job.strategy.matrix.store).toEqual(['classic']);
  });

  it('has one job that runs every app on the containerd image store, through the setting bootstrap understands', () => {
    expect(job.strategy.matrix.include).toEqual([{ app: 'all', store: 'containerd' }]);
    expect(job.env.LAB_IMAGE_STORE).toBe('${{ matrix.store }}');
    // "all" runs the whole catalogue: LAB_APPS is empty for it.
    expect(job.env.LAB_APPS).toBe("${{ matrix.app != 'all' && matrix.app || '' }}");
    expect(entries.map((e) => e.name)).not.toContain('all');
  });
});
