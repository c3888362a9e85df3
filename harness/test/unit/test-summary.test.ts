import { describe, expect, it } from 'vitest';
import { countGoTest, countVitest } from '../../src/cli/test-summary.ts';

describe("CI's closing line", () => {
  it('counts a vitest JSON report', () => {
    expect(countVitest(JSON.stringify({ numPassedTests: 5, numFailedTests: 1, numPendingTests: 2, numTodoTests: 0 }))).toEqual({ passed: 5, failed: 1, skipped: 2 });
  });

  it('counts go test -json events by each test\'s last outcome', () => {
    const events = [
      { Action: 'run', Package: 'p', Test: 'TestA' },
      { Action: 'pass', Package: 'p', Test: 'TestA' },
      { Action: 'fail', Package: 'p', Test: 'TestB' },
      { Action: 'skip', Package: 'p', Test: 'TestC' },
      { Action: 'pass', Package: 'p' },
    ].map((e) => JSON.stringify(e));
    expect(countGoTest(events.join('\n'))).toEqual({ passed: 1, failed: 1, skipped: 1 });
  });
});

describe('the reports it reads', () => {
  it("are every workspace package's .cache/test-results, whoever wrote them (a replayed task too)", async () => {
    const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { resultDirs, summarise } = await import('../../src/cli/test-summary.ts');
    const root = await mkdtemp(path.join(tmpdir(), 'lab-summary-'));
    await writeFile(path.join(root, 'pnpm-workspace.yaml'), 'packages:\n  - harness\n  - apps/*\n');
    const write = async (dir: string, name: string, text: string) => {
      await mkdir(path.join(root, dir, '.cache/test-results'), { recursive: true });
      await writeFile(path.join(root, dir, '.cache/test-results', name), text);
    };
    await write('harness', 'harness-test-contract.json', JSON.stringify({ numPassedTests: 40, numFailedTests: 0 }));
    await write('harness', 'harness-test-unit.json', JSON.stringify({ numPassedTests: 60, numFailedTests: 1 }));
    await write('apps/go-api', 'go-api-test-unit.jsonl', `${JSON.stringify({ Action: 'pass', Package: 'p', Test: 'TestA' })}\n`);
    await mkdir(path.join(root, 'apps/selftest'), { recursive: true });
    const dirs = await resultDirs(root);
    expect(dirs.map((d) => path.relative(root, d)).sort()).toEqual(['apps/go-api/.cache/test-results', 'apps/selftest/.cache/test-results', 'harness/.cache/test-results']);
    expect(await summarise(dirs)).toEqual({ passed: 101, failed: 1, skipped: 0, files: 3 });
  });
});
