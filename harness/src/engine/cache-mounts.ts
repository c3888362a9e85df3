// BuildKit cache mounts (`RUN --mount=type=cache,id=...`) by their ids: which records the
// engine holds for them, and emptying only those. The engine's cache is shared by every
// project on it, so the harness never prunes by type: only the ids its own Dockerfiles name.
// On a builder LAB_BUILDER names, its cache is the builder's, not the engine's: read and pruned
// through `docker buildx du/prune --builder` instead of the engine's API.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chosenBuilder } from './builder.ts';
import { docker } from './docker.ts';

const run = promisify(execFile);

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

/**
 * `docker buildx du --verbose` output -> its records: blank-line separated blocks of
 * "Key:<tabs>value" lines, a Description running on over lines of its own (a RUN's script).
 */
export function parseBuildxDu(output: string): BuildCacheRecord[] {
  return output.split(/\n\s*\n/).flatMap((block) => {
    const fields = new Map<string, string>();
    let last = '';
    for (const line of block.split('\n')) {
      const field = /^([A-Z][A-Za-z ]*):\t+(.*)$/.exec(line);
      if (field) fields.set((last = field[1]!), field[2]!);
      else if (last) fields.set(last, `${fields.get(last)}\n${line}`);
    }
    const id = fields.get('ID');
    if (!id) return [];
    return [{ ID: id, Type: fields.get('Type') ?? '', Description: fields.get('Description') ?? '', InUse: fields.get('In use') === 'true', Size: 0 }];
  });
}

/** The builder's records: the engine's API for its own, buildx for one LAB_BUILDER names. */
async function buildCacheRecords(builder = chosenBuilder()): Promise<BuildCacheRecord[]> {
  if (builder) {
    const { stdout } = await run('docker', ['buildx', 'du', '--builder', builder, '--verbose', '--filter', 'type=exec.cachemount'], {
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return parseBuildxDu(stdout);
  }
  const usage = await dial<{ BuildCache?: BuildCacheRecord[] | null }>({
    path: '/system/df?',
    method: 'GET',
    options: { type: ['build-cache'] },
    statusCodes: { 200: true, 500: 'server error' },
  });
  return usage.BuildCache ?? [];
}

/** The builder's cache-mount records for these mount ids. */
export async function cacheMountRecords(mountIds: string[]): Promise<CacheMountRecord[]> {
  const wanted = new Set(mountIds.map((id) => id.replace(/^\//, '')));
  return (await buildCacheRecords()).flatMap((record) => {
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
  const builder = chosenBuilder();
  if (builder) {
    // One record at a time, by its exact id (buildx hands the filter to BuildKit as given).
    const removed: CacheMountRecord[] = [];
    for (const record of records.filter((r) => !r.inUse)) {
      const { stdout } = await run('docker', ['buildx', 'prune', '--builder', builder, '--force', '--verbose', '--filter', `id=${record.recordId}`], {
        timeout: 60_000,
      });
      if (stdout.includes(record.recordId)) removed.push(record);
    }
    return removed;
  }
  const pattern = `^(${records.map((r) => r.recordId.replace(/[^A-Za-z0-9]/g, '\\$&')).join('|')})$`;
  // dockerode's pruneBuilder() sends no filters, so the API call is made as the CLI makes it.
  const removed = await dial<{ CachesDeleted?: string[] | null }>({
    path: '/build/prune?',
    method: 'POST',
    options: { filters: { id: [pattern] } },
    statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
  });
  const deleted = new Set(removed.CachesDeleted ?? []);
  return records.filter((r) => deleted.has(r.recordId));
}

/** One engine API call through dockerode's modem (for endpoints and parameters it does not wrap). */
function dial<T>(request: { path: string; method: string; options: object; statusCodes: Record<number, boolean | string> }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    docker().modem.dial(request, (error: unknown, data: unknown) => (error ? reject(error as Error) : resolve((data ?? {}) as T)));
  });
}
