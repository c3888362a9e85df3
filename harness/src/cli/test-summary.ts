// One closing line for CI, "N passed, N failed[, N skipped]", summed over every test report
// the run wrote to .cache/test-results/: vitest's JSON reports and `go test -json` streams.
// Exit 1 if a test failed or no test ran at all.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from '../paths.ts';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export function countVitest(json: string): Counts {
  const report = JSON.parse(json) as { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number };
  return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
}

/** `go test -json` events: one line each; a test's last pass/fail/skip event decides it. */
export function countGoTest(jsonl: string): Counts {
  const outcome = new Map<string, string>();
  for (const line of jsonl.split('\n')) {
    if (!line.startsWith('{')) continue;
    const event = JSON.parse(line) as { Action?: string; Package?: string; Test?: string };
    if (event.Test && (event.Action === 'pass' || event.Action === 'fail' || event.Action === 'skip')) outcome.set(`${event.Package}.${event.Test}`, event.Action);
  }
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const action of outcome.values()) {
    if (action === 'pass') counts.passed++;
    else if (action === 'fail') counts.failed++;
    else counts.skipped++;
  }
  return counts;
}

export async function summarise(dir: string): Promise<Counts & { files: number }> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const total = { passed: 0, failed: 0, skipped: 0, files: 0 };
  for (const name of names) {
    const text = await readFile(path.join(dir, name), 'utf8');
    const counts = name.endsWith('.jsonl') ? countGoTest(text) : name.endsWith('.json') ? countVitest(text) : undefined;
    if (!counts) continue;
    total.files++;
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  return total;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const total = await summarise(path.join(cacheDir, 'test-results'));
  process.stdout.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
}
