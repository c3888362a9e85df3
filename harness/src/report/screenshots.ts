// The browser check's screenshots (harness/src/checks/browser.ts names them by absolute path
// in what it found): the page shows them as images, so they are read in as data: URIs (the
// page loads nothing from outside itself; each is 15-30 kB). A merged CI report names files of
// another machine: those are not found and the page says so.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ClaimsReport } from './claims-model.ts';

/** An absolute path of a PNG in a check's text; a capturing group, so split() keeps the paths. */
export const screenshotPattern = /(\/[^\s,;]+\.png)/;

/** Every screenshot the report's checks name. */
export function screenshotPaths(report: ClaimsReport): string[] {
  const found = report.apps.flatMap((a) => [...a.contract, ...a.claims]).map((c) => c.found);
  return [...new Set(found.flatMap((text) => text.split(screenshotPattern).filter((_, i) => i % 2 === 1)))];
}

/** The screenshots still on this machine, as data: URIs by path. */
export async function loadScreenshots(report: ClaimsReport): Promise<Map<string, string>> {
  const loaded = new Map<string, string>();
  for (const file of screenshotPaths(report)) {
    if (existsSync(file)) loaded.set(file, `data:image/png;base64,${(await readFile(file)).toString('base64')}`);
  }
  return loaded;
}
