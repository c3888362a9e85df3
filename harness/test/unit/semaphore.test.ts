// The forge's slots: at most `limit` jobs at once; of those waiting, the highest priority at the
// moment a slot frees goes next (the forge's critical path first), the first come among equals.
import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../src/semaphore.ts';

/** A job that records its start and ends when told. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, job: () => opened };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the semaphore', () => {
  it('runs at most its limit at once, then the waiting in order of priority, the first come among equals', async () => {
    const slots = new Semaphore(1);
    const started: string[] = [];
    const first = gate();
    const run = (name: string, priority?: number) =>
      slots.run(
        async () => {
          started.push(name);
          if (name === 'first') await first.job();
        },
        priority === undefined ? undefined : () => priority,
      );
    const all = [run('first'), run('a'), run('b', 3), run('c'), run('d', 3), run('e', 7)];
    await tick();
    expect(started).toEqual(['first']);
    first.open();
    await Promise.all(all);
    expect(started).toEqual(['first', 'e', 'b', 'd', 'a', 'c']);
  });

  it('asks a priority when a slot frees, so one that rose while its job waited counts', async () => {
    const slots = new Semaphore(1);
    const started: string[] = [];
    const first = gate();
    let late = 0;
    const all = [
      slots.run(async () => {
        started.push('first');
        await first.job();
      }),
      slots.run(
        async () => void started.push('early'),
        () => 1,
      ),
      slots.run(
        async () => void started.push('late'),
        () => late,
      ),
    ];
    await tick();
    late = 5;
    first.open();
    await Promise.all(all);
    expect(started).toEqual(['first', 'late', 'early']);
  });

  it('with a settle time, a freed slot goes to the best job queued in that time, not to the first one waiting', async () => {
    expect(await parentThenDependant(new Semaphore(1, { settleMs: 50 }))).toEqual(['parent', 'longest chain', 'lesser']);
  });

  it('without one, the slot goes at once to the job waiting (the dependant queued later comes after)', async () => {
    expect(await parentThenDependant(new Semaphore(1))).toEqual(['parent', 'lesser', 'longest chain']);
  });
});

/**
 * The forge's case: a parent build holds the one slot, a lesser job waits, and the parent's
 * dependant (the longest chain) queues a few awaits after the parent ends. The order they ran in.
 */
async function parentThenDependant(slots: Semaphore): Promise<string[]> {
  const started: string[] = [];
  const parent = gate();
  let dependant: Promise<void> | undefined;
  const parentDone = slots.run(async () => {
    started.push('parent');
    await parent.job();
  });
  const lesser = slots.run(
    async () => void started.push('lesser'),
    () => 1,
  );
  void parentDone.then(async () => {
    await tick();
    dependant = slots.run(
      async () => void started.push('longest chain'),
      () => 7,
    );
  });
  await tick();
  parent.open();
  await parentDone;
  await lesser;
  await new Promise((resolve) => setTimeout(resolve, 20));
  await dependant;
  return started;
}
