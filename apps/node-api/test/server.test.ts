import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import express from 'express';
import { createApp, type AppState } from '../src/app.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { memoryLogger } from './support/helpers.ts';

// A slow route next to the real app, to have a request in flight during shutdown. `arrived`
// settles once the server holds such a request: waiting for it, not for a fixed pause, keeps the
// tests right on a loaded machine (a 50 ms pause let shutdown start before the request came in).
async function start(shutdownTimeoutMs: number, slowMs: number): Promise<{ running: RunningServer; state: AppState; url: string; arrived: Promise<void> }> {
  const logger = memoryLogger();
  const state: AppState = { ready: false, draining: false };
  const app = express();
  let onArrival = () => {};
  const arrived = new Promise<void>((resolve) => (onArrival = resolve));
  app.get('/slow', (_req, res) => {
    onArrival();
    setTimeout(() => res.json({ done: true }), slowMs);
  });
  app.use(createApp({ config: { version: 't', revision: 't', bodyLimitBytes: 1024 }, logger, state }));
  const running = await startServer({ app, port: 0, host: '127.0.0.1', logger, state, shutdownTimeoutMs });
  return { running, state, url: `http://127.0.0.1:${running.address.port}`, arrived };
}

/** A raw GET on its own keep-alive socket (fetch would pool and hide the connection handling). */
function get(url: string): Promise<{ status: number; body: string; connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'keep-alive' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startServer', () => {
  it('becomes ready once listening', async () => {
    const { running, state, url } = await start(1000, 0);
    expect(state.ready).toBe(true);
    expect((await get(`${url}/ready`)).status).toBe(200);
    await running.shutdown('test');
  });

  it('finishes in-flight requests, refuses new connections, and resolves promptly', async () => {
    // A long deadline: finishing well before it shows nothing waited for it.
    const { running, state, url, arrived } = await start(4000, 300);
    const inFlight = get(`${url}/slow`);
    await arrived;

    const started = Date.now();
    const stopped = running.shutdown('SIGTERM');
    expect(state.draining).toBe(true);
    await expect(get(`${url}/health`)).rejects.toThrow(/ECONNREFUSED/);

    const answer = await inFlight;
    expect(answer).toMatchObject({ status: 200, body: '{"done":true}' });
    expect(answer.connection).toBe('close');
    expect(await stopped).toEqual({ forced: false });
    // Not held open by the finished keep-alive socket (Node keeps those 5 s) nor by the deadline.
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('does not wait for idle keep-alive connections', async () => {
    const { running, url } = await start(4000, 0);
    await get(`${url}/health`); // leaves an idle keep-alive socket behind (Node keeps it 5 s)
    const started = Date.now();
    expect(await running.shutdown('SIGTERM')).toEqual({ forced: false });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('cuts off requests still running at the deadline', async () => {
    const { running, url, arrived } = await start(200, 5000);
    const hung = get(`${url}/slow`).catch((err: Error) => err);
    await arrived;
    const started = Date.now();
    expect(await running.shutdown('SIGTERM')).toEqual({ forced: true });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(2000);
    expect(await hung).toBeInstanceOf(Error);
  });

  it('returns the same promise when asked to shut down twice', async () => {
    const { running } = await start(1000, 0);
    const first = running.shutdown('SIGTERM');
    expect(running.shutdown('SIGINT')).toBe(first);
    await first;
  });
});
