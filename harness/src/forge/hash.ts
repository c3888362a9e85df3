// The recipe hash: what a forged image was made from. It covers the recipe folder (names,
// executable bits and contents), the resolved build args (so a different mirror or registry
// gives a different hash), the CA bundle baked in, and the hashes of the parents it is built
// FROM, so a change to debian:trixie-slim's recipe reforges everything built on it.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Recipe } from './recipes.ts';

/** Bump when the forge changes how it builds, so every image is reforged once. */
export const FORGE_FORMAT = 1;

export interface HashInputs {
  recipe: Recipe;
  args: Record<string, string>;
  caBundleSha256: string;
  /** Normalised parent ref -> its recipe hash (forged) or image id (pulled or present). */
  parents: Record<string, string>;
}

export async function recipeHash(inputs: HashInputs): Promise<string> {
  const files: [string, string, string][] = [];
  for (const rel of inputs.recipe.files) {
    const path = join(inputs.recipe.dir, rel);
    const [content, info] = await Promise.all([readFile(path), stat(path)]);
    files.push([rel, info.mode & 0o111 ? 'x' : '-', createHash('sha256').update(content).digest('hex')]);
  }
  const sorted = (record: Record<string, string>): [string, string][] => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const material = JSON.stringify({
    format: FORGE_FORMAT,
    files,
    args: sorted(inputs.args),
    ca: inputs.caBundleSha256,
    parents: sorted(inputs.parents),
  });
  return createHash('sha256').update(material).digest('hex');
}
