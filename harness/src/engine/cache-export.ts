// LAB_BUILD_CACHE: BuildKit's cache kept outside the builder, so a CI job's next run (a fresh
// runner, an empty builder) reuses the steps the last one ran instead of running them again.
//   gha         GitHub Actions' cache service (buildx reads ACTIONS_RUNTIME_TOKEN and
//               ACTIONS_CACHE_URL/ACTIONS_RESULTS_URL, which a workflow step has to export)
//   local:DIR   a folder, one subfolder per build (what a test or a shared disk can hold)
// Each build exports with mode=max (every stage's layers, not only the image's: a multi-stage
// build's toolchain stages are the ones worth keeping) under a scope named after its tag and
// target, so builds of the same image replace their own entry and no other.
// The "docker" driver exports no cache on the classic image store (buildx refuses the build);
// a docker-container or remote builder (LAB_BUILDER) or the containerd image store can.
import path from 'node:path';

export type BuildCacheStore = { kind: 'gha' } | { kind: 'local'; dir: string };

const variable = 'LAB_BUILD_CACHE';

/** The cache store LAB_BUILD_CACHE names, or undefined (no cache import or export, as before). */
export function chosenBuildCache(env: NodeJS.ProcessEnv = process.env): BuildCacheStore | undefined {
  const value = (env[variable] ?? '').trim();
  if (!value) return undefined;
  if (value === 'gha') return { kind: 'gha' };
  const local = /^local:(.+)$/.exec(value);
  if (local && path.isAbsolute(local[1]!) && !/[,=]/.test(local[1]!)) return { kind: 'local', dir: local[1]! };
  throw new Error(
    `${variable} is '${value}': it takes 'gha' (GitHub Actions' cache) or 'local:/absolute/folder' (no ',' or '=' in the path), or nothing to keep no cache.`,
  );
}

/** "lab/node-api:multi" with target "production" -> "lab-node-api-multi-production": one cache entry per image and target. */
export function cacheScope(tag: string, target?: string): string {
  return [tag, target]
    .filter(Boolean)
    .join('-')
    .replace(/[^a-zA-Z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** buildx's --cache-from and --cache-to for one build. */
export function cacheFlags(store: BuildCacheStore, scope: string): string[] {
  if (store.kind === 'gha') return ['--cache-from', `type=gha,scope=${scope}`, '--cache-to', `type=gha,scope=${scope},mode=max`];
  const dir = path.join(store.dir, scope);
  return ['--cache-from', `type=local,src=${dir}`, '--cache-to', `type=local,dest=${dir},mode=max`];
}

/** What to do when buildx refused a build because its builder cannot export a cache. */
export const cacheExportRefused =
  `${variable} asks for BuildKit's cache to be exported, which the "docker" driver cannot do on the classic image store: ` +
  'name a docker-container or remote builder with LAB_BUILDER (scripts/buildkit starts one), use the containerd image store, or unset ' +
  variable;
