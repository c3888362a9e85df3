// One closing line for CI, "N passed, N failed, N suites failed, N skipped", summed over every
// test report the run wrote to .cache/test-results/: vitest's JSON reports, `go test -json`
// streams and JUnit XML (pytest's, and the one-test reports of tests that run elsewhere); before
// it, each skipped test with its reason (vitest's `context.skip(reason)`, kept by
// harness/test/support/skip-notes.ts beside the JSON report, go's t.Skip message, JUnit's skip message).
// A suite whose beforeAll throws, or a file that cannot be imported, marks its tests skipped, not
// failed: vitest counts it in numFailedTestSuites, and so does this line. Exit 1 if a test or a
// suite failed, or no test ran at all.
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
    (file.assertionResults ?? [])
      .filter((t) => t.status === 'skipped' || t.status === 'pending' || t.status === 'todo')
      .map((t) => ({ test: t.fullName, reason: notes[t.fullName] ?? null })),
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
      const reason = (said.get(key) ?? [])
        .filter((l) => l && !/^(=== |--- )/.test(l))
        .at(-1)
        ?.replace(/^\S+_test\.go:\d+: /, '');
      counts.skips.push({ test: key, reason: reason ?? null });
    }
  }
  return counts;
}

const xmlText = (text: string) =>
  text.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (_, name: string, dec?: string, hex?: string) =>
    dec
      ? String.fromCodePoint(Number(dec))
      : hex
        ? String.fromCodePoint(parseInt(hex, 16))
        : ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[name.toLowerCase()]!,
  );
const xmlAttribute = (attributes: string, name: string) => {
  const value = new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1];
  return value === undefined ? undefined : xmlText(value);
};

/**
 * A JUnit XML report as pytest writes it: each <testcase> passed, or holds <failure> (failed),
 * <skipped message> (skipped, with its reason) or <error> (a fixture or the collection failed
 * outside the test: a failed suite).
 */
export function countJunit(xml: string): Counts {
  const counts: Counts = { passed: 0, failed: 0, failedSuites: 0, skipped: 0, skips: [], suiteFailures: [] };
  for (const [, attributes = '', body = ''] of xml.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const test = [xmlAttribute(attributes, 'classname'), xmlAttribute(attributes, 'name')].filter(Boolean).join('::');
    const outcome = /<(failure|error|skipped)\b([^>]*)/.exec(body);
    if (!outcome) counts.passed++;
    else if (outcome[1] === 'failure') counts.failed++;
    else if (outcome[1] === 'error') {
      counts.failedSuites++;
      counts.suiteFailures.push(`${test}: ${xmlAttribute(outcome[2]!, 'message') ?? 'an error outside the test (see its output)'}`);
    } else {
      counts.skipped++;
      counts.skips.push({ test, reason: xmlAttribute(outcome[2]!, 'message') ?? null });
    }
  }
  return counts;
}

/** Where a package's runner (in the package's folder, under turbo) keeps its report:
 * $LAB_TEST_RESULTS/<package>-<task>.<extension>, the root's .cache/test-results by default. */
export function reportFile(extension: string): string {
  const task = (process.env.npm_lifecycle_event ?? 'test').replace(/[^a-z0-9-]/gi, '-');
  return path.join(process.env.LAB_TEST_RESULTS ?? path.join(cacheDir, 'test-results'), `${path.basename(process.cwd())}-${task}.${extension}`);
}

/** A JUnit report of one skipped test: an app's tests that do not run on this host, and why. */
export function skippedReport(suite: string, test: string, reason: string): string {
  const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const testcase = `<testcase classname="${attribute(suite)}" name="${attribute(test)}"><skipped message="${attribute(reason)}"/></testcase>`;
  return `<?xml version="1.0" encoding="utf-8"?>\n<testsuites><testsuite name="${attribute(suite)}" tests="1" skipped="1">${testcase}</testsuite></testsuites>\n`;
}

export async function summarise(dir: string): Promise<Counts & { files: number }> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort();
  const total: Counts & { files: number } = { passed: 0, failed: 0, failedSuites: 0, skipped: 0, skips: [], suiteFailures: [], files: 0 };
  for (const name of names) {
    if (name.endsWith('.skips.json')) continue;
    const text = await readFile(path.join(dir, name), 'utf8');
    const notesFile = path.join(dir, name.replace(/\.json$/, '.skips.json'));
    const notes = name.endsWith('.json') ? ((await readFile(notesFile, 'utf8').then(JSON.parse, () => ({}))) as Record<string, string>) : {};
    const counts = name.endsWith('.jsonl')
      ? countGoTest(text)
      : name.endsWith('.json')
        ? countVitest(text, notes)
        : name.endsWith('.xml')
          ? countJunit(text)
          : undefined;
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
