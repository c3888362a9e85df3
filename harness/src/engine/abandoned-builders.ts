// Builders left by runs that were killed before they could stop them (SIGKILL, a CI job's
// timeout, the OOM killer): their buildkitd and registry go on (reparented, nothing ends them),
// the buildx builder stays registered and the run dir keeps buildkitd's cache. A run that starts
// its builders under a name that carries its pid (<prefix><pid>) lets the next run find them by
// their run dirs and stop those whose pid is gone, with the script that started them.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { processIsAlive } from '../process-alive.ts';
import { buildkitRunDir, defaultRunDirRoot, runBuildkitScript } from './buildkit-script.ts';

export interface PidNamedBuilders {
  /** What each name starts with; the run's pid follows (lab-remote-test- gives lab-remote-test-4242). */
  prefix: string;
  /** The folder that holds their run dirs (default /tmp, scripts/buildkit's). */
  root?: string;
}

/** The name of the builder a run (this one unless pid says otherwise) starts under that prefix. */
export function pidNamedBuilder(prefix: string, pid = process.pid): string {
  return `${prefix}${pid}`;
}

/** Of the entries of the run dirs' folder, the builders of that prefix whose run is no longer running. */
export function abandonedBuilderNames(entries: string[], { prefix, root = defaultRunDirRoot }: PidNamedBuilders, isAlive = processIsAlive): string[] {
  const dirPrefix = path.basename(buildkitRunDir(prefix, root));
  return entries.flatMap((entry) => {
    const pid = entry.startsWith(dirPrefix) ? entry.slice(dirPrefix.length) : '';
    return /^\d+$/.test(pid) && !isAlive(Number(pid)) ? [pidNamedBuilder(prefix, Number(pid))] : [];
  });
}

/** Stops every abandoned builder of that prefix: builder removed, buildkitd and its registry stopped, run dir deleted. The names stopped. */
export async function stopAbandonedBuilders(builders: PidNamedBuilders): Promise<string[]> {
  const root = builders.root ?? defaultRunDirRoot;
  const entries = await readdir(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const names = abandonedBuilderNames(entries, builders);
  for (const name of names) await runBuildkitScript('stop', { name, root });
  return names;
}
