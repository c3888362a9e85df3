// A recipe image's sizes and packages, measured by inspect/ (its definitions of uncompressed
// and gzip'd, its package counts)
// and kept by the image's layers rather than its id: each run labels its images as its own, so
// the id changes every run while the layers (and so the sizes) do not, and a 1 GB image is then
// read and gzip'd once, not every run. Keyed by the inspector's version too, like inspect/'s cache.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { docker } from '../engine/docker.ts';
import { inspectorVersion } from '../inspect/cache-key.ts';
import { inspectImage } from '../inspect/image.ts';
import { countPackages, type PackageCounts } from '../inspect/packages.ts';
import { cacheDir } from '../paths.ts';
import { writeFileAtomic } from '../write-atomic.ts';

export interface RecipeSizes {
  uncompressedBytes: number;
  compressedBytes: number;
  packages: PackageCounts;
  user: string;
  id: string;
}

/** The cache file of a list of layer digests. */
export function sizesCacheFile(layers: string[], dir = cacheDir): string {
  const key = createHash('sha256').update(layers.join('\n')).digest('hex');
  return path.join(dir, 'recipes', inspectorVersion, `${key}.json`);
}

export async function recipeSizes(ref: string): Promise<RecipeSizes> {
  const info = await docker().getImage(ref).inspect();
  const user = info.Config?.User ?? '';
  const file = sizesCacheFile(info.RootFS?.Layers ?? [info.Id]);
  const known = await readFile(file, 'utf8').then(
    (text) => JSON.parse(text) as Omit<RecipeSizes, 'user' | 'id'>,
    () => undefined,
  );
  // An entry of an older shape (without packages) is measured again.
  if (known?.packages) return { ...known, user, id: info.Id };
  const facts = await inspectImage(ref);
  const sizes = { uncompressedBytes: facts.uncompressedBytes, compressedBytes: facts.compressedBytes, packages: await countPackages(facts) };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, JSON.stringify(sizes));
  return { ...sizes, user, id: info.Id };
}
