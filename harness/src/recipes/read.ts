// The tutorial's recipes: its code blocks (code-blocks.ts) classified (classify.ts), read from
// the file tutorial-path.ts finds (or the one given). A missing file is a one-line error.
import { existsSync, readFileSync } from 'node:fs';
import { tutorialPath } from '../tutorial-path.ts';
import { codeBlocks } from './code-blocks.ts';
import { classifyBlocks, type ClassifiedRecipe } from './classify.ts';

/** Why the tutorial cannot be read at `file` (a test's skip reason), or undefined when it can. */
export function tutorialAbsence(file: string | undefined): string | undefined {
  if (!file) return 'the tutorial is not beside the repository (shared/tutorial/docker-multi-stage-builds.md) and LAB_TUTORIAL names no file';
  return existsSync(file) ? undefined : `the tutorial is not at ${file} (LAB_TUTORIAL names it)`;
}

export function readRecipes(file: string | undefined = tutorialPath()): ClassifiedRecipe[] {
  const absence = tutorialAbsence(file);
  if (absence) throw new Error(absence);
  return classifyBlocks(codeBlocks(readFileSync(file!, 'utf8')));
}
