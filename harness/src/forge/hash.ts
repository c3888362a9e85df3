// The recipe hash: what a forged image was made from. It covers the recipe folder (names,
// executable bits and contents), the resolved build args (so a different mirror or registry
// gives a different hash), the CA bundle baked in, and the hashes of the parents it is built
// FROM, so a change to debian:trixie-slim's recipe reforges everything built on it.

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostConfig } from './host.ts';
import { resolveArgs } from './recipes.ts';
import type { Recipe, RecipeManifest, TagEntry } from './recipes.ts';
import { normalizeRef } from '../dockerfile/refs.ts';

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
    // The manifest counts by what it builds: its description, the official sizes it records
    // for the fidelity table and the build times the forge's order reads change no image.
    const material = rel === 'recipe.json' ? Buffer.from(manifestForHash(content)) : content;
    files.push([rel, info.mode & 0o111 ? 'x' : '-', createHash('sha256').update(material).digest('hex')]);
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

function manifestForHash(content: Buffer): string {
  const manifest = JSON.parse(content.toString('utf8')) as RecipeManifest;
  const { description: _description, ...rest } = manifest;
  return JSON.stringify({ ...rest, images: rest.images.map(({ official: _official, buildMinutes: _minutes, ...image }) => image) });
}

/**
 * Hashes recipes through their parents: a forged parent counts by its own recipe hash (so no
 * image needs to be present to know the hash), any other parent by its local image id.
 */
export class RecipeHasher {
  private readonly memo = new Map<string, Promise<string>>();
  private readonly index: Map<string, TagEntry>;
  private readonly host: HostConfig;
  private readonly imageId: (ref: string) => Promise<string | null>;

  constructor(index: Map<string, TagEntry>, host: HostConfig, imageId: (ref: string) => Promise<string | null>) {
    this.index = index;
    this.host = host;
    this.imageId = imageId;
  }

  hashOf(recipe: Recipe, visiting: string[] = []): Promise<string> {
    if (visiting.includes(recipe.name)) return Promise.reject(new Error(`recipes build on each other in a cycle: ${[...visiting, recipe.name].join(' -> ')}`));
    let pending = this.memo.get(recipe.name);
    if (!pending) {
      pending = (async () => {
        const parents: Record<string, string> = {};
        for (const parent of recipe.manifest.from.map(normalizeRef)) {
          const entry = this.index.get(parent);
          parents[parent] = entry ? await this.hashOf(entry.recipe, [...visiting, recipe.name]) : ((await this.imageId(parent)) ?? 'absent');
        }
        return recipeHash({ recipe, args: resolveArgs(recipe, this.host), caBundleSha256: this.host.caBundleSha256, parents });
      })();
      this.memo.set(recipe.name, pending);
    }
    return pending;
  }
}
