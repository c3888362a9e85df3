// BuildKit cache mounts (`RUN --mount=type=cache,id=...`) by their ids: which records the
// engine holds for them, and emptying only those. The engine's cache is shared by every
// project on it, so the harness never prunes by type: only the ids its own Dockerfiles name.
import { docker } from './docker.ts';

export interface CacheMountRecord {
  /** BuildKit's record id (what the build-prune API's `id` filter matches). */
  recordId: string;
  /** The mount's id, as the Dockerfile names it. */
  mountId: string;
  inUse: boolean;
  size: number;
}

/**
 * The mount id in a record's description: BuildKit names cache-mount records
 * `cached mount <target> from exec <command> with id "/<id>"`.
 */
export function mountIdOf(description: string): string | null {
  const match = / with id "\/?(.*)"$/.exec(description);
  return match ? (match[1] ?? null) : null;
}

interface BuildCacheRecord {
  ID: string;
  Type: string;
  Description?: string;
  InUse?: boolean;
  Size?: number;
}

/** The engine's cache-mount records for these mount ids. */
export async function cacheMountRecords(mountIds: string[]): Promise<CacheMountRecord[]> {
  const wanted = new Set(mountIds.map((id) => id.replace(/^\//, '')));
  const usage = await dial<{ BuildCache?: BuildCacheRecord[] | null }>({ path: '/system/df?', method: 'GET', options: { type: ['build-cache'] }, statusCodes: { 200: true, 500: 'server error' } });
  return (usage.BuildCache ?? []).flatMap((record) => {
    if (record.Type !== 'exec.cachemount') return [];
    const mountId = mountIdOf(record.Description ?? '');
    return mountId !== null && wanted.has(mountId) ? [{ recordId: record.ID, mountId, inUse: record.InUse ?? false, size: record.Size ?? 0 }] : [];
  });
}

/**
 * Empties the cache mounts with these ids (and no other): their records are pruned by record
 * id, which the engine's build-prune API matches as a regular expression. Returns what was removed.
 */
export async function emptyCacheMounts(mountIds: string[]): Promise<CacheMountRecord[]> {
  const records = await cacheMountRecords(mountIds);
  if (records.length === 0) return [];
  const pattern = `^(${records.map((r) => r.recordId.replace(/[^A-Za-z0-9]/g, '\\$&')).join('|')})$`;
  // dockerode's pruneBuilder() sends no filters, so the API call is made as the CLI makes it.
  const removed = await dial<{ CachesDeleted?: string[] | null }>({ path: '/build/prune?', method: 'POST', options: { filters: { id: [pattern] } }, statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' } });
  const deleted = new Set(removed.CachesDeleted ?? []);
  return records.filter((r) => deleted.has(r.recordId));
}

/** One engine API call through dockerode's modem (for endpoints and parameters it does not wrap). */
function dial<T>(request: { path: string; method: string; options: object; statusCodes: Record<number, boolean | string> }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker().modem.dial(request, (error: unknown, data: unknown) => (error ? reject(error as Error) : resolve((data ?? {}) as T)));
  });
}
