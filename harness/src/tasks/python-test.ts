// `pytest` for turbo, run in apps/python-api: the app's own tests on this host, in its own virtual
// environment (.venv, gitignored and outside the build context) made by the pinned uv from
// uv.lock, with an interpreter here that meets pyproject.toml's requires-python. Where none does,
// one line says so and that they run in the Dockerfile's test target, and the report counts them
// skipped. The JUnit report goes to $LAB_TEST_RESULTS/<package>-<task>.xml for CI's closing line.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { cacheDir } from '../paths.ts';
import { reportFile, skippedReport } from './test-summary.ts';

type Version = [number, number, number];

/** The lowest Python version pyproject.toml's `requires-python = ">=X.Y"` allows. */
export function requiredPython(pyproject: string): [number, number] {
  const match = /^requires-python\s*=\s*"\s*>=\s*(\d+)\.(\d+)\s*"/m.exec(pyproject);
  if (!match) throw new Error(`python-api: pyproject.toml's requires-python must read ">=X.Y" (the only form this runner reads)`);
  return [Number(match[1]), Number(match[2])];
}

/** Of the interpreters found, the oldest that meets the floor (the images run the floor's minor). */
export function pickPython(found: { path: string; version: Version }[], floor: [number, number]): { path: string; version: Version } | undefined {
  const meets = (v: Version) => v[0] > floor[0] || (v[0] === floor[0] && v[1] >= floor[1]);
  const byAge = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  return found.filter((f) => meets(f.version)).sort((a, b) => byAge(a.version, b.version))[0];
}

/** `python3.X` and `python3` on PATH, and pyenv's installed versions, by their own paths: pyenv's
 * shims answer only for the active version, and each costs a shell start (about 0.5 s) to find out. */
function candidates(): string[] {
  const pyenv = path.join(process.env.PYENV_ROOT ?? path.join(homedir(), '.pyenv'), 'versions');
  const installed = existsSync(pyenv) ? readdirSync(pyenv).map((v) => path.join(pyenv, v, 'bin', 'python3')) : [];
  const names = [...Array.from({ length: 8 }, (_, i) => `python3.${i + 10}`), 'python3'];
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir && !dir.endsWith(`${path.sep}shims`));
  const onPath = dirs.flatMap((dir) => names.map((name) => path.join(dir, name)));
  return [...new Set([...onPath, ...installed].filter((file) => existsSync(file)).map((file) => realpathSync(file)))];
}

function probe(python: string): { path: string; version: Version } | undefined {
  const run = spawnSync(python, ['-c', 'import sys; print(sys.executable); print(*sys.version_info[:3])'], { encoding: 'utf8' });
  if (run.status !== 0) return undefined;
  const [executable, version] = run.stdout.trim().split('\n');
  return { path: executable!, version: version!.split(' ').map(Number) as Version };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`python-api: \`${path.basename(command)} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
}

/** The pinned uv (tools/requirements.txt, hashes checked), installed once under .cache/tools. */
async function pinnedUv(python: string): Promise<string> {
  const version = /^uv==(\S+)/m.exec(readFileSync('tools/requirements.txt', 'utf8'))?.[1];
  if (!version) throw new Error('python-api: tools/requirements.txt pins no uv==VERSION');
  const dir = path.join(cacheDir, 'tools', `uv-${version}`);
  const uv = path.join(dir, 'bin', 'uv');
  if (existsSync(uv)) return uv;
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  run(python, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '--root-user-action=ignore',
    '--require-hashes',
    '--target',
    partial,
    '-r',
    'tools/requirements.txt',
  ]);
  await rename(partial, dir);
  return uv;
}

/** .venv in step with uv.lock: synced as the Dockerfile does, again only when the lock, the
 * project, uv or the interpreter changed (a stamp in .venv says which it was made from). */
async function syncedVenv(python: { path: string; version: Version }): Promise<void> {
  const uv = await pinnedUv(python.path);
  const stamp = createHash('sha256')
    .update([readFileSync('uv.lock', 'utf8'), readFileSync('pyproject.toml', 'utf8'), uv, python.path, python.version.join('.')].join('\0'))
    .digest('hex');
  const stampFile = path.join('.venv', '.lab-synced');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  const env = { ...process.env, UV_PYTHON_DOWNLOADS: 'never', UV_PROJECT_ENVIRONMENT: '.venv' };
  const sync = (...args: string[]) => run(uv, ['sync', '--locked', '--no-install-project', '--python', python.path, ...args], env);
  // msgspec is compiled from its sdist without build isolation: its backend first, from the lock.
  sync('--only-group', 'build');
  sync('--group', 'build');
  sync();
  await writeFile(stampFile, stamp);
}

/** The tests' outcome as an exit status: pytest's, or 0 with a skipped report where no interpreter fits. */
async function main(): Promise<number> {
  const report = reportFile('xml');
  await mkdir(path.dirname(report), { recursive: true });
  const floor = requiredPython(readFileSync('pyproject.toml', 'utf8'));
  const found = candidates()
    .map(probe)
    .filter((p) => p !== undefined);
  const python = pickPython(found, floor);
  if (!python) {
    const here = [...new Set(found.map((f) => f.version.join('.')))].join(', ') || 'none';
    const reason = `needs Python >=${floor.join('.')} (pyproject.toml's requires-python), this host has ${here}: they run in its Dockerfile's test target`;
    console.log(`python-api: pytest not run here: ${reason}`);
    await writeFile(report, skippedReport('python-api', 'pytest', reason));
    return 0;
  }
  await syncedVenv(python);
  console.log(`python-api: pytest on Python ${python.version.join('.')} (${python.path})`);
  // Bytecode is kept, in the venv rather than beside the sources: compiling starlette, uvicorn
  // and pytest again on every run doubled its time.
  const { PYTHONDONTWRITEBYTECODE: _, ...env } = process.env;
  const pytest = spawnSync(path.join('.venv', 'bin', 'python'), ['-m', 'pytest', `--junitxml=${report}`], {
    stdio: 'inherit',
    env: { ...env, PYTHONPYCACHEPREFIX: path.resolve('.venv', '.pycache') },
  });
  return pytest.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(
    await main().catch((problem: Error) => {
      console.error(problem.message);
      return 1;
    }),
  );
}
