import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { entries } from '../../src/catalogue/index.ts';
import { actionlint } from '../../src/fork/actionlint.ts';
import { spawningTestTimeoutMs } from '../../src/limits.ts';
import { fromRepo } from '../../src/paths.ts';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number>;
}
interface AppJob {
  needs: string;
  env: Record<string, string>;
  strategy: { matrix: { app: string; store: string[]; include?: { app: string; store: string; builder?: string; cache?: string }[] } };
  steps: (Step & { if?: string })[];
}
interface AppsJob {
  outputs: Record<string, string>;
  steps: Step[];
}

const workflow = parse(readFileSync(fromRepo('.github/workflows/ci.yml'), 'utf8')) as { jobs: { apps: AppsJob; app: AppJob } };
const job = workflow.jobs.app;

describe('the CI workflow', () => {
  it("takes its app jobs from the catalogue: a first job prints the catalogue's names as JSON, the matrix reads them", () => {
    const apps = workflow.jobs.apps;
    expect(apps.outputs.apps).toBe('${{ steps.list.outputs.apps }}');
    expect(apps.steps.find((s) => s.id === 'list')?.run).toBe('echo "apps=$(node harness/src/tasks/ci-matrix.ts)" >> "$GITHUB_OUTPUT"');
    expect(job.needs).toBe('apps');
    expect(job.strategy.matrix.app).toBe('${{ fromJSON(needs.apps.outputs.apps) }}');
    expect(job.strategy.matrix.store).toEqual(['classic']);
  });

  it('whose list is every catalogue app, in catalogue order, printed by Node alone', { timeout: spawningTestTimeoutMs }, () => {
    const printed = execFileSync(process.execPath, [fromRepo('harness/src/tasks/ci-matrix.ts')], { encoding: 'utf8' });
    expect(JSON.parse(printed)).toEqual(entries.map((e) => e.name));
  });

  it("runs that job on bootstrap's Node major", () => {
    const bootstrap = readFileSync(fromRepo('scripts/bootstrap'), 'utf8');
    const major = /^node_version=(\d+)\./m.exec(bootstrap)?.[1];
    const setupNode = workflow.jobs.apps.steps.find((s) => s.uses?.startsWith('actions/setup-node'));
    expect(major).toBeDefined();
    expect(String(setupNode?.with?.['node-version'])).toBe(major);
  });

  it('has one job that runs every app on the containerd image store, through the setting bootstrap understands', () => {
    expect(job.strategy.matrix.include?.filter((j) => j.store === 'containerd')).toEqual([{ app: 'all', store: 'containerd', cache: 'gha' }]);
    expect(job.env.LAB_IMAGE_STORE).toBe('${{ matrix.store }}');
    // "all" runs the whole catalogue: LAB_APPS is empty for it.
    expect(job.env.LAB_APPS).toBe("${{ matrix.app != 'all' && matrix.app || '' }}");
    expect(entries.map((e) => e.name)).not.toContain('all');
  });

  it('has one job that runs every app on a docker-container builder it starts, named to the harness by LAB_BUILDER', () => {
    expect(job.strategy.matrix.include?.filter((j) => j.builder)).toEqual([{ app: 'all', store: 'classic', builder: 'docker-container', cache: 'gha' }]);
    const start = job.steps.find((s) => s.uses?.startsWith('docker/setup-buildx-action'));
    expect(start?.if).toBe("matrix.builder == 'docker-container'");
    expect(start?.with).toMatchObject({ driver: 'docker-container', name: 'lab-ci' });
    expect(job.env.LAB_BUILDER).toBe("${{ matrix.builder == 'docker-container' && 'lab-ci' || '' }}");
  });

  it("keeps BuildKit's cache between runs only where the builder can export it (never the classic store's docker driver), with the runtime's token handed to buildx", () => {
    expect(job.env.LAB_BUILD_CACHE).toBe("${{ matrix.cache || '' }}");
    const cached = job.strategy.matrix.include?.filter((j) => j.cache) ?? [];
    expect(cached.length).toBeGreaterThan(0);
    for (const j of cached) expect(j.store === 'containerd' || j.builder === 'docker-container', JSON.stringify(j)).toBe(true);
    const runtime = job.steps.findIndex((s) => s.uses?.startsWith('crazy-max/ghaction-github-runtime'));
    expect(job.steps[runtime]?.if).toBe("matrix.cache == 'gha'");
    expect(runtime).toBeLessThan(job.steps.findIndex((s) => s.run?.includes('pnpm test')));
  });

  // actionlint checks what the YAML shape cannot: that `needs.apps.outputs.apps` names a job this
  // one needs and an output it has, and the expressions' syntax.
  it('passes actionlint (pinned, go install-ed into .tools/bin)', { timeout: 5 * 60_000 }, async () => {
    const lint = await actionlint(fromRepo('.'), ['.github/workflows/ci.yml']);
    expect(lint.output).toBe('');
    expect(lint.ok).toBe(true);
  });
});
