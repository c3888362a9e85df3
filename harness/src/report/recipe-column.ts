// The tutorial's own recipe beside the lab's images: the size table's column "the tutorial's
// recipe as written" (each Dockerfile of the app's example: measured, failed with the engine's
// error, or not built here and why), and the list of every recipe the run built or ran. A
// report whose run did not run the recipes has neither (the tables stay as they were).
import { describeBases, describeOutcome, stagesWord } from '../recipes/summary.ts';
import type { RecipeResult } from '../recipes/types.ts';
import type { AppReport } from './claims-model.ts';
import { formatBytes, markdownTable } from '../format.ts';
import { exampleOfApp } from './lessons-model.ts';

export const recipeColumnTitle = "the tutorial's recipe as written";

/** The example's Dockerfiles, each named by what it is (one FROM: single-stage; more: multi-stage). */
export function recipeCell(app: Pick<AppReport, 'app'>, recipes: RecipeResult[]): string {
  // The example whose job the app does (tutorial/lessons.ts): the size table's section names no example.
  const example = exampleOfApp(app.app);
  if (!example) return '(no example in the tutorial)';
  const n = /^Example (\d+)/.exec(example.section)![1];
  const dockerfiles = recipes.filter((r) => r.kind === 'dockerfile' && r.source.section === example.section);
  if (!dockerfiles.length) return `(no Dockerfile found in Example ${n})`;
  return dockerfiles
    .map((r) => {
      // A measured image shows its sizes and base here; its packages, user and stop are in the lessons and the recipes' list.
      const result =
        r.outcome.kind === 'measured'
          ? `${formatBytes(r.outcome.measure.uncompressedBytes)} (${formatBytes(r.outcome.measure.compressedBytes)} gzip'd) on ${describeBases(r)}`
          : describeOutcome(r.outcome);
      return `Example ${n} ${stagesWord(r.text)}: ${result}`;
    })
    .join('; ');
}

/** The header and rows with the recipe column put after the lab's sizes (the 4th column: after app, single, multi, compressed). */
export function withRecipeColumn(
  header: string[],
  rows: string[][],
  apps: Pick<AppReport, 'app'>[],
  recipes: RecipeResult[] | undefined,
  escape: (text: string) => string = (t) => t,
): { header: string[]; rows: string[][] } {
  if (!recipes) return { header, rows };
  const at = 4;
  return {
    header: [...header.slice(0, at), recipeColumnTitle, ...header.slice(at)],
    rows: rows.map((row, i) => [...row.slice(0, at), escape(recipeCell(apps[i] ?? { app: '' }, recipes)), ...row.slice(at)]),
  };
}

const recipesTitle = "The tutorial's recipes, as written";
const recipesIntro =
  'Every Dockerfile, Compose file and command of the tutorial, taken from its text and run on this engine around the smallest app it needs (harness/test/fixtures/recipes/). A base image this engine lacks is pulled where a registry answers, else forged where dockerfiles/bases/ has a recipe for it (the Debian-based node:18 and python:3.11, on Debian 12); one neither gives is "not built here".';
const recipesHeader = ['recipe', 'kind', 'result', 'base images'];

function recipeRows(recipes: RecipeResult[]): string[][] {
  return recipes.map((r) => [`${r.source.section} (${r.source.where})`, r.kind, describeOutcome(r.outcome), describeBases(r)]);
}

/** claims.md's section: every recipe, where it is in the tutorial and what it came to. */
export function recipesMarkdown(recipes: RecipeResult[] | undefined): string[] {
  if (!recipes) return [];
  return [`## ${recipesTitle}`, '', recipesIntro, '', markdownTable(recipesHeader, recipeRows(recipes)), ''];
}

/** index.html's section, the same as claims.md's; `escape` is the page's HTML escaping. */
export function recipesHtml(recipes: RecipeResult[] | undefined, escape: (text: string) => string): string {
  if (!recipes) return '';
  const cells = (row: string[], tag: string) => `<tr>${row.map((c) => `<${tag}>${escape(c)}</${tag}>`).join('')}</tr>`;
  return `<h2 id="recipes">${escape(recipesTitle)}</h2>\n<p class="muted">${escape(recipesIntro)}</p>\n<table><thead>${cells(recipesHeader, 'th')}</thead><tbody>${recipeRows(
    recipes,
  )
    .map((r) => cells(r, 'td'))
    .join('')}</tbody></table>\n`;
}
