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

/** LAB_VERSION / LAB_REVISION override them (CI passes its own). */
export function labBuildArgs(): { VERSION: string; REVISION: string } {
  revision ??= process.env.LAB_REVISION ?? gitRevision();
  return { VERSION: process.env.LAB_VERSION ?? '1.0.0-lab', REVISION: revision };
}
