// Puts a claims report together and writes it: reports/claims.json (checked against its JSON
// Schema first), claims.md, index.html, and a screenshot of the page as Chromium renders it
// (index.png). `pnpm verify` and `pnpm report:merge` both write through here.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AppFacts } from '../contract/app-facts.ts';
import { chromiumPath } from '../browser/chromium.ts';
import type { RecipeResult } from '../recipes/types.ts';
import { claimVerdicts } from '../tutorial/verdicts.ts';
import { markdownReport } from './claims-report.ts';
import { claimsSchemaVersion, type AppReport, type ClaimsReport } from './claims-model.ts';
import { lessonReports } from './lessons-model.ts';
import { chartJsBundle, renderPage } from './html-page.ts';
import { checkPage, pageProblems } from './page-check.ts';
import { asClaimsReport } from './schema.ts';
import { loadScreenshots } from './screenshots.ts';
import { writeFileAtomic } from '../write-atomic.ts';

/**
 * The facts as the report keeps them: each image's final file list (tens of thousands of
 * paths for a full base image) stays out; its layers, config and sizes stay.
 */
export function reportFacts(facts: AppFacts): AppFacts {
  const strip = (image: AppFacts['single']) => {
    const { files: _files, ...rest } = image.facts;
    return { ...image, facts: rest } as AppFacts['single'];
  };
  return { ...facts, single: strip(facts.single), multi: strip(facts.multi) };
}

/**
 * The report of these apps, with every tutorial claim decided on them and each example's
 * recipes set beside the lab's; `noReportFrom`: apps a merge expected and got no report from, on
 * which nothing is decided; `recipes`: the tutorial's own recipes as the run ran them, when it did.
 */
export function claimsReport(
  apps: AppReport[],
  engine: ClaimsReport['engine'],
  catalogueNames: string[],
  generatedAt = new Date().toISOString(),
  noReportFrom: string[] = [],
  recipes?: RecipeResult[],
): ClaimsReport {
  // The recipes are decided on too (tutorial/recipe-verdicts.ts): they go in before the verdicts.
  const report: ClaimsReport = {
    schemaVersion: claimsSchemaVersion,
    generatedAt,
    engine,
    apps,
    tutorialClaims: [],
    ...(noReportFrom.length ? { noReportFrom } : {}),
    ...(recipes ? { recipes } : {}),
    lessons: [],
  };
  report.tutorialClaims = claimVerdicts(report, catalogueNames);
  report.lessons = lessonReports(apps, report.tutorialClaims, recipes);
  return report;
}

export interface Written {
  files: string[];
  /** Why the page could not be opened in Chromium, or what was wrong with it; empty when it rendered cleanly. */
  pageProblems: string[];
}

export async function writeReport(report: ClaimsReport, dir: string, options: { screenshot?: boolean } = {}): Promise<Written> {
  asClaimsReport(report);
  await mkdir(dir, { recursive: true });
  const files = {
    json: path.join(dir, 'claims.json'),
    markdown: path.join(dir, 'claims.md'),
    html: path.join(dir, 'index.html'),
    png: path.join(dir, 'index.png'),
  };
  // Each file whole or not at all (write-atomic.ts): a stopped run never leaves a truncated one.
  await writeFileAtomic(files.json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(files.markdown, markdownReport(report));
  await writeFileAtomic(files.html, renderPage(report, await chartJsBundle(), await loadScreenshots(report)));
  const written = [files.json, files.markdown, files.html];
  if (options.screenshot === false) return { files: written, pageProblems: [] };
  // The page is checked where a browser is; without one, the report is still written.
  if (!existsSync(chromiumPath()))
    return { files: written, pageProblems: [`no Chromium at ${chromiumPath()} to check the page with (scripts/bootstrap installs it)`] };
  try {
    const check = await checkPage(files.html, files.png);
    return { files: [...written, files.png], pageProblems: pageProblems(check) };
  } catch (error) {
    return { files: written, pageProblems: [`the page could not be opened in Chromium: ${(error as Error).message.split('\n')[0]}`] };
  }
}
