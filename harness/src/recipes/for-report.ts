// The recipes a `pnpm verify` report carries: run when the run covers the whole catalogue
// (a narrowed run, `--app`, is about those apps) or LAB_RECIPES=1 asks for them (CI's matrix has
// no whole-catalogue job on the classic store: one app's job runs them, and report:merge carries
// them into the merged report), and the tutorial is there to read; otherwise none, with the
// reason on the terminal. Their results are findings: they never fail the run.
import { tutorialPath } from '../tutorial-path.ts';
import { readRecipes, tutorialAbsence } from './read.ts';
import { recipesBaseRefs, runRecipes } from './run.ts';
import { refsWithRecipe } from '../forge/recipes.ts';
import { basesDir } from '../paths.ts';
import type { RecipeResult } from './types.ts';

/** Whether a run builds the recipes: over the whole catalogue, or where LAB_RECIPES=1 asks. */
const recipesRun = (wholeCatalogue: boolean) => wholeCatalogue || process.env.LAB_RECIPES === '1';

/**
 * The bases the report's recipes build on that dockerfiles/bases/ has recipes for (node:18,
 * python:3.11...): a run that builds the recipes forges them with the apps' bases, in one
 * schedule, before its first build. None where it does not, or the tutorial is not there.
 */
export async function recipeBasesForReport(wholeCatalogue: boolean, file = tutorialPath()): Promise<string[]> {
  if (!recipesRun(wholeCatalogue) || tutorialAbsence(file)) return [];
  return refsWithRecipe(recipesBaseRefs(readRecipes(file)), basesDir);
}

export async function recipesForReport(
  wholeCatalogue: boolean,
  log: { phase: (text: string) => void; line: (text: string) => void },
  file = tutorialPath(),
): Promise<RecipeResult[] | undefined> {
  if (!recipesRun(wholeCatalogue)) return undefined;
  const absence = tutorialAbsence(file);
  if (absence) {
    log.line(`the tutorial's recipes: not run (${absence})`);
    return undefined;
  }
  return runRecipes(readRecipes(file), {
    onRecipe: (recipe, i, n) => log.phase(`the tutorial's recipes: ${i + 1}/${n} ${recipe.id}`),
    note: (line) => log.line(line),
  });
}
