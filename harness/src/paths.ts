// Where things are: every path the harness hands around is absolute, resolved here.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** An absolute path for a repository-relative one. */
export function fromRepo(relative: string): string {
  return path.resolve(repoRoot, relative);
}

/** Scratch space the harness owns (gitignored): inspection cache, temporary contexts, reports. */
export const cacheDir = fromRepo('.cache');
/** LAB_REPORTS_DIR moves the reports (a test's run of `pnpm verify` leaves the repository's alone). */
export const reportsDir = process.env.LAB_REPORTS_DIR ? path.resolve(process.env.LAB_REPORTS_DIR) : fromRepo('reports');

/** The Dockerfiles, and under them the forge's recipes for base-image stand-ins. */
export const dockerfilesDir = fromRepo('dockerfiles');
export const basesDir = path.join(dockerfilesDir, 'bases');

/**
 * What a workspace run leaves in an app's folder (gitignored, never in a build context), so a
 * copy of the folder leaves it out: installs, caches and tool output, python-api's test:unit
 * venv (20 MB) and Maven's target/ among them.
 */
export const leftOutOfCopies = new Set(['node_modules', '.turbo', 'dist', 'coverage', '.venv', 'target', '__pycache__', '.pytest_cache']);
