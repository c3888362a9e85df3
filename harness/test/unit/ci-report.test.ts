// CI keeps each app job's report as an artifact, and its last job merges them into one report.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fromRepo } from '../../src/paths.ts';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  steps: Step[];
}

const workflow = parse(readFileSync(fromRepo('.github/workflows/ci.yml'), 'utf8')) as { jobs: Record<string, Job> };
const packageJson = JSON.parse(readFileSync(fromRepo('package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('the CI report', () => {
  it('each app job keeps its reports/ folder as an artifact named for its app, even when it fails', () => {
    const keep = workflow.jobs.app!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    // The builder's name after the store where a job names one: the merge below takes the per-app classic jobs' only.
    expect(keep?.with?.name).toBe("report-${{ matrix.app }}-${{ matrix.store }}${{ matrix.builder && format('-{0}', matrix.builder) || '' }}");
    expect(keep?.with?.path).toBe('reports/');
    expect(keep && 'if' in keep ? (keep as { if: string }).if : undefined).toBe('always()');
  });

  it("one classic app job (the matrix's first) runs the tutorial's recipes, which the merge carries", () => {
    const env = (workflow.jobs.app as Job & { env: Record<string, string> }).env;
    expect(env.LAB_RECIPES).toBe("${{ strategy.job-index == 0 && '1' || '' }}");
  });

  it('a last job, after every app job (failed ones too), merges those artifacts with pnpm report:merge and keeps the result', () => {
    const report = workflow.jobs.report!;
    expect(report.needs).toBe('app');
    expect(report.if).toBe('always()');
    const download = report.steps.find((s) => s.uses?.startsWith('actions/download-artifact'));
    expect(download?.with).toEqual({ pattern: 'report-*-classic', path: 'artifacts' });
    expect(report.steps.some((s) => s.run?.includes('pnpm report:merge --out reports artifacts'))).toBe(true);
    expect(report.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.name).toBe('report');
    expect(packageJson.scripts['report:merge']).toBe('node harness/src/cli/report-merge.ts');
  });
});
