// `pnpm bases`: makes every base image the Dockerfiles name present (pulled, or forged from
// dockerfiles/bases/), and the bases of the tutorial's recipes that `pnpm verify` builds where
// the forge has recipes for them (node:18, python:3.11), in the same schedule, so a cold forge
// makes them beside its long builds. `pnpm bases --all` forges every recipe's images; `pnpm bases REF...`
// only those; `--no-pull` skips the registry attempt; `--host` prints the package sources
// the recipes will use; `--fidelity` prints the size table for dockerfiles/bases/README.md;
// `--force` forges again without the build cache (a cold forge, to time it).
import { ensureBases } from '../forge/index.ts';
import { recipeBasesForReport } from '../recipes/for-report.ts';
import { fidelityTable } from '../forge/fidelity.ts';
import { readHostConfig } from '../forge/host.ts';
import { repoRoot } from '../paths.ts';
import { BadInputError } from '../bad-input.ts';
import { runCommand } from './terminal.ts';

const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => a.startsWith('--')));
const refs = argv.filter((a) => !a.startsWith('--'));
const known = new Set(['--all', '--no-pull', '--force', '--host', '--fidelity', '--help']);
const unknown = [...flags].filter((f) => !known.has(f));
const usage = 'usage: pnpm bases [--all | REF...] [--no-pull] [--force] | --host | --fidelity';

await runCommand(async () => {
  if (unknown.length) throw new BadInputError(`unknown option(s) ${unknown.join(' ')}; ${usage}`);
  if (flags.has('--help')) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (flags.has('--host')) {
    const host = readHostConfig(repoRoot);
    for (const [key, value] of Object.entries(host))
      if (key !== 'sources') process.stdout.write(`${key.padEnd(22)} ${value}${host.sources[key] ? `   (${host.sources[key]})` : ''}\n`);
    return 0;
  }
  if (flags.has('--fidelity')) {
    process.stdout.write(await fidelityTable());
    return 0;
  }
  const started = Date.now();
  const also = refs.length || flags.has('--all') ? [] : await recipeBasesForReport(true);
  const statuses = await ensureBases({
    ...(refs.length ? { refs } : {}),
    also,
    all: flags.has('--all'),
    ...(flags.has('--no-pull') ? { pull: false } : {}),
    force: flags.has('--force'),
  });
  for (const s of statuses) {
    process.stdout.write(`${s.origin.padEnd(8)} ${s.ref}${s.recipeHash ? `  recipe ${s.recipeHash.slice(0, 12)}` : ''}\n`);
  }
  process.stdout.write(`${statuses.length} base image(s) ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
});
