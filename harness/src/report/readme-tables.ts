// The READMEs' generated sections: the size table (`pnpm verify --record`) and the bench tables
// (`pnpm bench --record`), rendered from figures/*.json and written between markers, so no figure in a
// README is typed by hand: the root README shows every app, each app's README its own rows.
// A unit test renders the committed figures again and compares, for every README.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../write-atomic.ts';
import { describeEngine } from '../engine/engine-facts.ts';
import { entries } from '../catalogue/index.ts';
import type { AppEntry } from '../catalogue/types.ts';
import { fromRepo, repoRoot } from '../paths.ts';
import { reductionPercent } from '../size-reduction.ts';
import { rowHolds } from '../tutorial/verdicts.ts';
import type { BenchFigures, SizeFigures } from '../catalogue/figure-files.ts';
import { catalogueGoal, type GoalOf } from '../measure/bench-goals.ts';
import { formatBytes, formatLongMs, formatMs, markdownTable, plural } from '../format.ts';
import { readHealthcheck, type HealthcheckTiming } from '../dockerfile/healthcheck.ts';
import { renderFirstRun, type FirstRunFigures } from './first-run.ts';
import { recipeColumnTitle } from './recipe-column.ts';

/** Sections rendered from figures/<name>.json. */
export type SectionName = 'sizes' | 'bench';
/** Every generated section: the figures', the root README's table of health-check timings (from the Dockerfiles and the catalogue) and its first-run line. */
export type AnySection = SectionName | 'healthchecks' | 'first-run';

export const readmePath = fromRepo('README.md');
export const figuresPath = (section: SectionName) => fromRepo(`figures/${section}.json`);

const writers: Record<AnySection, string> = {
  sizes: 'pnpm verify --record',
  bench: 'pnpm bench --record',
  healthchecks: 'pnpm readme',
  'first-run': 'pnpm bench:first-run',
};
const sources: Record<AnySection, string> = {
  sizes: 'figures/sizes.json',
  bench: 'figures/bench.json',
  healthchecks: "the production stages' HEALTHCHECK and the catalogue",
  'first-run': 'figures/first-run.json',
};
export const firstRunFiguresPath = fromRepo('figures/first-run.json');
const startMarker = (section: AnySection) => `<!-- ${section}:start: written by \`${writers[section]}\` from ${sources[section]}; do not edit -->`;
const endMarker = (section: AnySection) => `<!-- ${section}:end -->`;

/** "2026-11-27T02:24:33.000Z" -> "27 November 2026". */
function day(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function listed(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

type SizeRow = SizeFigures['apps'][number];
type BenchRow = BenchFigures['apps'][number];

const sizeHeader = ['single-stage', 'multi-stage', 'compressed', 'reduction', 'tutorial'];
const buildHeader = ['target', 'cold', 'warm', 'one-line change (share of cold)'];
const runHeader = ['start to first 200', 'start to `healthy`', '`docker stop`'];

/** Whether the size table shows the tutorial's recipe as written: where the figures carry it (a run that ran the recipes). */
const showsRecipes = (rows: SizeRow[]) => rows.some((a) => a.recipe !== undefined);

/** The size table's header: the tutorial's recipe after the lab's sizes, as the report's table has it. */
function sizeHeaderOf(withRecipe: boolean): string[] {
  return withRecipe ? [...sizeHeader.slice(0, 3), recipeColumnTitle, ...sizeHeader.slice(3)] : sizeHeader;
}

function sizeCells(a: SizeRow, withRecipe: boolean): string[] {
  return [
    formatBytes(a.singleBytes),
    formatBytes(a.multiBytes),
    formatBytes(a.multiCompressedBytes),
    ...(withRecipe ? [a.recipe ?? '(recipes not run)'] : []),
    `${reductionPercent(a.singleBytes, a.multiBytes).toFixed(1)}%`,
    a.tutorial ? `${formatBytes(a.tutorial.singleBytes)} -> ${formatBytes(a.tutorial.multiBytes)} (${a.tutorial.reductionPercent}%)` : '(no figure)',
  ];
}

/**
 * ", revision 6df6d0d5e1a2" (and "with uncommitted changes"), as the figures recorded it; figures
 * measured before revisions were recorded carry one inferred from git (" (inferred)": the commit
 * before the one that recorded them). Empty for figures with none.
 */
function revisionText(revision: string | undefined): string {
  if (!revision) return '';
  const m = /^([0-9a-f]{40})(-dirty)?( \(inferred\))?$/.exec(revision);
  if (!m) return `, revision ${revision}`;
  return `, revision ${m[1]!.slice(0, 12)}${m[2] ? ' with uncommitted changes' : ''}${m[3] ? ' (inferred from git: recorded before the figures kept their revision)' : ''}`;
}

function sizesLead(figures: SizeFigures): string {
  return `\`pnpm verify\` on ${describeEngine(figures.engine)}; base images ${figures.baseImages}; ${day(figures.generatedAt)}${revisionText(figures.revision)}:`;
}

function buildCells(a: BenchRow): string[][] {
  return a.builds.map((b) => {
    const rebuild = a.rebuild?.target === b.target ? a.rebuild : undefined;
    return [
      b.target,
      formatMs(b.coldMs),
      formatMs(b.warmMs),
      rebuild ? `${formatMs(rebuild.ms)} (${(rebuild.ratio * 100).toFixed(1)}%; budget ${(rebuild.maxRatio * 100).toFixed(0)}%)` : '',
    ];
  });
}

function healthyCell(app: string, healthyMs: number, goals: GoalOf): string {
  const goal = goals(app);
  return goal === undefined ? formatMs(healthyMs) : `${formatMs(healthyMs)} (goal ${formatMs(goal)}${healthyMs > goal ? ': missed' : ''})`;
}

const runCells = (app: string, run: NonNullable<BenchRow['run']>, goals: GoalOf) => [
  formatMs(run.readyMs),
  healthyCell(app, run.healthyMs, goals),
  formatMs(run.stopMs),
];

const variantHeader = ['build', 'uncompressed', 'compressed', 'start to first 200', 'start to `healthy`'];
const variantsLead = 'The production image beside its alternative builds (sizes of the images the bench built; start times of the same runs):';

function variantCells(a: BenchRow): string[][] {
  return (a.variants ?? []).map((v) => [
    v.title,
    formatBytes(v.uncompressedBytes),
    formatBytes(v.compressedBytes),
    v.run ? formatMs(v.run.readyMs) : '-',
    v.run ? formatMs(v.run.healthyMs) : '-',
  ]);
}

/** Stages BuildKit may build side by side: how long each ran in the cold build, and how long they took together. */
function concurrencyLine(a: BenchRow): string | undefined {
  const c = a.concurrency;
  if (!c) return undefined;
  const sum = c.busyMs.reduce((x, y) => x + y, 0);
  const each = listed(c.stages.map((stage, i) => `\`${stage}\` for ${formatMs(c.busyMs[i]!)}`));
  // Under a twentieth of the work at once is step boundaries touching, not stages side by side.
  const overlapped = sum - c.togetherMs > sum / 20;
  return (
    `${a.app}: in its cold production build (${formatMs(c.coldMs)}), BuildKit ran ${each} (each with the stages only it needs), ` +
    `${formatMs(sum)} added up, within ${formatMs(c.togetherMs)}: ` +
    (overlapped ? `side by side for ${formatMs(sum - c.togetherMs)}.` : 'one after the other.')
  );
}

/** What one builder of the bench's machine holds: every app's cold builds one after another (README "Scale"). */
export function oneBuilderLine(figures: BenchFigures): string | undefined {
  const cold = (rows: { coldMs: number }[]) => rows.reduce((sum, b) => sum + b.coldMs, 0);
  const all = figures.apps.flatMap((a) => a.builds);
  const production = figures.apps.flatMap((a) => a.builds.filter((b) => b.target === 'production' || b.target === a.rebuild?.target));
  const rebuilds = figures.apps.flatMap((a) => (a.rebuild ? [a.rebuild.ms] : []));
  if (!all.length) return undefined;
  return (
    `One builder of ${figures.cpus} cores, one build at a time: ${plural(all.length, 'cold build')} of every target of ${plural(figures.apps.length, 'app')} add up to ${formatLongMs(cold(all))}, ` +
    `${production.length === 1 ? 'the production image' : `the ${production.length} production images`} alone to ${formatLongMs(cold(production))}` +
    (rebuilds.length ? `; a one-line change rebuilds ${rebuilds.length === 1 ? 'it' : 'each'} in ${formatMs(Math.max(...rebuilds))} at most.` : '.')
  );
}

/** Blocks of a bench section, the empty ones left out, separated by blank lines. */
const blocks = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('\n\n');

function benchLead(figures: BenchFigures): string {
  return (
    `\`pnpm bench --runs ${figures.runs}\` (${figures.runs > 1 ? 'medians' : 'one run each'}) on ${figures.cpus} cores` +
    `${figures.loadAverage !== undefined ? ` (load average ${figures.loadAverage.toFixed(1)} as it began)` : ''}, ${describeEngine(figures.engine)}, ${day(figures.generatedAt)}${revisionText(figures.revision)}.`
  );
}

export function renderSizes(figures: SizeFigures): string {
  const withRecipe = showsRecipes(figures.apps);
  const claimed = figures.apps.filter((a) => a.tutorial);
  const holding = claimed.filter((a) => rowHolds(a.tutorial!, a.singleBytes, a.multiBytes)).map((a) => a.app);
  const failing = claimed.map((a) => a.app).filter((name) => !holding.includes(name));
  const failedChecks = figures.apps.filter((a) => a.checksPassed < a.checks);
  return [
    sizesLead(figures),
    '',
    markdownTable(
      ['app', ...sizeHeaderOf(withRecipe)],
      figures.apps.map((a) => [a.app, ...sizeCells(a, withRecipe)]),
    ),
    '',
    [
      holding.length ? `The tutorial's multi-stage size and reduction claims hold for ${listed(holding)}.` : '',
      failing.length
        ? `${holding.length ? 'They do' : "The tutorial's multi-stage size and reduction claims do"} not hold for ${listed(failing)}: see \`reports/claims.md\`.`
        : '',
      failedChecks.length
        ? `${listed(failedChecks.map((a) => `${a.app} (${a.checksPassed}/${a.checks})`))} fail checks: see \`reports/claims.md\`.`
        : 'Every image passes its checks.',
      figures.claims && figures.claims.holds + figures.claims.doesNotHold + figures.claims.notChecked > 0
        ? `Of the tutorial's ${figures.claims.holds + figures.claims.doesNotHold + figures.claims.notChecked} claims, ${figures.claims.holds} hold, ${figures.claims.doesNotHold} do not hold (${figures.claims.findings !== undefined && figures.claims.findings !== figures.claims.doesNotHold ? `${figures.claims.findings} findings, with the measured numbers: claims that share one cause count once` : 'findings, with the measured numbers'}) and ${figures.claims.notChecked} ${figures.claims.notChecked === 1 ? 'is' : 'are'} not checked yet (each with the reason)${figures.claims.advice ? `, and ${figures.claims.advice} point${figures.claims.advice === 1 ? '' : 's'} of the lab's own advice it never makes` : ''}: \`reports/claims.md\`, \`reports/index.html\`.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
  ].join('\n');
}

export function renderBench(figures: BenchFigures, goals: GoalOf = catalogueGoal): string {
  const buildRows = figures.apps.flatMap((a) => buildCells(a).map((cells) => [a.app, ...cells]));
  const runRows = figures.apps.filter((a) => a.run).map((a) => [a.app, ...runCells(a.app, a.run!, goals)]);
  const variantRows = figures.apps.flatMap((a) => variantCells(a).map((cells) => [a.app, ...cells]));
  const concurrency = figures.apps.map(concurrencyLine).filter(Boolean).join(' ');
  return blocks(
    benchLead(figures),
    markdownTable(['app', ...buildHeader], buildRows),
    concurrency,
    oneBuilderLine(figures),
    markdownTable(['app', ...runHeader], runRows),
    variantRows.length ? `${variantsLead}\n\n${markdownTable(['app', ...variantHeader], variantRows)}` : undefined,
  );
}

/** One app's size row, for its own README; an app the figures lack says which command records it. */
export function renderAppSizes(figures: SizeFigures, app: string): string {
  const a = figures.apps.find((x) => x.app === app);
  if (!a) return `Not recorded yet: figures/sizes.json has no row for ${app}. \`pnpm verify --record\` (every app) records its sizes here.`;
  return [
    sizesLead(figures),
    '',
    markdownTable(sizeHeaderOf(a.recipe !== undefined), [sizeCells(a, a.recipe !== undefined)]),
    '',
    [
      a.tutorial
        ? `The tutorial's multi-stage size and reduction claims ${rowHolds(a.tutorial, a.singleBytes, a.multiBytes) ? 'hold' : 'do not hold: see `reports/claims.md`'}.`
        : '',
      a.checksPassed < a.checks ? `${a.checksPassed} of its ${a.checks} checks pass: see \`reports/claims.md\`.` : `All ${a.checks} of its checks pass.`,
    ]
      .filter(Boolean)
      .join(' '),
  ].join('\n');
}

/** One app's bench rows, for its own README; an app the figures lack says which command records it. */
export function renderAppBench(figures: BenchFigures, app: string, goals: GoalOf = catalogueGoal): string {
  const a = figures.apps.find((x) => x.app === app);
  if (!a)
    return `Not recorded yet: figures/bench.json has no row for ${app}. \`pnpm bench --record\` (every app) records its build, start and stop times here.`;
  return blocks(
    benchLead(figures),
    markdownTable(buildHeader, buildCells(a)),
    concurrencyLine(a),
    a.run ? markdownTable(runHeader, [runCells(app, a.run, goals)]) : 'No start-up figures: the bench starts only images that serve.',
    a.variants?.length ? `${variantsLead}\n\n${markdownTable(variantHeader, variantCells(a))}` : undefined,
  );
}

/** A section as one README shows it: the root README every app, an app's README its own row. */
export function render(section: SectionName, figures: SizeFigures | BenchFigures, app?: string): string {
  if (app === undefined) return section === 'sizes' ? renderSizes(figures as SizeFigures) : renderBench(figures as BenchFigures);
  return section === 'sizes' ? renderAppSizes(figures as SizeFigures, app) : renderAppBench(figures as BenchFigures, app);
}

/** "every 100 ms" / "every 1 s". */
const every = (ms: number) => `every ${formatMs(ms)}`;

/**
 * The root README's table of health-check timings: for each app that serves, how its production
 * HEALTHCHECK probes while the container starts and once it is healthy (read from the
 * Dockerfile), and its start-to-healthy limit and goal (the catalogue's).
 */
export function renderHealthchecks(
  apps: AppEntry[] = entries,
  read: (entry: AppEntry) => HealthcheckTiming | null = (e) => readHealthcheck(fromRepo(e.dockerfiles.multi), e.productionTarget, e.buildArgs),
): string {
  const rows = apps
    .filter((e) => e.service)
    .map((e) => {
      const timing = read(e);
      const healthy = e.limits.healthyWithinMs;
      if (!timing) return [e.name, 'no HEALTHCHECK', '', '', ''];
      return [
        e.name,
        timing.startIntervalMs !== null
          ? `${every(timing.startIntervalMs)}, for up to ${formatMs(timing.startPeriodMs)}`
          : `no --start-interval: ${every(timing.intervalMs)} from the start`,
        every(timing.intervalMs),
        healthy ? formatMs(healthy.limit) : '',
        healthy?.goal !== undefined ? formatMs(healthy.goal) : '-',
      ];
    });
  return markdownTable(
    [
      'app',
      'probes while it starts (`--start-interval`, `--start-period`)',
      'once healthy (`--interval`)',
      'start to `healthy`: limit',
      'goal (bench median, quiet machine)',
    ],
    rows,
  );
}

/** The text between a section's markers, or undefined if the README lacks them. */
export function sectionOf(readme: string, section: AnySection): string | undefined {
  const start = readme.indexOf(startMarker(section));
  const end = readme.indexOf(endMarker(section));
  if (start < 0 || end < start) return undefined;
  return readme
    .slice(start + startMarker(section).length, end)
    .replace(/^\n/, '')
    .replace(/\n$/, '');
}

/** The README with one section's body replaced; `file` names it in the error when it lacks the markers. */
export function withSection(readme: string, section: AnySection, body: string, file = 'README.md'): string {
  const start = readme.indexOf(startMarker(section));
  const end = readme.indexOf(endMarker(section));
  if (start < 0 || end < start) throw new Error(`${file} has no ${startMarker(section)} ... ${endMarker(section)} markers`);
  return `${readme.slice(0, start)}${startMarker(section)}\n${body}\n${readme.slice(end)}`;
}

/**
 * Where an app documents itself: a README beside its Dockerfiles where there is one (fullstack
 * and toolbox, built from other apps' folders, keep theirs in dockerfiles/<name>/), otherwise
 * apps/<name>/README.md.
 */
export function appReadmePath(entry: Pick<AppEntry, 'name' | 'dockerfiles'>): string {
  const beside = path.join(path.dirname(fromRepo(entry.dockerfiles.multi)), 'README.md');
  return existsSync(beside) ? beside : fromRepo(`apps/${entry.name}/README.md`);
}

/** Every README with generated figures: the root one (all apps) and each catalogue app's own. */
export function figureReadmes(apps: Pick<AppEntry, 'name' | 'dockerfiles'>[] = entries): { file: string; app?: string }[] {
  return [{ file: readmePath }, ...apps.map((e) => ({ file: appReadmePath(e), app: e.name }))];
}

/** Writes one section into every README that shows figures; the files it changed, repository-relative. */
async function writeSection(section: SectionName, figures: SizeFigures | BenchFigures): Promise<string[]> {
  const changed: string[] = [];
  for (const { file, app } of figureReadmes()) {
    const readme = await readFile(file, 'utf8');
    const updated = withSection(readme, section, render(section, figures, app), path.relative(repoRoot, file));
    if (updated === readme) continue;
    await writeFileAtomic(file, updated);
    changed.push(path.relative(repoRoot, file));
  }
  return changed;
}

/** Renders every section again from the committed figures, the Dockerfiles and the catalogue (after a change to how they are rendered, or to a HEALTHCHECK or a limit); the files changed. */
export async function rerenderReadme(): Promise<string[]> {
  const changed = new Set<string>();
  for (const section of ['sizes', 'bench'] as SectionName[]) {
    const figures = JSON.parse(await readFile(figuresPath(section), 'utf8')) as SizeFigures | BenchFigures;
    for (const file of await writeSection(section, figures)) changed.add(file);
  }
  const readme = await readFile(readmePath, 'utf8');
  const firstRun = JSON.parse(await readFile(firstRunFiguresPath, 'utf8')) as FirstRunFigures;
  const updated = withSection(withSection(readme, 'healthchecks', renderHealthchecks()), 'first-run', renderFirstRun(firstRun));
  if (updated !== readme) {
    await writeFileAtomic(readmePath, updated);
    changed.add('README.md');
  }
  return [...changed];
}

/** Writes the figures and the README sections they render to: the root README's and each app's. */
export async function updateReadme(section: SectionName, figures: SizeFigures | BenchFigures): Promise<void> {
  await mkdir(path.dirname(figuresPath(section)), { recursive: true });
  await writeFileAtomic(figuresPath(section), `${JSON.stringify(figures, null, 2)}\n`);
  await writeSection(section, figures);
}

/** Writes figures/first-run.json and the root README's first-run line it renders to. */
export async function recordFirstRun(figures: FirstRunFigures): Promise<void> {
  await mkdir(path.dirname(firstRunFiguresPath), { recursive: true });
  await writeFileAtomic(firstRunFiguresPath, `${JSON.stringify(figures, null, 2)}\n`);
  const readme = await readFile(readmePath, 'utf8');
  await writeFileAtomic(readmePath, withSection(readme, 'first-run', renderFirstRun(figures)));
}
