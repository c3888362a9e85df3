// `pnpm clean`: removes the lab's images, containers, networks and cache mounts from the engine,
// and only those (engine/clean.ts says which are the lab's); `--bases` the forged bases too; and
// the measurements kept of those images (measure/measured-store.ts), which no run could replay.
// Refuses in one line while another lab run is going: its objects are in use.
import path from 'node:path';
import { BadInputError } from '../bad-input.ts';
import { cleanLab } from '../engine/clean.ts';
import { measuredDir, removeMeasured } from '../measure/measured-store.ts';
import { repoRoot } from '../paths.ts';
import { parseCommandLine, runCommand } from './terminal.ts';

// pnpm's own `clean` command reads the options before it hands over to this script, so --bases
// comes after `--`.
const usage = 'usage: pnpm clean [-- --bases]';

/** 1536 MiB -> "1.5 GB": the decimal units `docker system df` prints. */
export function bytesText(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e3).toFixed(1)} kB`;
}

await runCommand(async () => {
  const { values, positionals } = parseCommandLine(usage, { options: { bases: { type: 'boolean' }, help: { type: 'boolean' } }, allowPositionals: true });
  if (values.help) return void process.stdout.write(`${usage}\n`);
  if (positionals.length) throw new BadInputError(`unexpected argument(s) ${positionals.join(' ')}; ${usage}`);
  const result = await cleanLab({ bases: values.bases ?? false });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const list = (what: string, names: string[]) => out(`removed ${names.length} ${what}${names.length ? `: ${names.join(', ')}` : ''}`);
  list('container(s)', result.containers);
  list('network(s)', result.networks);
  list('image(s)', result.images);
  list('cache mount(s)', result.cacheMounts);
  if (result.keptInUse.length) out(`kept ${result.keptInUse.join(', ')}: containers that are not the lab's use them (remove those, then run again)`);
  out(`freed ${bytesText(result.freed)}`);
  const measured = await removeMeasured();
  out(
    `removed the measurements kept of ${measured.apps.length} app(s) (${measuredDir.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, measuredDir) : measuredDir}, ${bytesText(measured.bytes)}): the next run measures them again`,
  );
  if (values.bases) out('the forged bases are gone: the next run forges them again (about 9 minutes on 2 cores)');
  else out('kept the base images (pulled or forged); pnpm clean -- --bases removes the forged ones too');
  if (result.unownedBuildCache > 0)
    out(
      `left the engine's other build cache (${bytesText(result.unownedBuildCache)}): it names no owner, other projects may share it; 'docker builder prune' empties it all`,
    );
  return 0;
});
