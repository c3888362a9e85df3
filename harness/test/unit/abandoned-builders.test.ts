// Which run dirs the sweep of abandoned builders takes (src/engine/abandoned-builders.ts): those of
// its prefix whose pid is no longer running, nothing else in the folder. The sweep itself, on real
// builders, is test/contract/abandoned-builders.test.ts.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { abandonedBuilderNames, pidNamedBuilder, stopAbandonedBuilders } from '../../src/engine/abandoned-builders.ts';

describe('abandonedBuilderNames', () => {
  it('takes the run dirs of the prefix whose pid has ended, and leaves a live pid, another name and a user builder', () => {
    const entries = [
      'lab-buildkit-lab-remote', // the builder a user starts: no pid
      'lab-buildkit-lab-remote-test-111', // its run has ended
      'lab-buildkit-lab-remote-test-222', // its run is going
      'lab-buildkit-lab-remote-test-111-copy',
      'lab-buildkit-lab-remote-test-',
      'lab-buildkit-other-333',
      'lab-dockerd-444',
    ];
    const alive = (pid: number) => pid === 222;
    expect(abandonedBuilderNames(entries, { prefix: 'lab-remote-test-' }, alive)).toEqual(['lab-remote-test-111']);
  });

  it("names a run's builder by its pid", () => {
    expect(pidNamedBuilder('lab-remote-test-', 4242)).toBe('lab-remote-test-4242');
    expect(pidNamedBuilder('lab-remote-test-')).toBe(`lab-remote-test-${process.pid}`);
  });

  it("finds nothing to stop where the run dirs' folder is missing", async () => {
    expect(await stopAbandonedBuilders({ prefix: 'lab-remote-test-', root: path.join(tmpdir(), `no-such-folder.${process.pid}`) })).toEqual([]);
  });
});
