// The one liveness test the sweeps share: this process lives, an ended child does not, and pid 1
// (another user's process to an unprivileged caller: EPERM) counts as alive, never swept.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processIsAlive } from '../../src/process-alive.ts';

describe('processIsAlive', () => {
  it('says yes for a running process and no for one that ended or no pid', () => {
    expect(processIsAlive(process.pid)).toBe(true);
    expect(processIsAlive(1)).toBe(true);
    const ended = spawnSync('true').pid;
    expect(processIsAlive(ended)).toBe(false);
    expect(processIsAlive(0)).toBe(false);
    expect(processIsAlive(Number.NaN)).toBe(false);
  });
});
