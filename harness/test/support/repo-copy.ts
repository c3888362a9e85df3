// A temporary copy of the repository (its tracked files, with the installed node_modules linked
// in), for tests that add an app the way a developer would and run the harness there: the
// repository itself is never written. Removed on dispose.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, lstat, mkdir, readlink, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../../src/paths.ts';
import { filledTempFolder } from '../../src/temp-folder.ts';

export interface RepoCopy extends AsyncDisposable {
  root: string;
}

export async function copyOfRepo(label: string): Promise<RepoCopy> {
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  // A copy that fails midway is removed (filledTempFolder): the caller gets it whole or not at all.
  const root = await filledTempFolder(label, async (root) => {
    for (const file of tracked) {
      // Tracked and new files (not the ignored ones); one deleted in the work tree is not copied.
      if (!existsSync(path.join(repoRoot, file))) continue;
      const [from, to] = [path.join(repoRoot, file), path.join(root, file)];
      await mkdir(path.dirname(to), { recursive: true });
      // A tracked symlink (a fixture's pnpm layout) stays a link.
      if ((await lstat(from)).isSymbolicLink()) await symlink(await readlink(from), to);
      else await copyFile(from, to);
    }
    // The installs, shared (read only here): pnpm's links resolve against the repository's store.
    for (const modules of ['node_modules', 'harness/node_modules']) await symlink(path.join(repoRoot, modules), path.join(root, modules));
  });
  return { root, [Symbol.asyncDispose]: () => rm(root, { recursive: true, force: true }) };
}
