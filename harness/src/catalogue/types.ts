// The shape of one catalogue entry: everything the harness knows about an app.
// Paths are relative to the repository root unless they say otherwise.
// The contract tests, the report and the bench are all generated from these entries,
// so adding an app means a folder, two Dockerfiles and one entry: no test code.

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
  /** A path whose response body contains the VERSION build arg (e.g. "/version"). */
  versionPath?: string;
  /** Environment for the container, if the app needs any to start. */
  env?: Record<string, string>;
  /** Answers the running production image must give: a static host's fallback, caching and headers, say. */
  http?: HttpExpectation[];
  /** A real browser (headless Chromium) drives the app in the production image. */
  browser?: BrowserCheck;
}

/** A header's expected value: exactly this string, or `{ matches }`, a regular expression (source text). */
export type HeaderExpectation = string | { matches: string };

/** One request to the running production image and what its answer must be. */
export interface HttpExpectation {
  /** What it shows, for the test name and report, e.g. "a deep link answers index.html". */
  title: string;
  /**
   * The path to request, or a path found in another answer: the first match of `pattern` (a
   * regular expression's source) in the body of `from`, e.g. a hashed asset named by index.html.
   */
  path: string | { from: string; pattern: string };
  requestHeaders?: Record<string, string>;
  status: number;
  /** Response headers that must be present with these values (names in any case). */
  headers?: Record<string, HeaderExpectation>;
  /** The (decoded) body must contain this. */
  bodyContains?: string;
  /** The (decoded) body must not contain this: a missing asset must not be answered with index.html. */
  bodyLacks?: string;
}

/** One step of a browser session; every step ends with `expectText` visible on the page. */
export type BrowserStep =
  /** Loads a path as a new page: `/` first, a deep link later. */
  | { goto: string; expectText: string }
  /** Clicks the link with this text: the URL must become `expectPath` without a page load. */
  | { click: string; expectPath: string; expectText: string };

export interface BrowserCheck {
  /** Requests sent to the app before the browser opens it: data the page is to show (an item to list). */
  setup?: { method: 'POST' | 'PUT'; path: string; json: unknown }[];
  steps: BrowserStep[];
  /**
   * Requests the browser answers itself with this JSON (a glob over the URL): for an API the
   * image does not contain, so the page can be checked on its own. Real APIs are not stubbed.
   */
  stubs?: { url: string; json: unknown }[];
  /** URLs (substrings) the page must have requested, each answered 2xx: the app's API call, say. */
  expectRequests?: string[];
}

/**
 * A build arg that a bundle bakes in at build time (the tutorial's API_URL): built twice with
 * different values, each image's page requests its own value, and neither value is anywhere in
 * the image but in the files `allowedIn` names (the built assets): not in another layer, not
 * in the image config or its history.
 */
export interface BuildArgClaim {
  arg: string;
  values: [string, string];
  /** Globs of the image paths where the value may appear. */
  allowedIn: string[];
  /** Opens this path in a browser; requests under either value are answered with `stubJson`... */
  browserPath: string;
  stubJson: unknown;
  /** ...and the page must then show this text (so the request was made and its answer used). */
  expectText: string;
}

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

/** `--target test`: a stage that runs the app's tests, so a failing test fails the build. */
export interface TestTarget {
  /** Stage name in multi.Dockerfile. */
  target: string;
  /** A failing test written into a temporary copy of the context. */
  failingTest: { file: string /* context-relative */; contents: string };
  /** Text the build error must contain to name the failing test (e.g. its title). */
  expectInError: string;
}

/** The build-cache claim: after a source-only change the dependency steps are served from cache. */
export interface CacheClaim {
  /** A source file to change (in a temporary copy of the context): `append` is added at its end. */
  edit: { file: string /* context-relative */; append: string };
  /**
   * The dependency steps, each a substring of BuildKit's step name (e.g. "[deps 2/2] RUN ...
   * pnpm install"): each must match at least one step of the rebuild, and every step that
   * matches must be CACHED.
   */
  dependencySteps: string[];
  /**
   * The step that takes in the edited file and the steps after it that use it, each a substring
   * of a step name: each must match a step that ran again. A claim that nothing rebuilt would
   * prove nothing (the edit may never have reached the build).
   */
  rebuiltSteps: string[];
  /** The rebuild after the edit must take at most this share of the cold build (bench figure). */
  maxRebuildRatio: Budget;
}

/**
 * The tutorial's counter-example ("Build Cache Optimization", "Poor cache usage": `COPY . .`
 * then `RUN npm install && npm run build`): a Dockerfile with that ordering, rebuilt after the
 * cache claim's one-line edit. The claim is the tutorial's warning: its dependency step runs
 * again (not CACHED). It passes when the warning is shown to be true.
 */
export interface PoorCacheOrder {
  /** Repository-relative path of the poorly ordered Dockerfile; it builds from the entry's context. */
  dockerfile: string;
  /** The dependency steps, each a substring of a BuildKit step name: each must match a step of the rebuild, and run again. */
  dependencySteps: string[];
}

/**
 * The tutorial's HEALTHCHECK timing ("Real-World Complete Example": --interval=30s --timeout=3s
 * --start-period=5s --retries=3), run on the production image with the image's own probe
 * command: how long until the engine reports it healthy with those parameters. Without
 * --start-interval (which the tutorial does not use), the first probe runs one interval after
 * the start.
 */
export interface HealthcheckTiming {
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  retries: number;
  /** It must be healthy within this, ms (from the container's start). */
  healthyWithinMs: Budget;
}

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

/**
 * Another build of the production image, measured beside it on size and start: a build arg or a
 * target that trades one for the other (e.g. a JVM AOT cache: larger, faster to start).
 */
export interface Alternative {
  /** Short id for tags and check ids, e.g. "aot-cache". */
  name: string;
  /** What differs, for the report, e.g. "with a JVM AOT cache (--build-arg AOT_CACHE=on)". */
  title: string;
  /** Added to the production build's args. */
  buildArgs?: Record<string, string>;
  /** Stage to build instead of the production target. */
  target?: string;
  limits: { uncompressedBytes: Budget; healthyWithinMs: Budget };
}

/** The tutorial's "Docker Compose with Multi-Stage": services built from targets, brought up and probed. */
export interface ComposeCheck {
  /** The Compose file, context-relative. */
  file: string;
  services: {
    name: string;
    /** Container port the service publishes. */
    port: number;
    probePath: string;
    /** The probe's body must contain this, if given. */
    expectInBody?: string;
    /** From the container's start (the build is not counted) until the probe answers 200, ms. */
    readyWithinMs: Budget;
    /** The resource limits the running container must have (docker inspect: NanoCpus, Memory). */
    resources?: { cpus: number; memoryBytes: number };
  }[];
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
 * A token the build needs (a private package registry's), given as a BuildKit secret: the claim
 * builds with a known value and must find it in no image it made (history, config, every
 * layer's files) and in no build output; beside it, the finding that the same value passed as a
 * build arg shows in the image's history. Builds go through `docker buildx build` (the engine
 * API carries no BuildKit session, so no secret).
 */
export interface BuildSecretClaim {
  /** The id of `RUN --mount=type=secret,id=<id>` in multi.Dockerfile. */
  id: string;
  /** Build args for the builds with the value (e.g. where the Dockerfile sends the token). */
  buildArgs?: Record<string, string>;
  /** What a step that mounts the secret prints when it has one: shows it was read, not skipped. */
  usedNotice: string;
  /** The wrong way, for the finding: a Dockerfile (repository-relative) taking the token as build arg `arg`. */
  asBuildArg: { dockerfile: string; arg: string };
}

/**
 * How the production image's own runtime makes TLS connections, so the harness can check from
 * inside the image that it verifies a public chain with the image's CA bundle (and a live
 * handshake, where the network allows). The harness adds the probe for that runtime
 * (harness/src/trust/probes/<runtime>/) to a copy of the image and runs it there.
 */
export interface TlsProbe {
  /** `node`/`python`: the probe script, run by the image's interpreter. `go`: a static probe built with the Go image the apps use. */
  runtime: 'node' | 'go' | 'python';
  /** The runtime's executable in the image, for interpreted runtimes (e.g. "/usr/local/bin/node"). */
  executable?: string;
}

/**
 * What may be in the production image's final filesystem, where it is small enough to say:
 * everything else fails, naming the path and the layer that put it there. What the base
 * image brings is read from the base image itself (the production stage's FROM).
 */
export interface AllowList {
  /** Globs (as `deny`) of what the app adds on top of its base. Folders above an allowed file are allowed. */
  paths: string[];
  /** A node_modules folder that may hold exactly the production dependency closure of a pnpm lockfile. */
  nodeModules?: { dir: string /* absolute in the image */; lockfile: string /* context-relative */ };
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
   * Paths that must not exist in the production image's filesystem: compilers, package
   * managers, dev dependencies, sources, tests. Glob syntax: `*` within a path segment,
   * `**` across segments; absolute paths, e.g. "/usr/local/bin/npm", "/app/src/**".
   */
  deny: string[];
  /** What may be there at all; deny is the second line. */
  allow?: AllowList;
  /**
   * For entries without a service: a command of the image that keeps running (a sleep), so the
   * engine can show which uid the image's processes get.
   */
  idleCommand?: string[];
  development?: DevelopmentTarget;
  test?: TestTarget;
  cache?: CacheClaim;
  /** Needs `cache` (its edit is the one applied). */
  poorCacheOrder?: PoorCacheOrder;
  /** Needs `service`. */
  tutorialHealthcheck?: HealthcheckTiming;
  runs?: ToolRun[];
  /**
   * Globs of paths the production container must not add or change at run time, read with
   * `docker diff` after the service has served and after each run: e.g. "**\/*.pyc" (Python
   * compiling what should have been compiled at build time), "/tmp/**".
   */
  noWritesAtRunTime?: string[];
  /** The tutorial's tips for this toolchain, tried (only `pnpm verify` reports them). */
  tips?: TipTrial[];
  compose?: ComposeCheck;
  buildArg?: BuildArgClaim;
  bench?: BenchSpec;
  /** Other builds of the production image, measured beside it (services only). */
  alternatives?: Alternative[];
  /** Present where the image has a runtime that calls HTTPS services (see TlsProbe). */
  tls?: TlsProbe;
  fork?: ForkDeclaration;
  /**
   * Whether `pnpm fork` makes a repository of its own of this app (a service with a test target
   * and a build context of its own). Every catalogue entry says, and a unit test holds it to what
   * `pnpm fork` does (fork/plan.ts); the fork suite of a forkable app must run (fork.test.ts
   * fails it when a test in it skips), and a fork that refuses fails there.
   */
  forkable?: boolean;
  buildSecret?: BuildSecretClaim;
}
