// The base images an app's Dockerfiles name: made present before its builds (pulled, or
// forged where no registry answers), and described for the report (pulled or forged).
import type { AppEntry } from '../catalogue/types.ts';
import { docker } from '../engine/docker.ts';
import { describeBase, discoverBaseRefs, ensureBases, type BaseStatus } from '../forge/index.ts';
import { fromRepo } from '../paths.ts';

export interface BaseOrigin {
  ref: string;
  /** "forged locally (stand-in: ...)", "pulled" or "unknown". */
  origin: string;
  /** The local image id it resolved to. */
  id?: string;
  /** For a pulled image, the registry digest it came by. */
  digest?: string;
  /** For a forged one, the hash of the recipe it was forged from. */
  recipeHash?: string;
  /** Its size as the engine stores it (`docker image inspect`'s Size: the classic store's uncompressed bytes). */
  bytes?: number;
}

export async function baseRefsOf(entries: AppEntry[]): Promise<string[]> {
  const files = entries.flatMap((e) => Object.values(e.dockerfiles).map((f) => fromRepo(f)));
  return [...new Set((await discoverBaseRefs(files)).map((r) => r.ref))].sort();
}

/**
 * Makes every base image of these entries present; forges nothing when they need none. `also`
 * (the tutorial's recipes' bases, when the run builds them) are made in the same schedule, so
 * the forge's two slots take them beside the apps' long builds; one of them that cannot be made
 * fails nothing here (its recipe says so when it comes), an app's base does (EnsureOptions.also).
 */
export async function ensureBasesOf(entries: AppEntry[], log?: (line: string) => void, also: string[] = []): Promise<BaseStatus[]> {
  const refs = await baseRefsOf(entries);
  if (refs.length === 0 && also.length === 0) return [];
  return ensureBases({ refs, also, ...(log ? { log } : {}) });
}

export async function baseOriginsOf(entry: AppEntry): Promise<BaseOrigin[]> {
  const refs = await baseRefsOf([entry]);
  return Promise.all(
    refs.map(async (ref) => {
      const base = await describeBase(ref);
      const upstream = base.upstream
        ? Object.entries(base.upstream)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : '';
      // Which image exactly: its id, and for a pulled one the registry digest it came by.
      const info = await docker()
        .getImage(ref)
        .inspect()
        .catch(() => undefined);
      return {
        ref,
        origin: base.origin === 'forged' ? `forged locally (stand-in${upstream ? `: ${upstream}` : ''})` : base.origin,
        ...(info ? { id: info.Id } : {}),
        ...(info?.RepoDigests?.length ? { digest: info.RepoDigests[0]! } : {}),
        ...(info?.Size ? { bytes: info.Size } : {}),
        ...(base.recipeHash ? { recipeHash: base.recipeHash } : {}),
      };
    }),
  );
}
