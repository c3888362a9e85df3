// One report from several: CI runs one job per app, each writing a claims.json of its app; the
// last job merges them, so the tutorial's claims are decided on every app at once.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClaimsReport } from './claims-model.ts';
import { claimsReport } from './write-report.ts';

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/**
 * The apps of every report (an app measured in two reports: the later one's), in catalogue
 * order, on the newest report's engine and time, with the tutorial's claims decided again and
 * its examples set beside the lab's again. A catalogue app no report holds is named in
 * `noReportFrom`, and no claim resting on it (or on every app) is decided. The tutorial's
 * recipes come from the newest report that ran them (CI's matrix runs them in one job:
 * LAB_RECIPES=1, recipes/for-report.ts).
 */
export function mergeReports(reports: ClaimsReport[], catalogueNames: string[]): ClaimsReport {
  if (reports.length === 0) throw new MergeError('no claims reports to merge');
  const newestFirst = [...reports].sort((a, b) => b.generatedAt.localeCompare(a.generatedAt));
  const apps = new Map<string, ClaimsReport['apps'][number]>();
  for (const report of newestFirst) {
    for (const app of report.apps) if (!apps.has(app.app)) apps.set(app.app, app);
  }
  const rank = (name: string) => (catalogueNames.includes(name) ? catalogueNames.indexOf(name) : catalogueNames.length);
  const ordered = [...apps.values()].sort((a, b) => rank(a.app) - rank(b.app) || a.app.localeCompare(b.app));
  const newest = newestFirst[0]!;
  const absent = catalogueNames.filter((name) => !apps.has(name));
  // The tutorial's recipes: the newest report that ran them (a run over the whole catalogue) keeps them decided.
  const recipes = newestFirst.find((r) => r.recipes)?.recipes;
  return claimsReport(ordered, newest.engine, catalogueNames, newest.generatedAt, absent, recipes);
}

/** Every claims.json at or under these paths. */
export async function findReports(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (at: string): Promise<void> => {
    const info = await stat(at);
    if (info.isFile()) {
      found.push(at);
      return;
    }
    for (const item of (await readdir(at, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(at, item.name);
      if (item.isDirectory()) await walk(full);
      else if (item.name === 'claims.json') found.push(full);
    }
  };
  for (const p of paths) await walk(path.resolve(p));
  return found;
}
