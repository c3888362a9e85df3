// What a forged image says about itself: labels naming it a stand-in, its recipe and recipe
// hash, its tags and the upstream versions it stands in for; and, for any local base image,
// whether it is such a stand-in or came from a registry.
import type { Recipe, RecipeImage } from './recipes.ts';
import { findImage } from './local-image.ts';
import { LABELS } from '../engine/forge-labels.ts';

export function standInLabels(recipe: Recipe, image: RecipeImage, recipeHash: string): Record<string, string> {
  const labels: Record<string, string> = {
    [LABELS.standIn]: `local stand-in for ${image.tags.join(', ')}, forged from dockerfiles/bases/${recipe.name}; not the official image`,
    [LABELS.recipe]: recipe.name,
    [LABELS.recipeHash]: recipeHash,
    [LABELS.tags]: image.tags.join(','),
  };
  for (const [k, v] of Object.entries(recipe.manifest.upstream)) labels[LABELS.upstreamPrefix + k] = v;
  return labels;
}

/** The recipe hash a local image was forged with; undefined for an image from anywhere else. */
export function recipeHashOf(labels: Record<string, string> | null | undefined): string | undefined {
  return labels?.[LABELS.recipeHash];
}

export interface BaseDescription {
  ref: string;
  origin: 'forged' | 'pulled' | 'unknown';
  recipeHash?: string;
  upstream?: Record<string, string>;
}

/** Whether a local image is a forged stand-in (and from what) or came from a registry. */
export async function describeBase(ref: string): Promise<BaseDescription> {
  const info = await findImage(ref);
  if (!info) return { ref, origin: 'unknown' };
  const labels = info.Config?.Labels ?? {};
  const hash = recipeHashOf(labels);
  if (hash) {
    const upstream: Record<string, string> = {};
    for (const [k, v] of Object.entries(labels)) if (k.startsWith(LABELS.upstreamPrefix)) upstream[k.slice(LABELS.upstreamPrefix.length)] = v;
    return { ref, origin: 'forged', recipeHash: hash, upstream };
  }
  // Pulled images remember the registry digest they came from; on the classic store built or
  // loaded ones have none. The containerd store lists every image under name@<its id>, so there
  // an image without the forge's labels counts as pulled (what base images with no recipe are).
  return { ref, origin: (info.RepoDigests ?? []).length > 0 ? 'pulled' : 'unknown' };
}
