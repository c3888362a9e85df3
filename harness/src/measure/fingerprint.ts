// What the contract results depend on outside the repository's files, so that a result is
// replayed only when all of it is unchanged: the engine (version, storage driver, image store,
// runtime: see engine/identity.ts), Compose's version where an app is brought up with it, the
// image id of every base image the apps' Dockerfiles name (forged or pulled), the recipe hash
// of every forge recipe (it covers the host's CA bundle and package mirrors the forge tests
// build with), and the content of every host file an image copies (selftest's busybox).
// turbo hashes the file this is written to (see turbo.json, //#fingerprint).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { entries as allEntries } from '../catalogue/index.ts';
import type { AppEntry } from '../catalogue/types.ts';
import { engineIdentity, type EngineIdentity } from '../engine/identity.ts';
import { RecipeHasher } from '../forge/hash.ts';
import { readHostConfig } from '../forge/host.ts';
import { findImage } from '../forge/local-image.ts';
import { indexTags, loadRecipes } from '../forge/recipes.ts';
import { basesDir, repoRoot } from '../paths.ts';
import { baseRefsOf } from './bases.ts';

export interface Fingerprint {
  engine: EngineIdentity;
  /** `docker compose version --short` (or docker-compose's), when an app in scope has a Compose check. */
  compose?: string;
  /** Base image reference -> local image id ("absent" if it is not there). */
  bases: Record<string, string>;
  /** Forge recipe -> recipe hash. */
  recipes: Record<string, string>;
  /** Host path -> sha256 of its content. */
  hostFiles: Record<string, string>;
}

/**
 * `apps`: the entries this run builds (their base images); `everyApp`: whose host files count
 * (all of them: the harness's own tests copy selftest's busybox whatever LAB_APPS says).
 */
export async function measurementFingerprint(apps: AppEntry[], everyApp: AppEntry[] = allEntries): Promise<Fingerprint> {
  const [engine, compose, bases, recipes, hostFiles] = await Promise.all([engineIdentity(), composeVersion(apps), baseIds(apps), recipeHashes(), hostFileHashes(everyApp)]);
  return { engine, ...(compose ? { compose } : {}), bases, recipes, hostFiles };
}

/** One line for the fingerprint's digest, for logs. */
export function digestOf(fingerprint: Fingerprint): string {
  return createHash('sha256').update(JSON.stringify(fingerprint)).digest('hex');
}

async function baseIds(apps: AppEntry[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const ref of await baseRefsOf(apps)) out[ref] = (await findImage(ref))?.Id ?? 'absent';
  return out;
}

async function recipeHashes(): Promise<Record<string, string>> {
  const recipes = await loadRecipes(basesDir);
  const hasher = new RecipeHasher(indexTags(recipes), readHostConfig(repoRoot), async (ref) => (await findImage(ref))?.Id ?? null);
  const out: Record<string, string> = {};
  for (const recipe of recipes) out[recipe.name] = await hasher.hashOf(recipe);
  return out;
}

async function hostFileHashes(apps: AppEntry[]): Promise<Record<string, string>> {
  const paths = [...new Set(apps.flatMap((a) => Object.values(a.hostFiles ?? {})))].sort();
  const out: Record<string, string> = {};
  for (const file of paths) out[file] = await sha256(file).catch((error: Error) => `unreadable: ${error.message}`);
  return out;
}

/** Compose v2 (the plugin Testcontainers' compose environment runs), or Compose v1 where only it is installed. */
async function composeVersion(apps: AppEntry[]): Promise<string | undefined> {
  if (!apps.some((a) => a.compose)) return undefined;
  const run = promisify(execFile);
  const { stdout } = await run('docker', ['compose', 'version', '--short']).catch(() => run('docker-compose', ['version', '--short'])).catch(() => ({ stdout: 'none' }));
  return stdout.trim();
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
