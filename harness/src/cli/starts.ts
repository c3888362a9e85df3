// `node harness/src/cli/starts.ts [--app NAME]... [--runs N] [--cpus S]`: start-to-healthy of
// each app's production image over N fresh containers (default 5), printed with their median.
// `--cpus S` gives each container S of one core, as a loaded machine would: run the command
// under `scripts/under-load --share S` too and the harness is slowed alike. How the health
// goal's load factor (harness/src/limits.ts) was measured.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { selectApps } from '../catalogue/index.ts';
import { requireEngine } from '../engine/docker.ts';
import { ensureBasesOf } from '../measure/bases.ts';
import { median } from '../median.ts';
import { buildApp, temporaryTag } from '../measure/images.ts';
import { measureStarts } from '../measure/runs.ts';
import { formatMs } from '../format.ts';
import { runCli } from './terminal.ts';

await runCli(async () => {
  const { values } = parseArgs({
    options: { app: { type: 'string', multiple: true, default: [] }, runs: { type: 'string', default: '5' }, cpus: { type: 'string' } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs takes a whole number >= 1, not ${values.runs}`);
  const cpus = values.cpus === undefined ? undefined : Number(values.cpus);
  if (cpus !== undefined && !(cpus > 0)) throw new Error(`--cpus takes a share of one core above 0 (0.1 is a tenth), not ${values.cpus}`);
  await requireEngine();
  const apps = selectApps(values.app).filter((e) => e.service);
  await ensureBasesOf(apps, (line) => process.stderr.write(`${line}\n`));
  let failed = 0;
  for (const entry of apps) {
    const built = await buildApp(entry, { variant: 'multi', target: entry.productionTarget, temporaryTag: temporaryTag(entry, 'starts') });
    const load = loadavg()[0]!.toFixed(1);
    const starts = await measureStarts(entry, built.tag, runs, cpus);
    const line = `${entry.name}: start to healthy, median ${formatMs(median(starts.healthyMs))} of ${starts.healthyMs.map((ms) => formatMs(ms)).join(', ')}${cpus !== undefined ? ` at --cpus ${cpus}` : ''} (load average ${load} as it began)`;
    process.stdout.write(`${line}${starts.error ? `; stopped: ${starts.error.split('\n')[0]}` : ''}\n`);
    if (starts.error) failed++;
  }
  return failed ? 1 : 0;
});
