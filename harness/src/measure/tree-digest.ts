// The repository's side of a measurement's key: the content of every file an image or its
// measurement is made from. The set turbo hashes into test:contract's key (turbo.json): the
// harness, the apps, the Dockerfiles and the root's manifests, lockfile and configuration,
// tracked or not, but not what git ignores (node_modules, .venv, dist, .cache); less the
// harness's folders that no measurement reads, so an edit to the report measures no app again.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Repository-relative paths (folders, or single files) whose content the key holds. */
export const measuredTree = ['harness', 'apps', 'dockerfiles', 'package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json', 'turbo.json'];

/**
 * Folders under `measuredTree` that no measurement reads: what renders, records or forks what was
 * measured, CI's tasks, the tutorial's recipes (run apart, never kept with an app), the Dockerfile
 * lint, the unit tests. measure-once.test.ts holds it: nothing that measures imports or names them.
 */
export const notMeasuring = [
  'harness/src/report',
  'harness/src/fork',
  'harness/src/tasks',
  'harness/src/recipes',
  'harness/src/lint',
  'harness/schema',
  'harness/test/unit',
];

/**
 * A digest of the names and contents of the files under `measuredTree` in `root`; undefined
 * where `root` is no git work tree (git alone says which files are ignored), so nothing is replayed.
 */
export async function treeDigest(root: string): Promise<string | undefined> {
  const pathspecs = [...measuredTree, ...notMeasuring.map((folder) => `:(exclude)${folder}`)];
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...pathspecs], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  }).catch(() => undefined);
  if (!listed) return undefined;
  // A tracked file deleted from the work tree is listed too: it counts as absent.
  const files = [...new Set(listed.stdout.split('\0').filter(Boolean))].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const content = await readFile(path.join(root, file)).catch(() => undefined);
    hash.update(`${file}\0${content ? createHash('sha256').update(content).digest('hex') : 'absent'}\0`);
  }
  return hash.digest('hex');
}
