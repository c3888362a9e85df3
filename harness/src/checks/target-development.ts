// target-development: `--target development` serves, and reloads on an edit of a mounted source
// without a restart (measureDevelopment, measure/targets.ts).
import type { AppEntry, Budget } from '../catalogue/types.ts';
import type { DevelopmentFacts } from '../contract/app-facts.ts';
import { firstLine, formatMs } from '../format.ts';
import { measureDevelopment } from '../measure/targets.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

/** `--target development`: a dev server that reloads when a mounted source file changes. */
export interface DevelopmentTarget {
  /** Stage name in multi.Dockerfile. */
  target: string;
  /** Bind mounts from a temporary copy of the context into the container. */
  mounts: { source: string /* context-relative */; target: string /* absolute in the container */ }[];
  /** GET this path; its body must change after the edit. */
  probePath: string;
  /** Edit applied to the temporary copy: `search` is replaced by `replace`, and the body must then contain `replace`. */
  edit: { file: string /* context-relative */; search: string; replace: string };
  /** How long the reload may take before the check fails, ms. */
  reloadWithinMs: Budget;
  /**
   * Wait this long after the first answer before editing, ms: a reloader that takes its baseline
   * on a later poll than the server's first answer would see the edit as the starting state.
   * Not part of the reload time, which counts from the edit.
   */
  settleMs?: number;
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    development?: DevelopmentTarget;
  }
}

export function checkDevelopment(entry: AppEntry, dev: DevelopmentFacts): Verdict {
  const spec = entry.development!;
  const limit = spec.reloadWithinMs.limit;
  return verdict(
    dev.reloadMs !== undefined && dev.reloadMs <= limit,
    `GET ${spec.probePath} shows "${spec.edit.replace}" within ${formatMs(limit)} of editing ${spec.edit.file}, without a restart`,
    dev.reloadMs !== undefined ? `reloaded after ${formatMs(dev.reloadMs)}` : `no reload: ${firstLine(dev.error, 'unknown')}`,
    dev.error,
  );
}

export const targetDevelopment: ClaimModule = {
  kind: 'claim',
  id: 'target-development',
  fixtures: ['dev-no-reload'],
  claims: (entry, { claim }) =>
    entry.development
      ? [
          claim(
            'target-development',
            '--target development reloads on a source change',
            () => measureDevelopment(entry),
            (f) => checkDevelopment(entry, f),
          ),
        ]
      : [],
};
