// The one API call of the app: the items API's GET /items. The answer is checked before it is used,
// so a proxy's HTML error page or a changed API shows as an error state, not as a crash.

export interface Item {
  id: string;
  name: string;
  quantity: number;
}

export class ApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * No items API at the URL: it answered 404, or with a web page instead of JSON (this app's own
 * index.html, when the SPA's server runs alone and sends every unknown path to it). What a
 * first run of the SPA without an API shows: a state to act on, not an error.
 */
export class NoApiError extends ApiError {
  constructor(url: string) {
    super(`No items API answers at ${url}: this page lists what an items API's GET /items answers. Run one there, or build this app with API_URL pointing at one.`);
    this.name = 'NoApiError';
  }
}

function isItem(value: unknown): value is Item {
  if (typeof value !== 'object' || value === null) return false;
  const { id, name, quantity } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof name === 'string' && typeof quantity === 'number';
}

/** The URL of the items endpoint under an API base URL ('' = same origin). */
export function itemsUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/items`;
}

export async function fetchItems(base: string, signal?: AbortSignal): Promise<Item[]> {
  const url = itemsUrl(base);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(`The items API at ${url} cannot be reached.`);
  }
  if (response.status === 404 || (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/html'))) throw new NoApiError(url);
  if (!response.ok) throw new ApiError(`The items API answered ${response.status}.`);
  const body: unknown = await response.json().catch(() => undefined);
  const items = (body as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items) || !items.every(isItem)) throw new ApiError('The items API sent an answer this page does not understand.');
  return items;
}
