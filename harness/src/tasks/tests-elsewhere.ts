// An app's `test:unit` where its tests do not run on this host: one line says why and where they
// run, and a report of one skipped test keeps them in CI's closing line (not silently absent).
// Usage (in the app's folder): node ../../harness/src/tasks/tests-elsewhere.ts TEST REASON
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { reportFile, skippedReport } from './test-summary.ts';

const [test, reason] = process.argv.slice(2);
if (!test || !reason) {
  console.error('usage: tests-elsewhere.ts TEST REASON (in the app folder)');
  process.exit(2);
}
const app = path.basename(process.cwd());
const report = reportFile('xml');
await mkdir(path.dirname(report), { recursive: true });
await writeFile(report, skippedReport(app, test, reason));
console.log(`${app}: ${test} not run here: ${reason}`);
