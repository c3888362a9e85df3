// runs-*: each command of the entry's runs, run in the production image (measure/runs.ts), exits
// 0 with the output it expects and none it forbids.
import type { ToolRunFacts } from '../contract/app-facts.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

/** A command run in the production image with its output checked (e.g. the toolbox's tools). */
export interface ToolRun {
  /** What the run shows, for the report (default: the command). */
  title?: string;
  /** Replaces the image's ENTRYPOINT for this run (when the entrypoint starts the service). */
  entrypoint?: string[];
  /** Appended to the ENTRYPOINT (the image's, or the one above), as `docker run IMAGE ...` would. */
  command: string[];
  /**
   * Run as this user instead of the image's USER, e.g. "0": with `noWritesAtRunTime`, a write the
   * image should never need (a missing or stale .pyc) then succeeds and is seen, instead of
   * failing silently on a directory the app's user cannot write.
   */
  user?: string;
  /** The combined output must contain this, and the exit code be 0. */
  expectOutput: string;
  /** ...and none of these (e.g. modules a runtime must not have). */
  forbidOutput?: string[];
  /** Keep the output in the report under this heading (e.g. "Modules of the Java runtime"). */
  report?: string;
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    runs?: ToolRun[];
  }
}

export function checkToolRun(run: ToolRun, measured: ToolRunFacts | undefined): Verdict {
  const forbidden = (run.forbidOutput ?? []).filter((text) => measured?.output.includes(text));
  return verdict(
    measured !== undefined && measured.exitCode === 0 && measured.output.includes(run.expectOutput) && forbidden.length === 0,
    `exit 0 and output containing ${JSON.stringify(run.expectOutput)}${run.forbidOutput?.length ? `, none of ${run.forbidOutput.map((t) => JSON.stringify(t)).join(', ')}` : ''}`,
    measured
      ? `exit ${measured.exitCode}: ${forbidden.length ? `output contains ${forbidden.map((t) => JSON.stringify(t)).join(', ')}; ` : ''}${measured.output.trim().split('\n').slice(-3).join(' / ').slice(0, 300)}`
      : 'not run',
  );
}

export const runs: ContractModule = {
  kind: 'contract',
  id: 'runs-*',
  fixtures: ['tool-fails'],
  checks: (entry) =>
    (entry.runs ?? []).map((run, i) => ({
      id: `runs-${i}`,
      title: run.title ?? `\`${[...(run.entrypoint ?? []), ...run.command].join(' ')}\` runs in the image`,
      evaluate: (f) => checkToolRun(run, f.tools?.[i]),
    })),
};
