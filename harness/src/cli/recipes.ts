// `pnpm recipes [--json FILE]`: builds the tutorial's own Dockerfiles, Compose file and
// commands as written (harness/src/recipes/) and prints one line per recipe: measured, failed
// with the engine's error, or not built here and why. `--json` writes the typed results too.
// Everything it builds is labelled as this run's and removed at its end.
import { writeFileAtomic } from '../write-atomic.ts';
import { requireEngine } from '../engine/docker.ts';
import { readRecipes } from '../recipes/read.ts';
import { runRecipes } from '../recipes/run.ts';
import { recipeLine, recipesCount } from '../recipes/summary.ts';
import { BadInputError } from '../bad-input.ts';
import { parseCommandLine, runCli } from './terminal.ts';

const usage = 'usage: pnpm recipes [--json FILE]';

await runCli(async () => {
  const { values } = parseCommandLine(usage, { options: { json: { type: 'string' } } });
  let recipes;
  try {
    recipes = readRecipes();
  } catch (error) {
    throw new BadInputError((error as Error).message);
  }
  await requireEngine();
  const started = Date.now();
  const results = await runRecipes(recipes, {
    onRecipe: (r, i, n) => process.stderr.write(`[${i + 1}/${n}] ${r.id}\n`),
    note: (line) => process.stderr.write(`${line}\n`),
  });
  for (const result of results) process.stdout.write(`${recipeLine(result)}\n`);
  process.stdout.write(`${recipesCount(results)}, in ${Math.round((Date.now() - started) / 1000)} s\n`);
  if (values.json) await writeFileAtomic(values.json, `${JSON.stringify(results, null, 2)}\n`);
});
