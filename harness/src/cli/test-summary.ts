// One closing line for CI, "N passed, N failed, N suites failed, N skipped", summed over every
// test report the run wrote to .cache/test-results/: vitest's JSON reports and `go test -json`
// streams; before it, each skipped test with its reason (vitest's `context.skip(reason)`, kept
// by harness/test/skip-notes.ts beside the JSON report, or go's t.Skip message). A suite whose
// beforeAll throws, or a file that cannot be imported, marks its tests skipped, not failed:
// vitest counts it in numFailedTestSuites, and so does this line. Exit 1 if a test or a suite
// failed, or no test ran at all.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from '../paths.ts';

export interface Skip {
  /** The test's full name (its describe titles, then its own). */
  test: string;
  /** Why, where the test said; null where it did not (`it.skip`, `describe.runIf`). */
  reason: string | null;
  /** The report it came from, e.g. harness-test-contract.json. */
  report?: string;
}

export interface Counts {
  passed: number;
  failed: number;
  /** Suites (files or describes) that failed outside a test: a hook that threw, an import that failed. */
  failedSuites: number;
  skipped: number;
  skips: Skip[];
  /** Each failed suite's file, with its first error where the report has one. */
  suiteFailures: string[];
}

interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numFailedTestSuites?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { name: string; status: string; message?: string; assertionResults?: { fullName: string; status: string }[] }[];
}

/** A vitest JSON report; `notes`: skip reasons by full name (skip-notes.ts). */
export function countVitest(json: string, notes: Record<string, string> = {}): Counts {
  const report = JSON.parse(json) as VitestReport;
  const results = report.testResults ?? [];
  const skips = results.flatMap((file) =>
    (file.assertionResults ?? []).filter((t) => t.status === 'skipped' || t.status === 'pending' || t.status === 'todo').map((t) => ({ test: t.fullName, reason: notes[t.fullName] ?? null })),
  );
  const suiteFailures = results
    .filter((file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'))
    .map((file) => `${path.basename(file.name)}${file.message ? `: ${file.message.split('\n')[0]}` : ' (a hook threw: see its output)'}`);
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    failedSuites: report.numFailedTestSuites ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    skips,
    suiteFailures,
  };
}

/** `go test -json` events: one line each; a test's last pass/fail/skip event decides it. */
export function countGoTest(jsonl: string): Counts {
  const outcome = new Map<string, string>();
  const said = new Map<string, string[]>();
  // A package that fails outside its tests (it does not build, TestMain or init panics): its suite failed.
  const failedPackages = new Set<string>();
  for (const line of jsonl.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as { Action?: string; Package?: string; Test?: string; Output?: string };
    if (!event.Test) {
      if (event.Action === 'fail' && event.Package) failedPackages.add(event.Package);
      continue;
    }
    const key = `${event.Package}.${event.Test}`;
    if (event.Action === 'output' && event.Output) said.set(key, [...(said.get(key) ?? []), event.Output.trim()]);
    if (event.Action === 'pass' || event.Action === 'fail' || event.Action === 'skip') outcome.set(key, event.Action);
  }
  const failedTests = new Set([...outcome].filter(([, action]) => action === 'fail').map(([key]) => key.slice(0, key.lastIndexOf('.'))));
  const suiteFailures = [...failedPackages].filter((p) => !failedTests.has(p)).map((p) => `${p}: failed outside its tests (see its output)`);
  const counts: Counts = { passed: 0, failed: 0, failedSuites: suiteFailures.length, skipped: 0, skips: [], suiteFailures };
  for (const [key, action] of outcome) {
    if (action === 'pass') counts.passed++;
    else if (action === 'fail') counts.failed++;
    else {
      counts.skipped++;
      // t.Skip's message is the line after "=== RUN", as "file_test.go:12: reason".
      const reason = (said.get(key) ?? []).filter((l) => l && !/^(=== |--- )/.test(l)).at(-1)?.replace(/^\S+_test\.go:\d+: /, '');
      counts.skips.push({ test: key, reason: reason ?? null });
    }
  }
  return counts;
}

export async function summarise(dir: string): Promise<Counts & { files: number }> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  const total: Counts & { files: number } = { passed: 0, failed: 0, failedSuites: 0, skipped: 0, skips: [], suiteFailures: [], files: 0 };
  for (const name of names) {
    if (name.endsWith('.skips.json')) continue;
    const text = await readFile(path.join(dir, name), 'utf8');
    const notesFile = path.join(dir, name.replace(/\.json$/, '.skips.json'));
    const notes = name.endsWith('.json') ? ((await readFile(notesFile, 'utf8').then(JSON.parse, () => ({}))) as Record<string, string>) : {};
    const counts = name.endsWith('.jsonl') ? countGoTest(text) : name.endsWith('.json') ? countVitest(text, notes) : undefined;
    if (!counts) continue;
    total.files++;
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.failedSuites += counts.failedSuites;
    total.skipped += counts.skipped;
    total.skips.push(...counts.skips.map((s) => ({ ...s, report: name })));
    total.suiteFailures.push(...counts.suiteFailures.map((f) => `${name}: ${f}`));
  }
  return total;
}

/** The lines printed: each skip with its reason, each failed suite, then the closing line. */
export function summaryLines(total: Counts): string[] {
  const lines: string[] = [];
  if (total.skips.length) {
    lines.push(`skipped (${total.skips.length}):`);
    for (const s of total.skips) lines.push(`  - ${s.test}: ${s.reason ?? 'no reason given'}${s.report ? ` [${s.report}]` : ''}`);
  }
  if (total.suiteFailures.length) {
    lines.push(`failed outside a test (${total.suiteFailures.length}):`);
    for (const f of total.suiteFailures) lines.push(`  - ${f}`);
  }
  lines.push(`${total.passed} passed, ${total.failed} failed, ${total.failedSuites} suites failed, ${total.skipped} skipped`);
  return lines;
}

/** Whether the run is green: something passed, and no test nor suite failed. */
export function passes(total: Counts): boolean {
  return total.failed === 0 && total.failedSuites === 0 && total.passed > 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const total = await summarise(process.env.LAB_TEST_RESULTS ?? path.join(cacheDir, 'test-results'));
  process.stdout.write(`${summaryLines(total).join('\n')}\n`);
  process.exit(passes(total) ? 0 : 1);
}
