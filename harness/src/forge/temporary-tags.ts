// Where a forged image lands before it gets its real tags, so that a failed or interrupted
// forge leaves nothing a later run would take as complete; and the sweep of what a killed run
// left there.
import { docker } from '../engine/docker.ts';

const TEMPORARY_REPOSITORY = 'lab-forge-tmp';

export function temporaryForgeTag(recipe: string, target: string, recipeHash: string): string {
  return `${TEMPORARY_REPOSITORY}/${recipe}:${target}-${recipeHash.slice(0, 12)}`;
}

/** Temporary tags a killed run left behind: they name finished builds that never got their real tags. */
export async function removeTemporaryTags(): Promise<void> {
  const left = await docker().listImages({ filters: JSON.stringify({ reference: [`${TEMPORARY_REPOSITORY}/*`] }) });
  for (const image of left) {
    for (const tag of image.RepoTags ?? []) {
      if (tag.startsWith(`${TEMPORARY_REPOSITORY}/`))
        await docker()
          .getImage(tag)
          .remove({ noprune: true })
          .catch(() => undefined);
    }
  }
}
