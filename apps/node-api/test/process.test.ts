// The entry points as the container runs them: real processes, real signals.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { listen, memoryLogger } from './support/helpers.ts';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const healthcheck = fileURLToPath(new URL('../src/healthcheck.cts', import.meta.url));

function run(file: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [file], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves with the first JSON log line whose msg is `msg`. */
function waitForLog(child: ChildProcess, msg: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        if (line.msg === msg) resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before logging "${msg}"`)));
  });
}

// Each test starts Node processes: on a loaded 2-core CI machine (a load average of 20 gives a
// process a tenth of a core) two starts took over 10 s. The time to exit after the signal is
// still held to 2 s, as `docker stop` holds it.
const processes = { timeout: 60_000 };

describe('src/main.ts', processes, () => {
  it('exits 0 promptly on SIGTERM and on SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = run(main, { PORT: '0', HOST: '127.0.0.1' });
      const listening = await waitForLog(child, 'listening');
      expect(listening.port).toBeGreaterThan(0);
      const exited = once(child, 'exit');
      const started = Date.now();
      child.kill(signal);
      const [code, killedBy] = (await exited) as [number | null, NodeJS.Signals | null];
      expect({ signal, code, killedBy }).toEqual({ signal, code: 0, killedBy: null });
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it('refuses to start on invalid configuration, naming the problem', async () => {
    const child = run(main, { PORT: 'eighty' });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(stderr).toContain('PORT must be an integer');
  });
});

describe('src/healthcheck.cts', processes, () => {
  it('exits 0 when /health answers 200', async () => {
    await using server = await listen(createApp({ config: { version: 't', revision: 't', bodyLimitBytes: 1024 }, logger: memoryLogger() }));
    const child = run(healthcheck, { PORT: new URL(server.url).port });
    expect((await once(child, 'exit'))[0]).toBe(0);
  });

  it('exits 1 when nothing listens', async () => {
    // Take a free port, then free it again.
    const port = await (async () => {
      await using server = await listen(() => undefined);
      return new URL(server.url).port;
    })();
    const child = run(healthcheck, { PORT: port });
    expect((await once(child, 'exit'))[0]).toBe(1);
  });
});
