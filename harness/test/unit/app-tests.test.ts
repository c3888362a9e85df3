import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRepo } from '../../src/paths.ts';
import { appTask } from '../support/turbo-json.ts';

const apps = readdirSync(fromRepo('apps'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/** Whether an app folder holds tests of its own: test/ or tests/ (vitest, pytest, shell), src/test/ (JUnit), *_test.go. */
function hasTests(app: string): boolean {
  const dir = fromRepo(`apps/${app}`);
  return ['test', 'tests', 'src/test'].some((sub) => existsSync(path.join(dir, sub))) || readdirSync(dir).some((f) => f.endsWith('_test.go'));
}

function testScript(app: string): string | undefined {
  const manifest = fromRepo(`apps/${app}/package.json`);
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }).scripts?.['test:unit'] : undefined;
}

describe("every app's own tests are in pnpm test:unit", () => {
  it.each(apps.filter(hasTests))('%s: its package.json has a test:unit, which runs them or says where they run', (app) => {
    expect(testScript(app), `apps/${app} has tests but no test:unit script: turbo's test:unit never runs them, and nothing says so`).toBeDefined();
  });

  it.each(apps.filter((app) => /^(vitest|node \.\.\/\.\.\/harness\/src\/cli\/)/.test(testScript(app) ?? '')))(
    "%s: turbo keeps its report as the task's output, so a replayed run still counts its tests in CI's closing line",
    (app) => {
      expect(appTask(app, 'test:unit')?.outputs ?? []).toContainEqual(
        expect.stringMatching(new RegExp(`^\\$TURBO_ROOT\\$/\\.cache/test-results/${app}-test-unit\\.(json|jsonl|xml)$`)),
      );
    },
  );
});
