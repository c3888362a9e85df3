// A suite that must run where it is declared to (a forkable app's fork suite; the registry tests
// on a machine where bootstrap installed the registry): a test in it that skipped, whatever made
// it skip, fails the suite in an afterAll hook naming the skipped tests. CI's closing line counts
// that failed suite (src/tasks/test-summary.ts).
import { afterAll } from 'vitest';

interface Task {
  name: string;
  type: string;
  mode: string;
  result?: { state?: string; note?: string };
  tasks?: Task[];
}

function skippedIn(task: Task, prefix = ''): string[] {
  if (task.type === 'suite') return (task.tasks ?? []).flatMap((t) => skippedIn(t, prefix ? `${prefix} > ${task.name}` : task.name));
  const skipped = task.mode === 'skip' || task.mode === 'todo' || task.result?.state === 'skip';
  return skipped ? [`${prefix ? `${prefix} > ` : ''}${task.name}${task.result?.note ? ` (${task.result.note})` : ''}`] : [];
}

/** Call inside a describe: after it, any skipped test in it is a failure saying `why` it must run. */
export function mustRun(why: string): void {
  // vitest passes the suite as the hook's second argument (the first is a fixture context, which
  // vitest reads by its destructuring pattern: an empty one asks for no fixture).
  // oxlint-disable-next-line no-empty-pattern
  afterAll(({}, suite) => {
    const skipped = (suite.tasks as Task[]).flatMap((t) => skippedIn(t));
    if (skipped.length) throw new Error(`${why}, but ${skipped.length} of its test(s) skipped: ${skipped.join('; ')}`);
  });
}
