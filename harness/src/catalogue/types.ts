// The shape of one catalogue entry: everything the harness knows about an app.
// Paths are relative to the repository root unless they say otherwise.
// The contract tests, the report and the bench are all generated from these entries,
// so adding an app means a folder, two Dockerfiles and one entry: no test code.
// The options that turn a check or claim on (allow, deny, development, cache, service.http...)
// are declared by the check's module under harness/src/checks/, which adds its field to
// AppEntry (or Service) with `declare module`: a check's option lives beside its decision, and
// this file imports no check.

export const MB = 1_000_000;
/** Compose's and Docker's "M" in memory limits (256M is 256 MiB). */
export const MiB = 1_048_576;

/**
 * A limit with the figure it was set from, so a reader sees the margin: read from figures/*.json
 * where `pnpm verify` or `pnpm bench` records it (sizes, reduction, start to healthy, stop,
 * one-line rebuild, the alternatives' sizes and starts: catalogue/measured.ts), else `measured`,
 * what the harness measured when the limit was last set (same unit; a median where timed). A
 * limit looser than its committed baseline (budget-baseline.json, the tightest it has been: a
 * maximum raised, a minimum lowered) says from what and why, with the figures that broke the old
 * one: budgets are not moved to make a red go green. A `goal`, where the app has one, is the
 * tighter figure it aims for as a `pnpm bench` median on a quiet machine; the limit leaves room
 * for loaded CI machines. The bench and the README show the median against it.
 */
export interface Budget {
  limit: number;
  /** Only where figures/*.json has no figure for this budget (catalogue/measured.ts). */
  measured?: number;
  goal?: number;
  loosened?: { from: number; why: string };
}

/** Budgets and limits the production image must meet. */
export interface Limits {
  /** Uncompressed image size (the sum of its layers), bytes. */
  uncompressedBytes: Budget;
  /** Compressed size: the gzip'd layers, as a registry stores them, bytes. */
  compressedBytes: Budget;
  /** From container start until Docker reports it `healthy`, ms. Required for entries with a service. */
  healthyWithinMs?: Budget;
  /** `docker stop` must end the container within this, ms, without SIGKILL. Default 2000. */
  stopWithinMs?: Budget;
  /** Reduction versus the single-stage image that must be reached, percent (a minimum). Defaults to the tutorial's claim; without either, none is checked. */
  minReductionPercent?: Budget;
}

/** A service the image runs: what port it listens on and where its health answers. */
export interface Service {
  /** Container port the app listens on. */
  port: number;
  /** HTTP path that answers 200 when the app is live. */
  healthPath: string;
  /** Environment for the container, if the app needs any to start. */
  env?: Record<string, string>;
}

/**
 * A tip of the tutorial ("npm ci --only=production") tried with the app's own toolchain, in an
 * image its build uses, so the report can say whether the tip does what the tutorial says.
 */
export interface TipTrial {
  /** The tutorial's words; the claim that reads this trial names it. */
  tip: string;
  /** An image the app's build uses, with the toolchain the tip is for. */
  image: string;
  /**
   * A POSIX shell script, run with no network. Its last step prints `verdict: holds` and exits 0
   * when the tip does what the tutorial says, or prints `verdict: does not hold` and exits 1 when
   * it does not (tip-verdict.ts). Anything else (a setup or control step that failed,
   * under `set -e` or not) leaves the claim "not decided", with why.
   */
  script: string;
  /** What the lab does instead, shown beside any verdict. */
  instead?: string;
  /** Why the tip holds, or does not: each shown only with the verdict it explains. */
  because?: Partial<Record<'holds' | 'does not hold', string>>;
}

/** `pnpm bench` extras. */
export interface BenchSpec {
  /**
   * Stages of multi.Dockerfile that BuildKit can build at the same time (e.g. a frontend and a
   * backend build), all needed by the production target: in its cold builds, BuildKit's own step
   * times show how long each ran (with the stages only it needs) and how long they ran together.
   */
  concurrentStages?: string[];
}

/**
 * What `pnpm fork` must leave out of the app's folder: only what exists for this repository's
 * workspace (lab glue), never the app's own files. Everything else a fork needs comes from the
 * rest of the entry (context, Dockerfile, Compose file, service, targets).
 */
export interface ForkDeclaration {
  /** Context-relative files or folders that serve the workspace only (turbo glue, lockfile sync). */
  drop?: string[];
  /** Lines that serve the workspace only: in `file` (context-relative), every line matching `pattern` (a regular expression's source). */
  dropLines?: { file: string; pattern: string }[];
}

export interface AppEntry {
  /** Folder name under apps/ and dockerfiles/, and the image name lab/<name>. */
  name: string;
  /** One line for the report. */
  title: string;
  /** The build context. */
  context: string;
  /** The tutorial's "before" and "after". */
  dockerfiles: { single: string; multi: string };
  /** Stage name of the production target (the default: the last stage of multi.Dockerfile). */
  productionTarget: string;
  /** Build args passed to every build of the app (VERSION and REVISION are added by the harness). */
  buildArgs?: Record<string, string>;
  /** Host files copied into the context before a build (fixtures that need no base image only). */
  hostFiles?: Record<string /* context-relative destination */, string /* absolute host path */>;
  limits: Limits;
  /** Present for images that serve; absent for tool images (which then need `runs`). */
  service?: Service;
  /**
   * For entries without a service: a command of the image that keeps running (a sleep), so the
   * engine can show which uid the image's processes get.
   */
  idleCommand?: string[];
  /** The tutorial's tips for this toolchain, tried (only `pnpm verify` reports them). */
  tips?: TipTrial[];
  bench?: BenchSpec;
  fork?: ForkDeclaration;
  /**
   * Whether `pnpm fork` makes a repository of its own of this app (a service with a test target
   * and a build context of its own). Every catalogue entry says, and a unit test holds it to what
   * `pnpm fork` does (fork/plan.ts); the fork suite of a forkable app must run (fork.test.ts
   * fails it when a test in it skips), and a fork that refuses fails there.
   */
  forkable?: boolean;
}
