// A newcomer's first run, as figures: the README's two commands on an empty engine, how long
// each phase took and what the engine holds afterwards (figures/first-run.json, recorded by
// `pnpm bench:first-run`, harness/src/cli/first-run.ts). The README's "Two commands" line is
// rendered from it (readme-tables.ts), so no duration or size there is typed by hand.

/** The phases of a first run, in the order they run. */
export const firstRunPhases = ['set-up', 'forge', 'builds and measurements', 'report', 'pnpm test after it'] as const;
export type FirstRunPhase = (typeof firstRunPhases)[number];

export interface FirstRunFigures {
  /** When the run began (ISO). */
  measuredAt: string;
  /** Who recorded the figures: the script, or "by hand" with where they were measured. */
  recordedBy: string;
  cpus: number;
  memoryGiB: number;
  /** Each phase's wall time, in the order they ran. */
  phases: { phase: FirstRunPhase; ms: number }[];
  /** What the engine holds after `pnpm verify`, as `docker system df` counts it. */
  disk: { imagesBytes: number; buildCacheBytes: number };
}

/**
 * The phases' durations from the moments each began, and the moment the last ended: marks in
 * order of time, one for each phase that ran. A phase that did not run (a forge with every base
 * present) has no mark and no row.
 */
export function phasesFrom(marks: { phase: FirstRunPhase; at: number }[], endedAt: number): FirstRunFigures['phases'] {
  for (const [i, mark] of marks.entries()) {
    const next = marks[i + 1]?.at ?? endedAt;
    if (next < mark.at) throw new Error(`the first run's marks are out of order: ${mark.phase} at ${mark.at}, then ${next}`);
  }
  return marks.map((mark, i) => ({ phase: mark.phase, ms: (marks[i + 1]?.at ?? endedAt) - mark.at }));
}

/** The engine's disk use from its /system/df answer: the images' layers and the build cache's records (each counted once). */
export function diskFrom(df: { LayersSize?: number; BuildCache?: { Size?: number; Shared?: boolean }[] | null }): FirstRunFigures['disk'] {
  // `docker system df` counts a record shared with an image's layers inside the images' figure.
  const buildCacheBytes = (df.BuildCache ?? []).filter((r) => !r.Shared).reduce((sum, r) => sum + (r.Size ?? 0), 0);
  return { imagesBytes: df.LayersSize ?? 0, buildCacheBytes };
}

/** "30 minutes" (to the minute; "under a minute" below one). */
export function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m === 0 ? 'under a minute' : `${m} minute${m === 1 ? '' : 's'}`;
}

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;
const month = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The README's line on how long the two commands take on a fresh machine, and how much disk they leave used. */
export function renderFirstRun(figures: FirstRunFigures): string {
  const ms = (phase: FirstRunPhase) => figures.phases.find((p) => p.phase === phase)?.ms;
  const verifyPhases = figures.phases.filter((p) => p.phase !== 'pnpm test after it');
  const verifyMs = verifyPhases.reduce((sum, p) => sum + p.ms, 0);
  const split = verifyPhases.map((p) => `${p.phase} ${minutes(p.ms)}`).join(', ');
  const test = ms('pnpm test after it');
  return [
    `On a ${figures.cpus}-core machine (measured in ${month(figures.measuredAt)}, ${figures.recordedBy}) \`pnpm verify\` on an`,
    `empty engine takes about ${minutes(verifyMs)}: ${split}${test === undefined ? '' : `; \`pnpm test\` after it ${minutes(test)} more`}. It leaves`,
    `the engine holding ${gb(figures.disk.imagesBytes)} of images and ${gb(figures.disk.buildCacheBytes)} of build cache (\`docker system df\`): have that much`,
    `free under the engine's data root (\`docker info -f '{{.DockerRootDir}}'\`).`,
  ].join('\n');
}
