import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { countGoTest, countJunit, countVitest, passes, skippedReport, summarise, summaryLines } from '../../src/tasks/test-summary.ts';
import { fromRepo } from '../../src/paths.ts';
import { spawningTestTimeoutMs } from '../../src/limits.ts';

const run = promisify(execFile);

describe("CI's closing line", () => {
  it('counts a vitest JSON report', () => {
    expect(countVitest(JSON.stringify({ numPassedTests: 5, numFailedTests: 1, numFailedTestSuites: 0, numPendingTests: 2, numTodoTests: 0 }))).toMatchObject({
      passed: 5,
      failed: 1,
      failedSuites: 0,
      skipped: 2,
    });
  });

  it("counts go test -json events by each test's last outcome, with t.Skip's reason", () => {
    const events = [
      { Action: 'run', Package: 'p', Test: 'TestA' },
      { Action: 'pass', Package: 'p', Test: 'TestA' },
      { Action: 'fail', Package: 'p', Test: 'TestB' },
      { Action: 'output', Package: 'p', Test: 'TestC', Output: '=== RUN   TestC\n' },
      { Action: 'output', Package: 'p', Test: 'TestC', Output: '    main_test.go:12: needs a network\n' },
      { Action: 'output', Package: 'p', Test: 'TestC', Output: '--- SKIP: TestC (0.00s)\n' },
      { Action: 'skip', Package: 'p', Test: 'TestC' },
      { Action: 'pass', Package: 'p' },
    ].map((e) => JSON.stringify(e));
    expect(countGoTest(events.join('\n'))).toMatchObject({
      passed: 1,
      failed: 1,
      failedSuites: 0,
      skipped: 1,
      skips: [{ test: 'p.TestC', reason: 'needs a network' }],
    });
  });

  it('counts a Go package that fails outside its tests (it does not build) as a failed suite', () => {
    const events = [
      { Action: 'output', Package: 'example.test/api', Output: '# example.test/api\n' },
      { Action: 'output', Package: 'example.test/api', Output: './main.go:3:1: syntax error\n' },
      { Action: 'fail', Package: 'example.test/api' },
    ].map((e) => JSON.stringify(e));
    const counts = countGoTest(events.join('\n'));
    expect(counts).toMatchObject({ passed: 0, failed: 0, failedSuites: 1, suiteFailures: ['example.test/api: failed outside its tests (see its output)'] });
    expect(passes({ ...counts, passed: 4 })).toBe(false);
  });

  it("counts pytest's JUnit report: a fixture's error fails the run as a suite, a skip keeps its reason", async () => {
    const counts = countJunit(await readFile(fromRepo('harness/test/fixtures/pytest-report/report.xml'), 'utf8'));
    expect(counts).toMatchObject({
      passed: 1,
      failed: 1,
      failedSuites: 1,
      skipped: 1,
      skips: [{ test: 'test_mix::test_skips', reason: 'needs "a network" & <more>' }],
      suiteFailures: ['test_mix::test_errors: failed on setup with "RuntimeError: no <server> & no port"'],
    });
    expect(passes(counts)).toBe(false);
  });

  it("counts an app's tests that run elsewhere as one skipped test, with the reason as written", () => {
    const reason = `needs Java 25 & "Maven" <here>: they run in the test target`;
    expect(countJunit(skippedReport('java-api', 'mvn test', reason))).toMatchObject({
      passed: 0,
      failed: 0,
      failedSuites: 0,
      skipped: 1,
      skips: [{ test: 'java-api::mvn test', reason }],
    });
  });

  describe('on a real vitest run whose beforeAll throws', () => {
    let results = '';
    beforeAll(async () => {
      results = await mkdtemp(path.join(tmpdir(), 'lab-summary-'));
      const fixture = fromRepo('harness/test/fixtures/vitest-report');
      // The fixture fails on purpose: vitest exits 1.
      await run(process.execPath, [fromRepo('node_modules/vitest/vitest.mjs'), 'run', '--root', fixture, '--config', path.join(fixture, 'vitest.config.ts')], {
        cwd: fixture,
        env: { ...process.env, RESULTS: results, LAB_TEST_RESULTS: '' },
      }).catch((error: { code?: number }) => expect(error.code).toBe(1));
    }, spawningTestTimeoutMs);
    afterAll(async () => {
      if (results) await rm(results, { recursive: true, force: true });
    });

    it('counts the failed suite as a failure: the run is not green though no test failed', async () => {
      const total = await summarise(results);
      expect(total).toMatchObject({ passed: 1, failed: 0, skipped: 3 });
      expect(total.failedSuites).toBeGreaterThan(0);
      expect(passes(total)).toBe(false);
      expect(summaryLines(total).at(-1)).toBe(`1 passed, 0 failed, ${total.failedSuites} suites failed, 3 skipped`);
    });

    it('prints each skip with its reason, and the file whose suite failed', async () => {
      const lines = summaryLines(await summarise(results));
      expect(lines).toContain('  - a suite that runs skips, saying why: no registry answers here [fixture.json]');
      expect(lines).toContain('  - a suite that runs skips without a reason: no reason given [fixture.json]');
      expect(lines).toContain('  - fixture.json: suite.test.ts (a hook threw: see its output)');
    });
  });

  it('is green only when something passed and nothing failed', () => {
    const none = { passed: 0, failed: 0, failedSuites: 0, skipped: 0, skips: [], suiteFailures: [] };
    expect(passes(none)).toBe(false);
    expect(passes({ ...none, passed: 3 })).toBe(true);
    expect(passes({ ...none, passed: 3, failedSuites: 1 })).toBe(false);
  });
});
