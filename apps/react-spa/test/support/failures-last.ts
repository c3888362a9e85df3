// A vitest reporter that ends the output with the names of the failing tests, one per line.
// Build logs are often shown by their tail (CI summaries, `docker build` errors, tools that
// keep the last 30 lines): the default reporter's summary and hints can push the
// failing test's name out of that tail; this puts it back as the very last lines.

import type { Reporter, TestModule } from 'vitest/node';

export default class FailuresLast implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const failed: string[] = [];
    for (const module of testModules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) {
        failed.push(`${module.relativeModuleId} (the file failed to load)`);
      }
      for (const test of module.children.allTests('failed')) failed.push(`${module.relativeModuleId} > ${test.fullName}`);
    }
    if (failed.length === 0) return;
    process.stdout.write(`\n${failed.length} failing test(s):\n${failed.map((name) => `  FAIL ${name}\n`).join('')}`);
  }
}
