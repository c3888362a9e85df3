// `pnpm verify [--app NAME]...`: builds every catalogued app (single- and multi-stage), measures
// the images, runs them, checks the image contract and the lab's target claims, decides every
// claim of the tutorial on those measurements, builds the tutorial's own recipes as written
// (over the whole catalogue only: recipes/for-report.ts), and writes the claims report: reports/claims.json
// (checked against harness/schema/claims-report.schema.json), claims.md, index.html and a
// screenshot of it (index.png). `--app` (repeatable) narrows the run as LAB_APPS does.
// Exit 1 only if an image of ours breaks the contract, a check of the lab fails, or an app
// cannot be built: a tutorial claim that does not hold is a finding, shown in the report.
// It writes reports/ only: a user's run leaves the tree as it was. `--record`, over the whole
// catalogue, also records the README's size tables (figures/sizes.json and the sections it
// renders to), a maintainer's step (report/record-figures.ts).
import path from 'node:path';
import { entries, selectApps } from '../catalogue/index.ts';
import type { AppEntry } from '../catalogue/types.ts';
import type { AlternativeFacts } from '../contract/app-facts.ts';
import { requireEngine } from '../engine/docker.ts';
import { describeEngine, engineFacts } from '../engine/engine-facts.ts';
import { sweepStale } from '../engine/ownership.ts';
import { baseOriginsOf, ensureBasesOf } from '../measure/bases.ts';
import { cacheDir, reportsDir } from '../paths.ts';
import { formatBytes } from '../format.ts';
import { heldByEngine, pruneInspectCache } from '../inspect/prune-cache.ts';
import { terminalSummary } from '../report/claims-report.ts';
import { type AppReport, type BuiltImages } from '../report/claims-model.ts';
import { builtSummary } from '../report/built-images.ts';
import { claimsReport, reportFacts, writeReport } from '../report/write-report.ts';
import { sizeFigures } from '../report/figures.ts';
import { measuredRevision } from '../measure/version-args.ts';
import { checkRecordable, keepFigures } from '../report/record-figures.ts';
import { suiteFor } from '../suite.ts';
import { recipeBasesForReport, recipesForReport } from '../recipes/for-report.ts';
import { recipesCount } from '../recipes/summary.ts';
import { tutorialSizesOf } from '../tutorial/figures.ts';
import { throwIfStopped } from '../stop.ts';
import { createProgress, longestSteps, type Progress } from './progress.ts';
import { parseCommandLine, runCli } from './terminal.ts';

const usage = 'usage: pnpm verify [--app NAME]... [--record]';

async function verifyApp(entry: AppEntry, progress: Progress): Promise<AppReport> {
  const suite = suiteFor(entry);
  const report: AppReport = { app: entry.name, title: entry.title, contract: [], claims: [], bases: [] };
  const tutorial = tutorialSizesOf(entry.name);
  if (tutorial) report.tutorial = tutorial;
  report.bases = await baseOriginsOf(entry);
  // Every phase begins with a look at the stop: measurements and claims catch their steps'
  // failures into facts and verdicts, so a stopped run would otherwise go on to the next phase.
  const phase = (text: string) => {
    throwIfStopped();
    progress.phase(text);
  };
  // What was built is kept, so a later failure still says which images exist (tag, id, size).
  const built: BuiltImages = {};
  try {
    const { facts, replayed } = await suite.measure({
      onProgress: (_variant, event) => progress.build(event),
      onPhase: phase,
      onBuilt: (variant, image) => (built[variant] = builtSummary(image)),
    });
    if (replayed)
      progress.line(
        `${entry.name}: images and their measurements replayed, as ${replayed.by} measured them at ${replayed.at} (same key: tree, engine, builder, base images)`,
      );
    report.contract = suite.contract.map((check) => ({ id: check.id, title: check.title, ...check.evaluate(facts) }));
    // The package counts, measured with the images (suite.ts), have their own place in the report.
    const { packages, ...measured } = facts;
    if (packages) report.packages = packages;
    report.facts = reportFacts(measured);
  } catch (error) {
    throwIfStopped(); // a stopped run writes no report of what it did not measure
    report.error = (error as Error).message;
    if (built.single || built.multi) report.built = built;
    return report;
  }
  for (const claim of suite.claims) {
    phase(`claim: ${claim.id}`);
    try {
      const { details, replayed, ...verdict } = await claim.verify();
      if (replayed) progress.line(`${entry.name}: ${claim.id} replayed, as ${replayed.by} measured it at ${replayed.at}`);
      report.claims.push({ id: claim.id, title: claim.title, ...verdict });
      // An alternative's measurements go beside production's in the report.
      if (claim.id.startsWith('alternative-')) (report.alternatives ??= []).push(details as AlternativeFacts);
    } catch (error) {
      throwIfStopped();
      // A claim that could not be measured (its build failed, say) fails alone, with the reason.
      const reason = (error as Error).message;
      report.claims.push({
        id: claim.id,
        title: claim.title,
        ok: false,
        expected: 'measured',
        found: `could not be measured: ${reason.split('\n')[0]}`,
        blame: reason,
      });
    }
  }
  return report;
}

await runCli(async () => {
  // Input first: a bad option or app name is one line, before the engine is asked anything.
  const { values } = parseCommandLine(usage, { options: { app: { type: 'string', multiple: true }, record: { type: 'boolean', default: false } } });
  const selected = selectApps(values.app ?? []);
  checkRecordable(
    values.record,
    selected.map((e) => e.name),
    entries.map((e) => e.name),
  );
  await requireEngine();
  // Before anything is started: what killed runs left (SIGKILL leaves its labelled resources).
  await sweepStale((line) => process.stderr.write(`${line}\n`));
  const engine = await engineFacts();
  process.stderr.write(`engine: ${describeEngine(engine)}\n`);
  const progress = createProgress(process.stderr);
  try {
    progress.phase('base images');
    const wholeCatalogue = selected.length === entries.length;
    await ensureBasesOf(selected, (line) => progress.line(line), await recipeBasesForReport(wholeCatalogue));
    const apps: AppReport[] = [];
    for (const [i, entry] of selected.entries()) {
      progress.app(entry.name, i + 1, selected.length);
      apps.push(await verifyApp(entry, progress));
    }
    const recipes = await recipesForReport(wholeCatalogue, progress);
    // A stop from here on leaves the last whole report: the files are each replaced whole.
    throwIfStopped();
    progress.phase('writing the report');
    const report = claimsReport(
      apps,
      engine,
      entries.map((e) => e.name),
      undefined,
      [],
      recipes,
    );
    const written = await writeReport(report, reportsDir);
    const readmes = await keepFigures(
      'sizes',
      sizeFigures(
        report,
        entries.map((e) => e.name),
        measuredRevision(),
      ),
      values.record,
    );
    progress.stop();
    const relative = (file: string) => path.relative(process.cwd(), file);
    process.stdout.write(
      `\n${terminalSummary(report)}\n${recipes ? `${recipesCount(recipes)}\n` : ''}\nreport: ${written.files.map(relative).join(', ')}\n${readmes}\n`,
    );
    for (const problem of written.pageProblems) process.stderr.write(`index.html: ${problem}\n`);
    // Before this run's own images go (runCli), so what it inspected is kept for the next run.
    const held = await heldByEngine().catch(() => undefined);
    const pruned = held ? await pruneInspectCache(cacheDir, held) : undefined;
    if (pruned?.files)
      process.stderr.write(`inspection cache: removed ${pruned.files} entries (${formatBytes(pruned.bytes)}) of images and layers no longer on the engine\n`);
    const { steps, totalMs } = progress.steps();
    process.stdout.write(`\n${longestSteps(steps, totalMs).join('\n')}\n`);
    // The lab's own checks and budgets decide the exit status; the tutorial's claims never do.
    const broken = apps.some((a) => a.error || a.contract.some((c) => !c.ok) || a.claims.some((c) => !c.ok));
    return broken ? 1 : 0;
  } finally {
    progress.stop();
  }
});
