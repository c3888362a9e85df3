// What the harness measured about one app: the input of the contract checks and the report.
// Plain data (JSON-safe), so checks are pure functions and the report can be written from a file.
import type { ImageFacts } from '../inspect/image.ts';

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
  uid?: number;
  gid?: number;
  /** Body of the version path, if the entry has one. */
  versionBody?: string;
  stop?: { ms: number; exitCode: number; killed: boolean };
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
}

export interface AppFacts {
  app: string;
  buildArgs: { VERSION: string; REVISION: string };
  single: BuiltImage;
  multi: BuiltImage;
  run?: RunFacts;
  hardened?: HardenedRunFacts;
  tools?: ToolRunFacts[];
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
