// Keeps this app's pnpm-lock.yaml, its dedicated lockfile, in step with the workspace's.
// The same file sits in every pnpm app of the workspace (each app is forked on its own, so
// none imports another's).
//
// Why: the Docker build context is this folder alone, so the workspace lockfile at the repository
// root is out of reach of `pnpm install --frozen-lockfile` in the image. `pnpm deploy` writes a
// lockfile for one project, cut from the workspace lockfile (same versions, same integrity
// hashes); this script runs it into a temporary folder and keeps only that lockfile.
// See README.md, "One lockfile, two homes".
//
//   node scripts/lockfile.ts           rewrite pnpm-lock.yaml here
//   node scripts/lockfile.ts --check   exit 1 if it is stale (scripts/lockfile.test.ts does the same)

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const lockfilePath = join(appDir, 'pnpm-lock.yaml');
export const appName = (JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as { name: string }).name;

/** The pnpm workspace this app sits in, or undefined once the app is forked out on its own. */
export function findWorkspaceRoot(from: string = appDir): string | undefined {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The pnpm that runs this script (it sets npm_execpath), else the one on PATH. */
function pnpm(args: string[]): [string, string[]] {
  const self = process.env.npm_execpath;
  if (self === undefined || !basename(self).startsWith('pnpm')) return ['pnpm', args];
  // pnpm up to 10 is a JavaScript file; from 11 on, a native executable.
  return /\.[cm]?js$/.test(self) ? [process.execPath, [self, ...args]] : [self, args];
}

/** The dedicated lockfile that `pnpm deploy` derives for this app from the workspace lockfile. */
export async function deriveLockfile(workspaceRoot: string): Promise<string> {
  const target = await mkdtemp(join(tmpdir(), `${appName}-deploy-`));
  try {
    // --offline: only packages the workspace install already put in the store; nothing is
    // resolved anew, so the result is a projection of the workspace lockfile and nothing else.
    const [command, args] = pnpm(['--filter', appName, 'deploy', '--offline', '--ignore-scripts', '--reporter=silent', join(target, 'out')]);
    await promisify(execFile)(command, args, { cwd: workspaceRoot, env: { ...process.env, CI: 'true' } });
    return await readFile(join(target, 'out', 'pnpm-lock.yaml'), 'utf8');
  } finally {
    await rm(target, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = findWorkspaceRoot();
  if (root === undefined) {
    console.error('Not inside a pnpm workspace: this copy of the app owns pnpm-lock.yaml; use `pnpm install`.');
    process.exit(2);
  }
  const derived = await deriveLockfile(root);
  const current = existsSync(lockfilePath) ? await readFile(lockfilePath, 'utf8') : '';
  if (process.argv.includes('--check')) {
    if (derived !== current) {
      console.error(`apps/${appName}/pnpm-lock.yaml is stale: run \`pnpm --filter ${appName} lockfile\` and commit it.`);
      process.exit(1);
    }
    console.log('pnpm-lock.yaml matches the workspace lockfile.');
  } else if (derived === current) {
    console.log('pnpm-lock.yaml already up to date.');
  } else {
    await writeFile(lockfilePath, derived);
    console.log(`wrote ${lockfilePath}`);
  }
}
