import { describe, expect, it } from 'vitest';
import { createApp, GREETING, type AppState } from '../src/app.ts';
import { createMemoryStore, type ItemStore } from '../src/items.ts';
import { listen, memoryLogger } from './support/helpers.ts';

const config = { version: '1.2.3', revision: 'abc1234', bodyLimitBytes: 1024 };

function appWith(options: { state?: AppState; store?: ItemStore } = {}) {
  const logger = memoryLogger();
  return { logger, app: createApp({ config, logger, ...options }) };
}

async function postJson(url: string, body: string, contentType = 'application/json') {
  return fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
}

describe('probes and metadata', () => {
  it('GET /health answers 200 ok', async () => {
    await using server = await listen(appWith().app);
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready follows the readiness state', async () => {
    const state: AppState = { ready: false, draining: false };
    await using server = await listen(appWith({ state }).app);
    expect((await fetch(`${server.url}/ready`)).status).toBe(503);
    state.ready = true;
    const ready = await fetch(`${server.url}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    state.draining = true;
    const draining = await fetch(`${server.url}/ready`);
    expect([draining.status, await draining.json()]).toEqual([503, { status: 'draining' }]);
  });

  it('GET /version reports the build version and revision', async () => {
    await using server = await listen(appWith().app);
    expect(await (await fetch(`${server.url}/version`)).json()).toEqual({
      version: '1.2.3',
      revision: 'abc1234',
      node: process.version,
    });
  });

  it('GET / greets', async () => {
    await using server = await listen(appWith().app);
    expect(await (await fetch(server.url)).json()).toEqual({ service: 'node-api', message: GREETING, version: '1.2.3' });
  });

  it('does not advertise Express and echoes a safe request id', async () => {
    await using server = await listen(appWith().app);
    const res = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'req-42' } });
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toBe('req-42');
    const unsafe = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'bad id <script>' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('items', () => {
  it('creates an item, then gets and lists it', async () => {
    await using server = await listen(appWith().app);
    const created = await postJson(`${server.url}/items`, JSON.stringify({ name: 'widget', quantity: 3 }));
    expect(created.status).toBe(201);
    const item = (await created.json()) as { id: string; name: string; quantity: number };
    expect(item).toMatchObject({ name: 'widget', quantity: 3 });
    expect(created.headers.get('location')).toBe(`/items/${item.id}`);

    expect(await (await fetch(`${server.url}/items/${item.id}`)).json()).toEqual(item);
    expect(await (await fetch(`${server.url}/items`)).json()).toEqual({ items: [item], count: 1 });
  });

  it('answers 404 for an unknown item', async () => {
    await using server = await listen(appWith().app);
    const res = await fetch(`${server.url}/items/does-not-exist`);
    expect([res.status, await res.json()]).toEqual([404, { error: 'not_found', message: 'No item with this id' }]);
  });

  it('answers 400 with the invalid fields', async () => {
    await using server = await listen(appWith().app);
    const res = await postJson(`${server.url}/items`, JSON.stringify({ name: '', quantity: 'many' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'validation_failed',
      message: 'The item is invalid',
      details: [
        { field: 'name', message: 'must not be empty' },
        { field: 'quantity', message: 'must be an integer from 0 to 1000000' },
      ],
    });
  });

  it('answers 400 on malformed JSON', async () => {
    await using server = await listen(appWith().app);
    const res = await postJson(`${server.url}/items`, '{"name": "widget"');
    expect([res.status, await res.json()]).toEqual([400, { error: 'invalid_json', message: 'The request body is not valid JSON' }]);
  });

  it('answers 400 when a JSON request has an empty body', async () => {
    await using server = await listen(appWith().app);
    const res = await postJson(`${server.url}/items`, '');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'validation_failed', details: [{ field: 'name' }] });
  });

  it('answers 413 on a body over the limit', async () => {
    await using server = await listen(appWith().app);
    const res = await postJson(`${server.url}/items`, JSON.stringify({ name: 'x'.repeat(2000) }));
    expect([res.status, await res.json()]).toEqual([413, { error: 'payload_too_large', message: 'The request body exceeds 1024 bytes' }]);
  });

  it('answers 415 on a body that is not JSON, or of no declared type', async () => {
    await using server = await listen(appWith().app);
    const form = await postJson(`${server.url}/items`, 'name=widget', 'application/x-www-form-urlencoded');
    expect([form.status, await form.json()]).toEqual([415, { error: 'unsupported_media_type', message: 'Content-Type must be application/json' }]);
    expect((await fetch(`${server.url}/items`, { method: 'POST' })).status).toBe(415);
  });
});

describe('errors', () => {
  it('answers 404 in JSON for an unknown route', async () => {
    await using server = await listen(appWith().app);
    const res = await fetch(`${server.url}/nope`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: 'not_found', message: 'No route for DELETE /nope' });
  });

  it('answers 500 without leaking the error, and logs it', async () => {
    const failing: ItemStore = {
      ...createMemoryStore(),
      list: () => {
        throw new Error('database password is hunter2');
      },
    };
    const { app, logger } = appWith({ store: failing });
    await using server = await listen(app);
    const res = await fetch(`${server.url}/items`);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: 'internal', message: 'Internal server error' });
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
    const logged = logger.lines.find((l) => l.msg === 'unhandled error') as { err: { message: string; stack: string } };
    expect(logged.err.message).toBe('database password is hunter2');
    expect(logged.err.stack).toContain('app.test.ts');
  });

  it('logs each request with its status and duration', async () => {
    const { app, logger } = appWith();
    await using server = await listen(app);
    await fetch(`${server.url}/nope`);
    // The log line is written when the response finishes, which may be just after the client has it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logger.lines.find((l) => l.msg === 'request')).toMatchObject({ method: 'GET', path: '/nope', status: 404, level: 'info' });
  });
});
