// The second engine some tests start (support/second-engine.ts) leaves the shared engine whole:
// its default bridge interface is still there after the second one started and stopped (a dockerd
// with --bridge=none deletes docker0, after which no container or RUN step of the shared engine
// can start), and the second engine's own bridge is gone.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docker } from '../../src/engine/docker.ts';
import { startSecondEngine } from './support/second-engine.ts';

describe('a second engine of a test', () => {
  it("starts and stops without touching the shared engine's default bridge", async () => {
    const network = await docker().getNetwork('bridge').inspect();
    const shared = (network.Options as Record<string, string> | undefined)?.['com.docker.network.bridge.name'];
    expect(shared, 'the shared engine names its default bridge').toBeTruthy();
    const before = existsSync(`/sys/class/net/${shared}`);
    const engine = await startSecondEngine({});
    if (typeof engine === 'string') throw new Error(engine);
    expect(existsSync(`/sys/class/net/${shared}`), `${shared} while the second engine runs`).toBe(before);
    await engine.stop();
    expect(existsSync(`/sys/class/net/${shared}`), `${shared} after the second engine stopped`).toBe(before);
    expect(existsSync(`/sys/class/net/lab2nd${process.pid}`), "the second engine's own bridge is removed").toBe(false);
  });
});
