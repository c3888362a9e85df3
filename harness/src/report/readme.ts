// The README's generated sections: the size table (`pnpm verify`) and the bench tables
// (`pnpm bench`), rendered from figures/*.json and written between markers, so no figure in the
// README is typed by hand. A unit test renders the committed figures again and compares.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeEngine } from '../engine/facts.ts';
import { fromRepo } from '../paths.ts';
import { reductionPercent } from '../contract/checks.ts';
import { sizeFindings } from './claims-report.ts';
import type { BenchFigures, SizeFigures } from './figures.ts';
import { formatBytes, formatMs, markdownTable } from './format.ts';

export type SectionName = 'sizes' | 'bench';

export const readmePath = fromRepo('README.md');
export const figuresPath = (section: SectionName) => fromRepo(`figures/${section}.json`);

const writers: Record<SectionName, string> = { sizes: 'pnpm verify', bench: 'pnpm bench' };
const startMarker = (section: SectionName) => `<!-- ${section}:start: written by \`${writers[section]}\` from figures/${section}.json; do not edit -->`;
const endMarker = (section: SectionName) => `<!-- ${section}:end -->`;

/** "2026-11-27T02:24:33.000Z" -> "27 November 2026". */
function day(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function listed(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function renderSizes(figures: SizeFigures): string {
  const rows = figures.apps.map((a) => [
    a.app,
    formatBytes(a.singleBytes),
    formatBytes(a.multiBytes),
    formatBytes(a.multiCompressedBytes),
    `${reductionPercent(a.singleBytes, a.multiBytes).toFixed(1)}%`,
    a.tutorial ? `${formatBytes(a.tutorial.singleBytes)} -> ${formatBytes(a.tutorial.multiBytes)} (${a.tutorial.reductionPercent}%)` : '(no figure)',
  ]);
  const claimed = figures.apps.filter((a) => a.tutorial);
  const promises = (a: SizeFigures['apps'][number]) => sizeFindings(a.tutorial!, a.singleBytes, a.multiBytes).filter((f) => f.kind !== 'single');
  const holding = claimed.filter((a) => promises(a).every((f) => f.holds)).map((a) => a.app);
  const failing = claimed.map((a) => a.app).filter((name) => !holding.includes(name));
  const failedChecks = figures.apps.filter((a) => a.checksPassed < a.checks);
  return [
    `\`pnpm verify\` on ${describeEngine(figures.engine)}; base images ${figures.baseImages}; ${day(figures.generatedAt)}:`,
    '',
    markdownTable(['app', 'single-stage', 'multi-stage', 'compressed', 'reduction', 'tutorial'], rows),
    '',
    [
      holding.length ? `The tutorial's multi-stage size and reduction claims hold for ${listed(holding)}.` : '',
      failing.length ? `${holding.length ? 'They do' : "The tutorial's multi-stage size and reduction claims do"} not hold for ${listed(failing)}: see \`reports/claims.md\`.` : '',
      failedChecks.length
        ? `${listed(failedChecks.map((a) => `${a.app} (${a.checksPassed}/${a.checks})`))} fail checks: see \`reports/claims.md\`.`
        : 'Every image passes its checks.',
      figures.claims && figures.claims.holds + figures.claims.doesNotHold + figures.claims.notChecked > 0
        ? `Of the tutorial's ${figures.claims.holds + figures.claims.doesNotHold + figures.claims.notChecked} claims, ${figures.claims.holds} hold, ${figures.claims.doesNotHold} do not hold (findings, with the measured numbers) and ${figures.claims.notChecked} ${figures.claims.notChecked === 1 ? 'is' : 'are'} not checked yet (each with the reason): \`reports/claims.md\`, \`reports/index.html\`.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
  ].join('\n');
}

export function renderBench(figures: BenchFigures): string {
  const buildRows = figures.apps.flatMap((a) =>
    a.builds.map((b) => {
      const rebuild = a.rebuild?.target === b.target ? a.rebuild : undefined;
      return [
        a.app,
        b.target,
        formatMs(b.coldMs),
        formatMs(b.warmMs),
        rebuild ? `${formatMs(rebuild.ms)} (${(rebuild.ratio * 100).toFixed(1)}%; budget ${(rebuild.maxRatio * 100).toFixed(0)}%)` : '',
      ];
    }),
  );
  const runRows = figures.apps.filter((a) => a.run).map((a) => [a.app, formatMs(a.run!.readyMs), formatMs(a.run!.healthyMs), formatMs(a.run!.stopMs)]);
  return [
    `\`pnpm bench --runs ${figures.runs}\` (${figures.runs > 1 ? 'medians' : 'one run each'}) on ${figures.cpus} cores` +
      `${figures.loadAverage !== undefined ? ` (load average ${figures.loadAverage.toFixed(1)} as it began)` : ''}, ${describeEngine(figures.engine)}, ${day(figures.generatedAt)}.`,
    '',
    markdownTable(['app', 'target', 'cold', 'warm', 'one-line change (share of cold)'], buildRows),
    '',
    markdownTable(['app', 'start to first 200', 'start to `healthy`', '`docker stop`'], runRows),
  ].join('\n');
}

export function render(section: SectionName, figures: SizeFigures | BenchFigures): string {
  return section === 'sizes' ? renderSizes(figures as SizeFigures) : renderBench(figures as BenchFigures);
}

/** The text between a section's markers, or undefined if the README lacks them. */
export function sectionOf(readme: string, section: SectionName): string | undefined {
  const start = readme.indexOf(startMarker(section));
  const end = readme.indexOf(endMarker(section));
  if (start < 0 || end < start) return undefined;
  return readme.slice(start + startMarker(section).length, end).replace(/^\n/, '').replace(/\n$/, '');
}

/** The README with one section's body replaced. */
export function withSection(readme: string, section: SectionName, body: string): string {
  const start = readme.indexOf(startMarker(section));
  const end = readme.indexOf(endMarker(section));
  if (start < 0 || end < start) throw new Error(`README.md has no ${startMarker(section)} ... ${endMarker(section)} markers`);
  return `${readme.slice(0, start)}${startMarker(section)}\n${body}\n${readme.slice(end)}`;
}

/** Renders every section again from the committed figures (after a change to how they are rendered). */
export async function rerenderReadme(): Promise<SectionName[]> {
  let readme = await readFile(readmePath, 'utf8');
  const changed: SectionName[] = [];
  for (const section of ['sizes', 'bench'] as SectionName[]) {
    const figures = JSON.parse(await readFile(figuresPath(section), 'utf8')) as SizeFigures | BenchFigures;
    const updated = withSection(readme, section, render(section, figures));
    if (updated !== readme) changed.push(section);
    readme = updated;
  }
  await writeFile(readmePath, readme);
  return changed;
}

/** Writes the figures and the README section they render to. */
export async function updateReadme(section: SectionName, figures: SizeFigures | BenchFigures): Promise<void> {
  const readme = await readFile(readmePath, 'utf8');
  await mkdir(path.dirname(figuresPath(section)), { recursive: true });
  await writeFile(figuresPath(section), `${JSON.stringify(figures, null, 2)}\n`);
  const updated = withSection(readme, section, render(section, figures));
  if (updated !== readme) await writeFile(readmePath, updated);
}
