// The inspection cache (.cache/inspect/) is keyed by image id AND by the inspector that made
// the entry: the sha256 of this folder's sources, so a change to how images are read (a new
// fact, a fix to how `docker save` is parsed) is never answered from an older entry.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A digest of the TypeScript sources in `dir` (names and contents). */
export function sourcesDigest(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.ts'))
    .sort()) {
    hash
      .update(`${name}\0`)
      .update(readFileSync(path.join(dir, name)))
      .update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The inspector's version: it changes whenever a file of harness/src/inspect/ does. */
export const inspectorVersion = sourcesDigest(here);

/** Where the facts of one image, read by this inspector, are kept. */
export function inspectCacheFile(cacheDir: string, imageId: string): string {
  return path.join(cacheDir, 'inspect', inspectorVersion, `${imageId.replace(/^sha256:/, '')}.json`);
}

/** Where this inspector keeps its scans of single layers, by their blobs' digests (kept-layers.ts). */
export function inspectLayersDir(cacheDir: string): string {
  return path.join(cacheDir, 'inspect', inspectorVersion, 'layers');
}

let prepared: Promise<void> | undefined;

/** Makes this version's folder, once per process, and removes what older inspectors left. */
export function prepareInspectCache(cacheDir: string): Promise<void> {
  prepared ??= (async () => {
    const root = path.join(cacheDir, 'inspect');
    await mkdir(path.join(root, inspectorVersion), { recursive: true });
    for (const entry of await readdir(root)) if (entry !== inspectorVersion) await rm(path.join(root, entry), { recursive: true, force: true });
  })();
  return prepared;
}
