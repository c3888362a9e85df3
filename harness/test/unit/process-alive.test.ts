// The one liveness test the sweeps share: this process lives, an ended child does not, and pid 1
// (another user's process to an unprivileged caller: EPERM) counts as alive, never swept; nor
// does a zombie, a child that has ended and that its parent has not reaped.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
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

  it.runIf(process.platform === 'linux')('says no for a zombie, which signal 0 still reaches', async () => {
    // The shell starts a short sleep and becomes a long one, which never waits for it: the short one
    // ends after the exec (the shell would have reaped it before) and stays a zombie.
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const [line] = (await once(parent.stdout, 'data')) as [Buffer];
      const zombie = Number(line.toString().trim());
      const state = () => readFileSync(`/proc/${zombie}/stat`, 'latin1').split(') ')[1]![0];
      for (let i = 0; i < 100 && state() !== 'Z'; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(state(), `pid ${zombie}'s state`).toBe('Z');
      expect(() => process.kill(zombie, 0)).not.toThrow();
      expect(processIsAlive(zombie), `pid ${zombie} has ended (a zombie: only its pid is left)`).toBe(false);
      expect(processIsAlive(parent.pid!)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
      await once(parent, 'exit').catch(() => undefined);
    }
  });
});
