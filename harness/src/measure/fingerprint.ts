// What the contract results depend on outside the repository's files, so that a result is
// replayed only when all of it is unchanged: the engine (version, storage driver, image store,
// runtime, registry mirrors: see engine/engine-identity.ts), the builder (buildx, the builder's name,
// driver and BuildKit: engine/builder.ts), the tools that measure (the Node and zlib that gzip
// the layers for the compressed sizes, the Chromium that loads the pages), Compose's version
// where an app is brought up with it, the environment the results read (result-env.ts, hashed),
// the image id of every base image the apps' Dockerfiles name and of every image the forge's
// recipes make (forged or pulled: the contract suite's own tests use them beyond the apps, e.g.
// trust.test.ts runs eclipse-temurin:25-jre), the recipe hash of every forge recipe (it covers
// the host's CA bundle and package mirrors the forge tests build with), and the content of every
// host file an image copies (selftest's busybox). turbo hashes the file this is written to (see
// turbo.json, //#fingerprint).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { chromiumPath } from '../browser/chromium.ts';
import { entries as allEntries } from '../catalogue/index.ts';
import type { AppEntry } from '../catalogue/types.ts';
import { builderFacts, type BuilderFacts } from '../engine/builder.ts';
import { engineIdentity, type EngineIdentity } from '../engine/engine-identity.ts';
import { RecipeHasher } from '../forge/hash.ts';
import { readHostConfig } from '../forge/host.ts';
import { findImage } from '../forge/local-image.ts';
import { indexTags, loadRecipes } from '../forge/recipes.ts';
import { basesDir, repoRoot } from '../paths.ts';
import { baseRefsOf } from './bases.ts';
import { resultEnvironmentOf } from './result-env.ts';

const run = promisify(execFile);

export interface Fingerprint {
  engine: EngineIdentity;
  /** What builds the images: buildx and its builder (engine/builder.ts). */
  builder: BuilderFacts;
  /** What measures them: the Node and zlib that compute compressed sizes, the browser that loads the pages. */
  tools: { node: string; zlib: string; chromium: string };
  /** `docker compose version --short` (or docker-compose's), when an app in scope has a Compose check. */
  compose?: string;
  /** The result environment (result-env.ts): variable -> hash of its value. */
  env: Record<string, string>;
  /** Base image reference -> local image id ("absent" if it is not there). */
  bases: Record<string, string>;
  /** Every image a forge recipe makes -> local image id: the contract suite's forge and trust tests use them whatever LAB_APPS says. */
  recipeImages: Record<string, string>;
  /** Forge recipe -> recipe hash. */
  recipes: Record<string, string>;
  /** Host path -> sha256 of its content. */
  hostFiles: Record<string, string>;
}

/** Where each part of the fingerprint comes from: the machine, or (in tests) stand-ins. */
export interface FingerprintSources {
  engine: () => Promise<EngineIdentity>;
  builder: () => Promise<BuilderFacts>;
  tools: () => Promise<Fingerprint['tools']>;
  compose: (apps: AppEntry[]) => Promise<string | undefined>;
  env: () => Record<string, string>;
  bases: (apps: AppEntry[]) => Promise<Record<string, string>>;
  recipeImages: () => Promise<Record<string, string>>;
  recipes: () => Promise<Record<string, string>>;
  hostFiles: (apps: AppEntry[]) => Promise<Record<string, string>>;
}

export const machineSources: FingerprintSources = {
  engine: engineIdentity,
  builder: () => builderFacts(),
  tools: measuringTools,
  compose: composeVersion,
  env: () => resultEnvironmentOf(process.env),
  bases: baseIds,
  recipeImages,
  recipes: recipeHashes,
  hostFiles: hostFileHashes,
};

/**
 * `apps`: the entries this run builds (their base images); `everyApp`: whose host files count
 * (all of them: the harness's own tests copy selftest's busybox whatever LAB_APPS says).
 */
export async function measurementFingerprint(
  apps: AppEntry[],
  everyApp: AppEntry[] = allEntries,
  sources: FingerprintSources = machineSources,
): Promise<Fingerprint> {
  const [engine, builder, tools, compose, bases, recipeImageIds, recipes, hostFiles] = await Promise.all([
    sources.engine(),
    sources.builder(),
    sources.tools(),
    sources.compose(apps),
    sources.bases(apps),
    sources.recipeImages(),
    sources.recipes(),
    sources.hostFiles(everyApp),
  ]);
  return { engine, builder, tools, ...(compose ? { compose } : {}), env: sources.env(), bases, recipeImages: recipeImageIds, recipes, hostFiles };
}

/** One line for the fingerprint's digest, for logs. */
export function digestOf(fingerprint: Fingerprint): string {
  return createHash('sha256').update(JSON.stringify(fingerprint)).digest('hex');
}

async function idsOf(refs: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const ref of refs) out[ref] = (await findImage(ref))?.Id ?? 'absent';
  return out;
}

async function baseIds(apps: AppEntry[]): Promise<Record<string, string>> {
  return idsOf(await baseRefsOf(apps));
}

async function recipeImages(): Promise<Record<string, string>> {
  return idsOf([...indexTags(await loadRecipes(basesDir)).keys()].sort());
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

/** This process's Node and zlib (they gzip the layers for the compressed sizes), and the browser's version. */
async function measuringTools(): Promise<Fingerprint['tools']> {
  const browser = chromiumPath();
  // Debian's chromium is a shell wrapper that may warn on stderr; the version is on stdout.
  const chromium = existsSync(browser)
    ? await run(browser, ['--version'], { timeout: 30_000 }).then(
        ({ stdout }) => stdout.trim() || 'no version',
        (error: Error) => `unreadable: ${error.message.split('\n')[0]}`,
      )
    : `absent (${browser})`;
  return { node: process.versions.node, zlib: process.versions.zlib ?? 'unknown', chromium };
}

/** Compose v2 (the plugin Testcontainers' compose environment runs), or Compose v1 where only it is installed. */
async function composeVersion(apps: AppEntry[]): Promise<string | undefined> {
  if (!apps.some((a) => a.compose)) return undefined;
  const { stdout } = await run('docker', ['compose', 'version', '--short'])
    .catch(() => run('docker-compose', ['version', '--short']))
    .catch(() => ({ stdout: 'none' }));
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
