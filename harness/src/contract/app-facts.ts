// What the harness measured about one app: the input of the contract checks and the report.
// Plain data (JSON-safe), so checks are pure functions and the report can be written from a file.
import type { FileOwners } from '../inspect/file-owners.ts';
import type { ImageFacts } from '../inspect/image.ts';
import type { PackageCounts } from '../inspect/packages.ts';
import type { TlsFacts, TrustFacts } from '../trust/trust-facts.ts';
import type { BrowserFacts } from '../browser/session.ts';
import type { FileChange } from '../run/container.ts';

export type { BrowserFacts, FileChange };

export interface BuiltImage {
  tag: string;
  buildMs: number;
  facts: ImageFacts;
}

export interface RunFacts {
  /** Set when the container could not be started or never became ready; the rest is then absent. */
  error?: string;
  /** From container start to the first 200 from the health path, polled from the host. */
  httpReadyMs?: number;
  /** From container start to the end of the first passing HEALTHCHECK, per the engine's health log. */
  healthyMs?: number;
  /** Why it was not (or not in time) healthy: its health-check output and logs. The run goes on. */
  healthError?: string;
  /** The main process's uid and gid, as `docker top` shows them (always integers when set). */
  uid?: number;
  gid?: number;
  /** Why the uid could not be shown. */
  identityError?: string;
  /** Body of the version path, if the entry has one. */
  versionBody?: string;
  stop?: { ms: number; exitCode: number; killed: boolean };
  /** `docker diff` after it has served (health, version), before the stop. */
  changes?: FileChange[];
  /** The answers to the entry's `service.http` requests, in order. */
  http?: HttpAnswer[];
  browser?: BrowserFacts;
}

/** What one request of an HttpExpectation got. */
export interface HttpAnswer {
  /** The path asked for (resolved, where it was found in another answer). */
  path: string;
  status?: number;
  /** Response headers, names in lower case. */
  headers?: Record<string, string>;
  /** The start of the decoded body. */
  bodyStart?: string;
  /** Whether the body contains the expectation's bodyContains / bodyLacks text. */
  contains?: boolean;
  containsLacked?: boolean;
  error?: string;
}

/** Fresh starts of the production image, each timed from start to healthy (the health goal's median). */
export interface StartsFacts {
  /** One per start that became healthy, ms, in order. */
  healthyMs: number[];
  /** The machine's 1-minute load average as the starts began: a slow median on a busy machine says so. */
  loadAverage?: number;
  /** Why a start did not become healthy; the starts stop there. */
  error?: string;
}

export interface HardenedRunFacts {
  /** Whether the health path answered 200 with --read-only, --cap-drop ALL, no-new-privileges. */
  served: boolean;
  error?: string;
}

export interface ToolRunFacts {
  command: string[];
  exitCode: number;
  output: string;
  /** `docker diff` of its container when it exited. */
  changes?: FileChange[];
  /** The report heading the catalogue gave this run's output, if it is to be kept. */
  report?: string;
}

/** A tip of the tutorial as its trial ran (catalogue `tips`). */
export interface TipFacts {
  tip: string;
  image: string;
  exitCode: number;
  output: string;
  instead?: string;
  because?: Partial<Record<'holds' | 'does not hold', string>>;
}

/** What the allow-list is checked against: measured from the base image and the lockfile. */
export interface AllowFacts {
  /** The production stage's base image ("scratch" for none), and the paths of its own filesystem. */
  base: string;
  baseFiles: string[];
  /** The production dependency closure of the lockfile, as pnpm lays it out. */
  nodeModules?: {
    dir: string;
    /** Package names of the closure (top-level and hoisted links may use these). */
    names: string[];
    /** Folder names under node_modules/.pnpm/ of the closure's packages (name@version[_peers]). */
    storeDirs: string[];
    /** Folder names of the packages a full install (dev dependencies included) adds to the closure. */
    devOnly?: string[];
  };
}

export interface AppFacts {
  app: string;
  buildArgs: { VERSION: string; REVISION: string };
  single: BuiltImage;
  multi: BuiltImage;
  run?: RunFacts;
  hardened?: HardenedRunFacts;
  starts?: StartsFacts;
  tools?: ToolRunFacts[];
  /** The tutorial's tips, tried with the app's toolchain (catalogue `tips`). */
  tips?: TipFacts[];
  /** Who owns the files below the production image's WORKDIR, from its layers (absent for a WORKDIR of /). */
  owners?: FileOwners;
  /** Absent when the entry has no allow-list. */
  allow?: AllowFacts;
  /** The production image's trust stores against Debian's list (trust/trust-facts.ts). */
  trust?: TrustFacts;
  /** The TLS probe's result, where the entry names the image's runtime. */
  tls?: TlsFacts;
  /** OS and language packages in each image, for the report (suite.ts counts them with the measurement, so a replay has them). */
  packages?: { single: PackageCounts; multi: PackageCounts };
}

export interface DevelopmentFacts {
  error?: string;
  /** The probe's body before and after the edit. */
  before?: string;
  after?: string;
  /** ms from the edit until the body contained the replacement. */
  reloadMs?: number;
}

/** A `docker stop` as run/container.ts measures it. */
export interface StopFacts {
  ms: number;
  exitCode: number;
  killed: boolean;
}

/** The plain-server claim: the same handler-less command stopped without and with `--init`. */
export interface PlainServerStopFacts {
  /** The grace period each `docker stop` gave, seconds. */
  graceSeconds: number;
  withoutInit?: StopFacts;
  withInit?: StopFacts;
  error?: string;
}

/** A production build's steps, read for the test stage: whether BuildKit ran it on the way to production. */
export interface ProductionPathFacts {
  /** The test stage's name (the entry's test target). */
  testStage: string;
  /** Whether the multi-stage Dockerfile has a stage of that name (else its absence from the build proves nothing). */
  dockerfileHasStage: boolean;
  /** Every step of the production build, as BuildKit names them ("[test 2/2] RUN ..."), cached or not. */
  steps: string[];
  error?: string;
}

export interface TestStageFacts {
  /** Whether the build of the test target with the injected failing test failed. */
  buildFailed: boolean;
  /** The build error (failing step and the last lines of its output), if it failed. */
  errorText: string;
  /** The failing step's whole output, where the build got that far. */
  failingStepLog?: string;
  /** Whether the test target builds without the injected failure. */
  cleanBuildPassed: boolean;
  cleanBuildError?: string;
}

export interface CacheFacts {
  /** Every step of the rebuild after the one-line change (BuildKit's names), and whether it came from cache. */
  steps: { name: string; cached: boolean }[];
  /** The rebuild's time, ms: the median of `rebuildsMs` where the rebuild was timed. */
  rebuildMs: number;
  /** Each timed one-line rebuild, ms, in order (the cache claim's, held to its budget). */
  rebuildsMs?: number[];
  /** The cold build before them (no layer cache, the app's cache mounts emptied), ms. */
  coldMs?: number;
}

/** The build-arg claim: per value, what the browser saw and where in the image the value is. */
export interface BuildArgFacts {
  arg: string;
  images: {
    value: string;
    tag: string;
    error?: string;
    /** URLs the page requested that start with this value, and with the other value. */
    requestedOwn: string[];
    requestedOther: string[];
    browserError?: string;
    /** Every place a value was found: a file (with its layer) or the image config. */
    found: { value: string; where: string; layer?: number; allowed: boolean }[];
  }[];
}

/** An alternative build of the production image, measured as the contract measures production. */
export interface AlternativeFacts {
  name: string;
  title: string;
  buildMs: number;
  uncompressedBytes: number;
  compressedBytes: number;
  run: RunFacts;
}

export interface ComposeServiceFacts {
  name: string;
  ok: boolean;
  /** From `up` (the build included) until the service was ready, ms. */
  upMs?: number;
  /** From the container's start until the first good answer, ms. */
  readyMs?: number;
  body?: string;
  /** As the engine applied them: HostConfig.NanoCpus / 1e9 and HostConfig.Memory (0: no limit). */
  resources?: { cpus: number; memoryBytes: number };
  error?: string;
}

/** The production image run with the tutorial's HEALTHCHECK timings. */
export interface HealthcheckTimingFacts {
  /** From the container's start to the end of the first passing probe (the engine's health log). */
  healthyMs?: number;
  /** The first probe's start, ms after the container's. */
  firstProbeMs?: number;
  error?: string;
}

export interface BuildSecretFacts {
  /** Every image built with the secret (the production target and each stage that mounts it), and where the value showed in it. */
  images: { target: string; hits: string[] }[];
  /** Build output lines that held the value (masked). */
  logHits: string[];
  /** The steps that mount the secret, on the first build: whether each ran (not from cache) and said it had the secret. */
  mountingSteps: { name: string; ran: boolean; saidUsed: boolean }[];
  error?: string;
}

export interface BuildArgLeakFacts {
  /** Where the value passed as a build arg showed in the image. */
  hits: string[];
  error?: string;
}
