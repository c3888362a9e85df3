// `go test` for turbo: runs `go test -json ./...` in the current folder, prints each event's
// output as `go test -v` would, and keeps the event stream in $LAB_TEST_RESULTS/<package>-<task>.jsonl
// (default: the root's .cache/test-results) for CI's closing line. Exits with go test's status.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { reportFile } from './test-summary.ts';

const report = reportFile('jsonl');
await mkdir(path.dirname(report), { recursive: true });
const events = createWriteStream(report);
const child = spawn('go', ['test', '-json', ...(process.argv.slice(2).length ? process.argv.slice(2) : ['./...'])], { stdio: ['ignore', 'pipe', 'inherit'] });
for await (const line of createInterface({ input: child.stdout })) {
  events.write(`${line}\n`);
  try {
    const event = JSON.parse(line) as { Action?: string; Output?: string };
    if (event.Action === 'output' && event.Output) process.stdout.write(event.Output);
  } catch {
    process.stdout.write(`${line}\n`); // build errors arrive as plain text
  }
}
const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
events.end();
process.exit(code);
