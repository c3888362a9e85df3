// The one HTTP poll: it waits for a 200 with the expected text, and a timeout says what it last got.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpWaitTimeout, waitForAnswer } from '../../src/run/http-wait.ts';

let server: Server;
let url: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((_request, response) => {
    hits++;
    if (hits < 3) response.writeHead(503).end('starting');
    else response.writeHead(200).end(`ready after ${hits}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  url = `http://127.0.0.1:${address.port}/health`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('waitForAnswer', () => {
  it('polls until a 200 with the expected text', async () => {
    const answer = await waitForAnswer({ url, expectInBody: 'ready', withinMs: 5_000, intervalMs: 10 });
    expect(answer.body).toBe('ready after 3');
    expect(answer.ms).toBeLessThan(5_000);
  });

  it('says what it last got when the time runs out', async () => {
    const error = await waitForAnswer({ url, expectInBody: 'edited', withinMs: 200, intervalMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpWaitTimeout);
    expect((error as Error).message).toMatch(/^GET \/health did not answer 200 containing "edited" within 200 ms \(last: HTTP 200: ready after \d+\)$/);
  });

  it('stops at once when `between` throws (a container that exited)', async () => {
    const began = Date.now();
    const error = await waitForAnswer({
      url: 'http://127.0.0.1:9/',
      withinMs: 10_000,
      between: async () => Promise.reject(new Error('the container exited (code 1)')),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('the container exited (code 1)');
    expect(Date.now() - began).toBeLessThan(5_000);
  });
});
