// `pnpm bench:first-run`: a newcomer's first run, timed. On an EMPTY engine (the one DOCKER_HOST
// names: no image, no build cache), from the repository's root, it runs the README's two commands
// as their parts: set-up (scripts/bootstrap.sh), the forge (`pnpm bases`: the base images the
// Dockerfiles name), `pnpm verify` (its builds and measurements, then its report, told apart by
// the "writing the report" line it prints), and `pnpm test` after it; it reads what the engine
// holds once verify is done (`docker system df`), and records figures/first-run.json and the
// README's line on it (report/first-run.ts). A maintainer's step, on a fresh 2-core machine: an
// engine that already holds images would time a warm run, so it is refused. A second engine on
// this machine (test/contract/support/second-engine.ts) is no stand-in: it runs on vfs, which
// copies every layer whole, so both its times and its disk use are not a newcomer's.
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { createInterface } from 'node:readline';
import { BadInputError } from '../bad-input.ts';
import { docker, requireEngine } from '../engine/docker.ts';
import { repoRoot } from '../paths.ts';
import { diskFrom, phasesFrom, type FirstRunPhase } from '../report/first-run.ts';
import { recordFirstRun } from '../report/readme-tables.ts';
import { parseCommandLine, runCommand } from './terminal.ts';

/** Runs a command from the repository's root, its output passed through; `onLine` sees each line of its standard error. */
function run(command: string, onLine?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'pipe'] });
    createInterface({ input: child.stderr }).on('line', (line) => {
      process.stderr.write(`${line}\n`);
      onLine?.(line);
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command}: exit status ${code}`))));
  });
}

await runCommand(async () => {
  parseCommandLine('usage: pnpm bench:first-run (no arguments; on an empty engine)', { options: {} });
  await requireEngine();
  const before = diskFrom(await docker().df());
  if (before.imagesBytes > 0 || before.buildCacheBytes > 0) {
    throw new BadInputError(
      `the engine holds ${(before.imagesBytes / 1e9).toFixed(1)} GB of images and ${(before.buildCacheBytes / 1e9).toFixed(1)} GB of build cache: a first run needs an empty one (a fresh machine's engine)`,
    );
  }
  const marks: { phase: FirstRunPhase; at: number }[] = [];
  const mark = (phase: FirstRunPhase) => marks.push({ phase, at: Date.now() });
  const measuredAt = new Date().toISOString();
  const env = '. scripts/bootstrap.sh >/dev/null &&';
  mark('set-up');
  await run('. scripts/bootstrap.sh');
  mark('forge');
  await run(`${env} pnpm bases`);
  mark('builds and measurements');
  await run(`${env} pnpm verify`, (line) => {
    if (line.includes('writing the report') && !marks.some((m) => m.phase === 'report')) mark('report');
  });
  // Read before the tests add their own images (removed at their end) and cache; its second counts in verify's last phase.
  const disk = diskFrom(await docker().df());
  mark('pnpm test after it');
  await run(`${env} pnpm test`);
  const phases = phasesFrom(marks, Date.now());
  await recordFirstRun({
    measuredAt,
    recordedBy: 'by `pnpm bench:first-run`',
    cpus: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    phases,
    disk,
  });
  process.stdout.write(`${phases.map((p) => `${p.phase}: ${Math.round(p.ms / 1000)} s`).join('\n')}\nrecorded in figures/first-run.json and README.md\n`);
});
