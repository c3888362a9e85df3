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
