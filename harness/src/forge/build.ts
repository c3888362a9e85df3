// Builds one image of a recipe: to a temporary tag first, and only a finished build gets the
// real tags, so a failed or interrupted forge leaves nothing a later run would take as complete.
import { join } from 'node:path';
import { buildImage, BuildError } from '../engine/build.ts';
import { forgeBuildLimitMs } from '../limits.ts';
import { docker } from '../engine/docker.ts';
import { parseRef } from '../dockerfile/refs.ts';
import type { HostConfig } from './host.ts';
import { ForgeStepError } from './process.ts';
import { standInLabels } from './provenance.ts';
import { firstLine } from './pull.ts';
import type { Recipe, RecipeImage } from './recipes.ts';
import { temporaryForgeTag } from './temporary-tags.ts';

export interface ForgeBuild {
  recipe: Recipe;
  image: RecipeImage;
  recipeHash: string;
  /** Resolved build args. */
  args: Record<string, string>;
  host: HostConfig;
  /** Where the recipe's rootfs tars were made, if it has any. */
  rootfsDir: string | null;
  /** No build cache: a cold forge. */
  noCache: boolean;
  onStep: (step: string) => void;
}

/** Builds and tags the image; resolves with its id and how long the build took. */
export async function forgeImage(job: ForgeBuild): Promise<{ imageId: string; durationMs: number }> {
  const { recipe, image } = job;
  const temporary = temporaryForgeTag(recipe.name, image.target, job.recipeHash);
  try {
    // The host's CA bundle goes into every context (the recipes copy it from forge/).
    const extraFiles: Record<string, string> = { 'forge/ca-certificates.crt': job.host.caBundlePath };
    for (const step of recipe.manifest.rootfs ?? []) extraFiles[step.output] = join(job.rootfsDir as string, step.output);
    const result = await buildImage({
      context: recipe.dir,
      dockerfile: recipe.dockerfile,
      tag: temporary,
      target: image.target,
      buildArgs: job.args,
      labels: standInLabels(recipe, image, job.recipeHash),
      extraFiles,
      noCache: job.noCache,
      timeoutMs: forgeBuildLimitMs,
      onProgress: (event) => {
        if (event.kind === 'step-started' && !event.step.startsWith('[internal]')) job.onStep(event.step);
      },
    });
    for (const tag of image.tags) {
      const parsed = parseRef(tag);
      await docker()
        .getImage(result.imageId)
        .tag({ repo: parsed.repository, tag: parsed.tag ?? 'latest' });
    }
    return { imageId: result.imageId, durationMs: result.durationMs };
  } catch (error) {
    if (error instanceof BuildError)
      throw new ForgeStepError(`forging ${image.tags[0]}`, error.failingStep ?? 'build', firstLine(error.message), error.logTail);
    throw error;
  } finally {
    await docker()
      .getImage(temporary)
      .remove({ noprune: true })
      .catch(() => undefined);
  }
}
