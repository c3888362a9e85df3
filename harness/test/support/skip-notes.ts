// A vitest reporter that keeps why each skipped test was skipped: vitest's JSON report has the
// skip but not the reason `context.skip(reason)` gave. Written beside the JSON report as
// <report>.skips.json (full name -> reason), which CI's closing line (src/tasks/test-summary.ts)
// prints at the end of `pnpm test`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** The JSON reporter's fullName: the describe titles, then the test's, joined by spaces. */
function fullName(test: TestCase): string {
  const titles = [test.name];
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent) titles.unshift(parent.name);
  return titles.join(' ');
}

export default class SkipNotes implements Reporter {
  private readonly outputFile: string;

  constructor(options: { outputFile: string }) {
    this.outputFile = options.outputFile;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const notes: Record<string, string> = {};
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'skipped' && result.note) notes[fullName(test)] = result.note;
      }
    }
    mkdirSync(path.dirname(this.outputFile), { recursive: true });
    writeFileSync(this.outputFile, `${JSON.stringify(notes, null, 2)}\n`);
  }
}
