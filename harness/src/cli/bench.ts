// `pnpm bench [--runs N] [--record] [--builders a,b]`: build and container timings for every
// catalogued app (LAB_APPS narrows it), each the median of N runs (default 3). Prints a table and
// writes reports/bench.md and reports/bench.json, and nothing else; `--record`, over the whole
// catalogue, also records the README's bench tables (figures/bench.json and the sections it
// renders to), a maintainer's step (report/record-figures.ts). `--builders default,lab-remote`
// runs the bench on each of those buildx builders in turn and prints their medians and sizes side
// by side (measure/bench-builders.ts); bench.json keeps every builder's benches.
import { mkdir } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { catalogue, entries } from '../catalogue/index.ts';
import { builderFacts, describeBuilder, type BuilderFacts } from '../engine/builder.ts';
import { onBuilder, parseBuilders, sideBySideRows } from '../measure/bench-builders.ts';
import { requireEngine } from '../engine/docker.ts';
import { describeEngine, engineFacts } from '../engine/engine-facts.ts';
import { sweepStale } from '../engine/ownership.ts';
import { ensureBasesOf } from '../measure/bases.ts';
import { benchApp, type AppBench, type BenchReport } from '../measure/bench.ts';
import { benchMisses, catalogueGoal, healthGoal, rebuildOver } from '../measure/bench-goals.ts';
import { reportsDir } from '../paths.ts';
import { benchFigures } from '../report/figures.ts';
import { measuredRevision } from '../measure/version-args.ts';
import { formatBytes, formatMs, markdownTable, textTable } from '../format.ts';
import { checkRecordable, keepFigures } from '../report/record-figures.ts';
import { BadInputError } from '../bad-input.ts';
import { parseCommandLine, runCli } from './terminal.ts';
import { writeFileAtomic } from '../write-atomic.ts';

function rows(benches: AppBench[]): string[][] {
  return benches.flatMap((b) => [
    ...b.samples.map((s) => [b.app, s.what, formatMs(s.median), s.runs.map((r) => formatMs(r)).join(', ')]),
    ...(b.rebuildRatio !== undefined
      ? [
          [
            b.app,
            'rebuild after one-line change / cold build',
            `${(b.rebuildRatio * 100).toFixed(1)}%`,
            `budget <= ${((b.maxRebuildRatio ?? 0) * 100).toFixed(0)}%${rebuildOver(b) ? ' (OVER)' : ''}`,
          ],
        ]
      : []),
    ...healthGoalRow(b),
    ...(b.concurrency
      ? [
          [
            b.app,
            `${b.concurrency.stages.join(' + ')} in the cold build: ran together / added up`,
            formatMs(b.concurrency.togetherMs),
            `${b.concurrency.busyMs.map(formatMs).join(' + ')} = ${formatMs(b.concurrency.busyMs.reduce((x, y) => x + y, 0))} added up`,
          ],
        ]
      : []),
    [
      b.app,
      'image size single / multi / multi compressed',
      `${formatBytes(b.sizes.multi)}`,
      `${formatBytes(b.sizes.single)} / ${formatBytes(b.sizes.multi)} / ${formatBytes(b.sizes.multiCompressed)}`,
    ],
    ...(b.alternatives ?? []).map((a) => [
      b.app,
      `image size (${a.name}) / compressed`,
      formatBytes(a.uncompressedBytes),
      `${formatBytes(a.uncompressedBytes)} / ${formatBytes(a.compressedBytes)}`,
    ]),
  ]);
}

function healthGoalRow(b: AppBench): string[][] {
  const h = healthGoal(b, catalogueGoal);
  return h ? [[b.app, 'start to healthy against its goal', formatMs(h.healthy), `goal <= ${formatMs(h.goal)}: ${h.healthy <= h.goal ? 'met' : 'MISSED'}`]] : [];
}

const header = ['app', 'measure', 'median', 'runs'];
const usage = 'usage: pnpm bench [--runs N] [--record] [--builders NAME,NAME...]';

/** --runs as a number: a whole number of runs, 1 or more. */
function runsOf(text: string): number {
  const runs = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(runs) || runs < 1)
    throw new BadInputError(`--runs takes a whole number of runs, 1 or more, not '${text}'; ${usage}`);
  return runs;
}

await runCli(async () => {
  // Input first: a bad option, --runs or LAB_APPS is one line, before the engine is asked anything.
  const { values } = parseCommandLine(usage, {
    options: { runs: { type: 'string', default: '3' }, record: { type: 'boolean', default: false }, builders: { type: 'string' } },
  });
  const runs = runsOf(values.runs);
  const builders = values.builders === undefined ? undefined : parseBuilders(values.builders, usage);
  // The README's figures are the engine's own builder's, measured alone.
  if (builders && values.record) throw new BadInputError(`--record records the default builder's figures: run it without --builders; ${usage}`);
  const apps = catalogue();
  checkRecordable(
    values.record,
    apps.map((e) => e.name),
    entries.map((e) => e.name),
  );
  await requireEngine();
  const engine = await engineFacts();
  process.stderr.write(`engine: ${describeEngine(engine)}\n`);
  await sweepStale((line) => process.stderr.write(`${line}\n`));
  await ensureBasesOf(apps, (line) => process.stderr.write(`${line}\n`));
  const loadAverage = Math.round(loadavg()[0]! * 10) / 10;
  const benchAll = async () => {
    const benches: AppBench[] = [];
    for (const entry of apps) benches.push(await benchApp(entry, runs, (line) => process.stderr.write(`${line}\n`)));
    return benches;
  };
  const byBuilder: { builder: BuilderFacts; benches: AppBench[] }[] = [];
  for (const name of builders ?? [])
    byBuilder.push(
      await onBuilder(name, async () => {
        const builder = await builderFacts(name);
        process.stderr.write(`bench on ${describeBuilder(builder)}\n`);
        return { builder, benches: await benchAll() };
      }),
    );
  const benches = byBuilder[0]?.benches ?? (await benchAll());
  await mkdir(reportsDir, { recursive: true });
  const bench: BenchReport = {
    generatedAt: new Date().toISOString(),
    engine,
    runs,
    cpus: availableParallelism(),
    loadAverage,
    benches,
    ...(byBuilder.length ? { builders: byBuilder } : {}),
  };
  const sideHeader = ['app', 'measure', ...byBuilder.map(({ builder }) => describeBuilder(builder))];
  const side = byBuilder.map(({ builder, benches: b }) => ({ builder: builder.name, benches: b }));
  await writeFileAtomic(path.join(reportsDir, 'bench.json'), `${JSON.stringify(bench, null, 2)}\n`);
  await writeFileAtomic(
    path.join(reportsDir, 'bench.md'),
    `# pnpm bench\n\nMedian of ${runs} runs on ${bench.cpus} cores (load average ${loadAverage} as it began), ${describeEngine(engine)}, ${bench.generatedAt}. Cold builds use no layer cache and start with the app's own BuildKit cache mounts emptied (other cache mounts on the engine are left alone); base images are present.\n\n${byBuilder.length ? `Builders side by side (each bench ran on its own builder in turn):\n\n${markdownTable(sideHeader, sideBySideRows(side))}\n\n` : ''}${markdownTable(header, rows(benches))}\n`,
  );
  const readmes = await keepFigures(
    'bench',
    benchFigures(
      bench,
      entries.map((e) => e.name),
      measuredRevision(),
    ),
    values.record,
  );
  process.stdout.write(`\n${textTable(header, rows(benches))}\n\n${byBuilder.length ? `${textTable(sideHeader, sideBySideRows(side))}\n\n` : ''}${readmes}\n`);
  const missed = benchMisses(benches, catalogueGoal);
  for (const line of missed) process.stderr.write(`bench: ${line}\n`);
  return missed.length ? 1 : 0;
});
