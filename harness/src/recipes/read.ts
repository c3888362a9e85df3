// The tutorial's recipes: its code blocks (code-blocks.ts) classified (classify.ts), read from
// the file tutorial.ts finds (or the one given). A missing file is a one-line error.
import { existsSync, readFileSync } from 'node:fs';
import { tutorialPath } from '../tutorial.ts';
import { codeBlocks } from './code-blocks.ts';
import { classifyBlocks, type ClassifiedRecipe } from './classify.ts';

export function readRecipes(file: string | undefined = tutorialPath()): ClassifiedRecipe[] {
  if (!file || !existsSync(file)) {
    throw new Error(file ? `the tutorial is not at ${file} (LAB_TUTORIAL names it)` : 'the tutorial is not beside the repository (shared/tutorial/docker-multi-stage-builds.md) and LAB_TUTORIAL names no file');
  }
  return classifyBlocks(codeBlocks(readFileSync(file, 'utf8')));
}
