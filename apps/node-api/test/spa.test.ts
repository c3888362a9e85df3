import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { CONTENT_SECURITY_POLICY, cacheControlFor, serveSpa } from '../src/spa.ts';
import { listen, memoryLogger } from './support/helpers.ts';

const indexHtml = '<!doctype html><title>spa</title><script type="module" src="/assets/app-Ab12.js"></script>';
const script = `console.log(${JSON.stringify('x'.repeat(2000))});`;
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'node-api-spa-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), indexHtml);
  await writeFile(path.join(dir, 'assets', 'app-Ab12.js'), script);
  await writeFile(path.join(dir, 'assets', 'app-Ab12.js.gz'), gzipSync(script));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function app() {
  return createApp({ config: { version: '1.2.3', revision: 'abc', bodyLimitBytes: 1024, staticDir: dir }, logger: memoryLogger() });
}

describe('with STATIC_DIR, the single-page app beside the API', () => {
  it('GET / is index.html, revalidated every time, with the security headers', async () => {
    await using server = await listen(app());
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(indexHtml);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });

  it('a deep link (/about) answers index.html with 200', async () => {
    await using server = await listen(app());
    const res = await fetch(`${server.url}/about`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(indexHtml);
  });

  it('a hashed asset is cached for a year, and sent precompressed to a client that takes gzip', async () => {
    await using server = await listen(app());
    const res = await fetch(`${server.url}/assets/app-Ab12.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(script);
  });

  it('a missing asset is a 404, not index.html', async () => {
    await using server = await listen(app());
    const res = await fetch(`${server.url}/assets/nope.js`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<!doctype html>');
  });

  it('the API still answers on its own paths, and POST to a page path is not the app', async () => {
    await using server = await listen(app());
    expect(await (await fetch(`${server.url}/items`)).json()).toEqual({ items: [], count: 0 });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/about`, { method: 'POST' })).status).toBe(404);
  });

  it('refuses a STATIC_DIR without index.html', async () => {
    expect(() => serveSpa(path.join(dir, 'assets'))).toThrow(/has no index.html/);
  });

  it('chooses Cache-Control by path: assets immutable, everything else revalidated', () => {
    expect(cacheControlFor('assets/index-Ab12.css.gz')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('index.html')).toBe('no-cache');
    expect(cacheControlFor('favicon.svg')).toBe('no-cache');
  });
});

describe('without STATIC_DIR', () => {
  it('serves the API alone: GET / is its JSON greeting', async () => {
    await using server = await listen(createApp({ config: { version: '1.2.3', revision: 'abc', bodyLimitBytes: 1024 }, logger: memoryLogger() }));
    expect(((await (await fetch(`${server.url}/`)).json()) as { service: string }).service).toBe('node-api');
  });
});
