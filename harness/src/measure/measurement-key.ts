// The key one app's measurements are kept under (measured-store.ts), so that `pnpm verify` and
// the contract tests replay each other's: everything the measurement depends on, inside the tree
// (tree-digest.ts: the files turbo hashes into test:contract's key, but the harness folders no
// measurement reads) and outside it (the fingerprint turbo hashes too: engine, builder, measuring
// tools, the app's base image ids, the recipes, the images of theirs the app names, host files,
// the result environment), and the build args stamped into
// the images (REVISION is HEAD's commit unless LAB_REVISION says otherwise: a new commit builds
// other images). LAB_APPS is left out: it says which apps a run measures, not how one is measured,
// so `pnpm verify --app go-api` and `LAB_APPS=go-api pnpm test` share go-api's key.
import { createHash } from 'node:crypto';
import { entries as allEntries } from '../catalogue/index.ts';
import type { AppEntry } from '../catalogue/types.ts';
import { repoRoot } from '../paths.ts';
import { labBuildArgs } from './version-args.ts';
import { machineSources, measurementFingerprint, type Fingerprint } from './fingerprint.ts';
import { resultEnvironmentOf } from './result-env.ts';
import { treeDigest } from './tree-digest.ts';

/** Bumped when what is stored under a key changes shape in a way the tree does not show. */
const storeFormat = 1;

/** Where each input of the key comes from: this machine and tree, or (in tests) stand-ins. */
export interface KeySources {
  tree: () => Promise<string | undefined>;
  fingerprint: (entry: AppEntry) => Promise<Fingerprint>;
  buildArgs: () => { VERSION: string; REVISION: string };
}

export const machineKeySources: KeySources = {
  tree: () => treeDigest(repoRoot),
  fingerprint: (entry) => measurementFingerprint([entry], allEntries, { ...machineSources, env: () => keyEnvironmentOf(process.env) }),
  buildArgs: labBuildArgs,
};

/** The result environment (result-env.ts) but LAB_APPS, as the key holds it. */
export function keyEnvironmentOf(env: NodeJS.ProcessEnv): Record<string, string> {
  const { LAB_APPS: _apps, ...rest } = env;
  return resultEnvironmentOf(rest);
}

/**
 * The fingerprint as one app's measurements depend on it: of the images the forge's recipes make,
 * those the app builds on or its entry names (a tip's image), not every one. The fingerprint turbo
 * hashes names them all (the forge and trust tests use them); here an image another app or test
 * needs, made present between a `pnpm verify` and a `pnpm test`, would measure every app again.
 */
export function appFingerprint(fingerprint: Fingerprint, entry: AppEntry): Fingerprint {
  const named = JSON.stringify(entry);
  const recipeImages = Object.fromEntries(Object.entries(fingerprint.recipeImages).filter(([ref]) => ref in fingerprint.bases || named.includes(`"${ref}"`)));
  return { ...fingerprint, recipeImages };
}

/** The key of `entry`'s measurements; undefined when the tree cannot be described (nothing is then replayed). */
export async function measurementKey(entry: AppEntry, sources: KeySources = machineKeySources): Promise<string | undefined> {
  const [tree, fingerprint] = await Promise.all([sources.tree(), sources.fingerprint(entry)]);
  if (!tree) return undefined;
  const parts = { storeFormat, app: entry.name, tree, fingerprint: appFingerprint(fingerprint, entry), buildArgs: sources.buildArgs() };
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
