// The shapes of the committed figures (figures/sizes.json, figures/bench.json): written by
// `pnpm verify --record` and `pnpm bench --record` (report/), read beside each budget here
// (measured.ts) and rendered into the READMEs.
import type { EngineFacts } from '../engine/engine-facts.ts';

/**
 * Stages BuildKit may build side by side in the cold production builds, from its own step times
 * (medians): how long each one's own steps ran, and how long any of them did.
 */
export interface StageConcurrency {
  stages: string[];
  coldMs: number;
  busyMs: number[];
  togetherMs: number;
}

/** The tutorial's sizes for an app's row of its size table (tutorial/figures.ts), as recorded beside the app's. */
export interface TutorialClaim {
  /** Where the tutorial makes the claim, e.g. "Size Comparison Examples: Node.js". */
  section: string;
  /** Claimed single-stage size, bytes (the tutorial's "1.1 GB" is 1_100 * MB). */
  singleBytes: number;
  /** Claimed multi-stage size, bytes. */
  multiBytes: number;
  /** Claimed size reduction, percent (86 for "86%"). */
  reductionPercent: number;
}

export interface SizeFigures {
  generatedAt: string;
  /** The git revision measured (HEAD's commit, "-dirty" with uncommitted changes in tracked files). */
  revision?: string;
  engine: EngineFacts;
  /** Where the base images came from: "forged locally", "pulled", "of unknown origin", or several. */
  baseImages: string;
  apps: {
    app: string;
    singleBytes: number;
    multiBytes: number;
    multiCompressedBytes: number;
    tutorial?: TutorialClaim;
    /** The tutorial's own recipe for the app's example, as written: measured, failed or not built here (report/recipe-column.ts), where the run ran the recipes. */
    recipe?: string;
    /** Checks passed / run, contract and target claims together. */
    checksPassed: number;
    checks: number;
  }[];
  /** The tutorial's claims by verdict, decided on this run (tutorial/verdicts.ts). */
  claims?: {
    holds: number;
    doesNotHold: number;
    notChecked: number;
    /** The findings among those that do not hold: claims that share one cause count once. */
    findings?: number;
    /** Points of the lab's own advice, counted apart from the claims. */
    advice?: number;
  };
}

export interface BenchFigures {
  generatedAt: string;
  /** The git revision measured, as SizeFigures.revision. */
  revision?: string;
  engine: EngineFacts;
  runs: number;
  cpus: number;
  /** The machine's 1-minute load average when the bench began: timings on a busy machine are longer. */
  loadAverage?: number;
  apps: {
    app: string;
    builds: { target: string; coldMs: number; warmMs: number }[];
    rebuild?: { target: string; ms: number; ratio: number; maxRatio: number };
    run?: { readyMs: number; healthyMs: number; stopMs: number };
    /** Stages BuildKit may build side by side, in the cold production builds: each one's running time, and theirs together. */
    concurrency?: StageConcurrency;
    /** For an entry with alternative builds: the production image first, then each alternative, size and start. */
    variants?: { title: string; uncompressedBytes: number; compressedBytes: number; run?: { readyMs: number; healthyMs: number; stopMs: number } }[];
  }[];
}
