// What the harness measured about one app: the input of the contract checks and the report.
// Plain data (JSON-safe), so checks are pure functions and the report can be written from a file.
import type { ImageFacts } from '../inspect/image.ts';

export interface BuiltImage {
  tag: string;
  buildMs: number;
  facts: ImageFacts;
}

/** One entry of `docker diff`: a path the container added (A), changed (C) or deleted (D). */
export interface FileChange {
  path: string;
  kind: 'A' | 'C' | 'D';
}

export interface RunFacts {
  /** Set when the container could not be started or never became ready; the rest is then absent. */
  error?: string;
  /** From container start to the first 200 from the health path, polled from the host. */
  httpReadyMs?: number;
  /** From container start to the end of the first passing HEALTHCHECK, per the engine's health log. */
  healthyMs?: number;
  uid?: number;
  gid?: number;
  /** Body of the version path, if the entry has one. */
  versionBody?: string;
  stop?: { ms: number; exitCode: number; killed: boolean };
  /** `docker diff` after it has served (health, version), before the stop. */
  changes?: FileChange[];
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
}

/** A tutorial tip tried in one of the app's images. */
export interface TipFacts {
  tip: string;
  command: string[];
  exitCode: number;
  output: string;
  /** What the lab does instead (from the catalogue), so the report needs nothing else. */
  instead: string;
}

export interface AppFacts {
  app: string;
  buildArgs: { VERSION: string; REVISION: string };
  single: BuiltImage;
  multi: BuiltImage;
  run?: RunFacts;
  hardened?: HardenedRunFacts;
  tools?: ToolRunFacts[];
  tips?: TipFacts[];
}

export interface DevelopmentFacts {
  error?: string;
  /** The probe's body before and after the edit. */
  before?: string;
  after?: string;
  /** ms from the edit until the body contained the replacement. */
  reloadMs?: number;
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
  /** The dependency step of the rebuild after the one-line change. */
  dependencyStep?: { name: string; cached: boolean };
  /** Steps that ran again (not from cache) on the rebuild. */
  rebuiltSteps: string[];
  rebuildMs: number;
}

export interface ComposeServiceFacts {
  name: string;
  ok: boolean;
  /** From `up` (build included) to the first good answer, ms. */
  readyMs?: number;
  body?: string;
  error?: string;
}
