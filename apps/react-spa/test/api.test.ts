import { describe, expect, it } from 'vitest';
import { ApiError, fetchItems, itemsUrl, NoApiError } from '../src/api.ts';
import { json, stubFetch } from './support/fetch.ts';

const widget = { id: '1', name: 'widget', quantity: 3 };

describe('itemsUrl', () => {
  it('appends /items to the base, with or without a trailing slash', () => {
    expect(itemsUrl('https://api.example.com')).toBe('https://api.example.com/items');
    expect(itemsUrl('https://api.example.com/v1/')).toBe('https://api.example.com/v1/items');
  });

  it('is same-origin for an empty base', () => {
    expect(itemsUrl('')).toBe('/items');
  });
});

describe('fetchItems', () => {
  it('returns the items of a good answer, asking for JSON at the base URL', async () => {
    const fetch = stubFetch(() => json({ items: [widget], count: 1 }));
    await expect(fetchItems('https://api.example.com')).resolves.toEqual([widget]);
    expect(fetch).toHaveBeenCalledWith('https://api.example.com/items', expect.objectContaining({ headers: { accept: 'application/json' } }));
  });

  it('reports a status that is not 2xx', async () => {
    stubFetch(() => json({ error: 'internal' }, 500));
    await expect(fetchItems('')).rejects.toThrow(new ApiError('The items API answered 500.'));
  });

  it('reports an answer of the wrong shape', async () => {
    stubFetch(() => new Response('not json', { status: 200 }));
    await expect(fetchItems('')).rejects.toThrow(/does not understand/);
    stubFetch(() => json({ items: [{ id: 1, name: 'x' }] }));
    await expect(fetchItems('')).rejects.toThrow(/does not understand/);
  });

  it('says no API is there when a web page answers (the SPA alone sends every path to its index.html) or a 404', async () => {
    stubFetch(() => new Response('<!doctype html><title>app</title>', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } }));
    await expect(fetchItems('')).rejects.toThrow(new NoApiError('/items'));
    stubFetch(() => new Response('not found', { status: 404 }));
    await expect(fetchItems('https://api.example.com')).rejects.toThrow(/^No items API answers at https:\/\/api\.example\.com\/items: .*Run one there/);
  });

  it('reports an API that cannot be reached, naming its URL', async () => {
    stubFetch(() => Promise.reject(new TypeError('fetch failed')));
    await expect(fetchItems('https://api.example.com')).rejects.toThrow('The items API at https://api.example.com/items cannot be reached.');
  });

  it('lets a cancelled request end quietly as an abort, not as an API error', async () => {
    const controller = new AbortController();
    controller.abort();
    stubFetch(() => Promise.reject(new DOMException('aborted', 'AbortError')));
    await expect(fetchItems('', controller.signal)).rejects.toThrow(DOMException);
  });
});
