// The build args every build gets: VERSION and REVISION, which the production images must
// turn into OCI labels (and, where the app reports it, into its /version answer).
import { execFileSync } from 'node:child_process';
import { repoRoot } from '../paths.ts';

let revision: string | undefined;

function gitRevision(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * The revision figures are measured on: HEAD's commit, with "-dirty" when tracked files differ
 * from it (what was measured is then not exactly that commit).
 */
export function measuredRevision(): string {
  const head = gitRevision();
  if (head === 'unknown') return head;
  try {
    const changes = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return changes.trim() ? `${head}-dirty` : head;
  } catch {
    return head;
  }
}

/** LAB_VERSION / LAB_REVISION override them (CI passes its own). */
export function labBuildArgs(): { VERSION: string; REVISION: string } {
  revision ??= process.env.LAB_REVISION ?? gitRevision();
  return { VERSION: process.env.LAB_VERSION ?? '1.0.0-lab', REVISION: revision };
}
