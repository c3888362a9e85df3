// The sweep of build clients a killed run left: found by the run id in their environment, and
// stopped only when their run is dead. A real child process stands in for a buildx client.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { processesWithRunId, runIdOfEnviron, runIdVariable, stopOrphanedClients } from '../../src/engine/orphaned-clients.ts';

describe('orphaned build clients', () => {
  it('reads the run id out of an environment block', () => {
    expect(runIdOfEnviron(`PATH=/bin\0${runIdVariable}=host.12.abc\0HOME=/root\0`)).toBe('host.12.abc');
    expect(runIdOfEnviron('PATH=/bin\0HOME=/root\0')).toBeUndefined();
  });

  it('stops a client of a dead run and leaves a client of a live one', async () => {
    const dead = `test-host.999999.${process.pid}dead`;
    const live = `test-host.999998.${process.pid}live`;
    const start = (id: string) => spawn('sleep', ['60'], { env: { ...process.env, [runIdVariable]: id }, stdio: 'ignore' });
    const orphan = start(dead);
    const kept = start(live);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const ids = processesWithRunId().map((p) => p.runId);
      expect(ids).toContain(dead);
      expect(ids).toContain(live);
      const exited = once(orphan, 'exit');
      const stopped = stopOrphanedClients((id) => id !== dead);
      expect(stopped).toBe(1);
      const [, signal] = await exited;
      expect(signal).toBe('SIGTERM');
      expect(kept.exitCode).toBeNull();
    } finally {
      orphan.kill('SIGKILL');
      kept.kill('SIGKILL');
    }
  });

  it('finds nothing where there is no /proc', () => {
    expect(processesWithRunId('/nonexistent-proc')).toEqual([]);
  });
});
