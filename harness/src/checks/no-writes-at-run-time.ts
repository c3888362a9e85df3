// no-writes-at-run-time: where the entry names globs, `docker diff` after the service has served
// and after each run lists none of them; reads the changes each measured run recorded.
import picomatch from 'picomatch';
import type { AppEntry } from '../catalogue/types.ts';
import type { AppFacts } from '../contract/app-facts.ts';
import type { FileChange } from '../run/container.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

declare module '../catalogue/types.ts' {
  interface AppEntry {
    /**
     * Globs of paths the production container must not add or change at run time, read with
     * `docker diff` after the service has served and after each run: e.g. "**\/*.pyc" (Python
     * compiling what should have been compiled at build time), "/tmp/**".
     */
    noWritesAtRunTime?: string[];
  }
}

/** What each run that was measured added or changed, with the run that did it. */
function runtimeChanges(entry: AppEntry, facts: AppFacts): { by: string; changes: FileChange[] }[] {
  const measured: { by: string; changes: FileChange[] }[] = [];
  if (facts.run?.changes)
    measured.push({
      by: `the service, after serving ${entry.service?.healthPath ?? ''}${entry.service?.versionPath ? ` and ${entry.service.versionPath}` : ''}`,
      changes: facts.run.changes,
    });
  (entry.runs ?? []).forEach((run, i) => {
    const changes = facts.tools?.[i]?.changes;
    if (changes) measured.push({ by: `\`${run.command.join(' ')}\`${run.user !== undefined ? ` as user ${run.user}` : ''}`, changes });
  });
  return measured;
}

export function checkNoWritesAtRunTime(entry: AppEntry, facts: AppFacts): Verdict {
  const patterns = entry.noWritesAtRunTime ?? [];
  const matchers = patterns.map((pattern) => ({ pattern, test: picomatch(pattern, { dot: true }) }));
  const measured = runtimeChanges(entry, facts);
  const matched = measured.flatMap(({ by, changes }) =>
    changes
      .filter((c) => c.kind !== 'D')
      .flatMap((c) => {
        const hit = matchers.find((m) => m.test(c.path));
        return hit ? [{ ...c, by, pattern: hit.pattern }] : [];
      }),
  );
  // A folder shows as changed when something is written in it: the something is the finding.
  const hits = matched.filter((h) => !matched.some((other) => other.path.startsWith(`${h.path}/`)));
  const shown = hits.slice(0, 10).map((h) => `${h.kind} ${h.path} (matches ${h.pattern})`);
  return verdict(
    measured.length > 0 && hits.length === 0,
    `no path matching ${patterns.join(', ')} added or changed at run time (docker diff)`,
    measured.length === 0
      ? `not measured: ${facts.run?.error?.split('\n')[0] ?? 'no run recorded its changes'}`
      : hits.length === 0
        ? `none in ${measured.length} run(s)`
        : `${hits.length} written: ${shown.join('; ')}${hits.length > 10 ? '; ...' : ''}`,
    `written by:\n${[...new Set(hits.map((h) => h.by))].join('\n')}\nfor .pyc files: compile the bytecode at build time (UV_COMPILE_BYTECODE=1, python -m compileall) and copy it with its sources, whose mtimes it records`,
  );
}

export const noWritesAtRunTime: ContractModule = {
  kind: 'contract',
  id: 'no-writes-at-run-time',
  fixtures: ['writes-bytecode'],
  checks: (entry) =>
    entry.noWritesAtRunTime?.length
      ? [
          {
            id: 'no-writes-at-run-time',
            title: `writes none of ${entry.noWritesAtRunTime.join(', ')} at run time (docker diff after serving and after each run)`,
            evaluate: (f) => checkNoWritesAtRunTime(entry, f),
          },
        ]
      : [],
};
