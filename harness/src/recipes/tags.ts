// The tags a recipe's build gives its image. The tutorial's own names (myapp:prod) are kept,
// under a prefix of this run (lab/recipes-<run>/myapp:prod), so two runs on one engine, or a
// user's own myapp, never meet; an untagged build gets a tag of its recipe's id. Each image is
// labelled as this run's, so the run's clean-up removes it.
import { runId } from '../engine/ownership.ts';

function runSlug(): string {
  return runId()
    .replace(/[^a-zA-Z0-9_.-]/g, '-')
    .toLowerCase();
}

/** The repository prefix of this run's recipe images. */
export function tagPrefix(): string {
  return `lab/recipes-${runSlug()}/`;
}

/** The tag a tutorial tag (`myapp`, `myapp:prod`) stands for in this run. */
export function scopedTag(tag: string): string {
  return `${tagPrefix()}${tag.includes(':') ? tag : `${tag}:latest`}`;
}

/** A tag for a build the tutorial gives no tag. */
export function recipeTag(recipeId: string): string {
  return scopedTag(recipeId);
}

/** The tutorial's names in the engine's words again: lab/recipes-<run>/myapp:prod -> myapp:prod. */
export function unscope(text: string): string {
  return text.split(tagPrefix()).join('');
}
