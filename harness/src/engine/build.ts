// Builds an image the way people build one: `docker buildx build` (BuildKit: the engine's own
// through buildx's default "docker" driver, or the buildx builder LAB_BUILDER names). The CLI
// opens the BuildKit session itself, so the context is exactly what `docker build` sends (the folder as its .dockerignore leaves
// it, the Dockerfile apart from it), build secrets work, and both image stores take the result;
// the harness writes no protocol code of its own. Progress is buildx's `--progress=rawjson`:
// BuildKit's SolveStatus records, so every step is seen with its cache hit and its output, and
// a failing build reports the failing step with its last lines.
// A hard time limit cancels the build (SIGINT: buildx cancels the solve on the engine), so a
// failing build never hangs (testcontainers-node #89); cancelInFlightBuilds() lets a test's
// teardown stop what a timed-out test left building.
import { spawn, type ChildProcess } from 'node:child_process';
import { cp, link, mkdir, readFile, rm, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { buildLimitMs } from '../limits.ts';
import { chosenBuilder } from './builder.ts';
import { cacheExportRefused, cacheFlags, cacheScope, chosenBuildCache, type BuildCacheStore } from './cache-export.ts';
import { builderMirror, mirrorImagesOf } from './builder-mirror.ts';
import { decodeRawJsonStatus, RawJsonSplitter, type StatusUpdate } from './buildkit-status.ts';
import { docker, engineAddress } from './docker.ts';
import { engineFault } from './faults.ts';
import { runIdVariable } from './orphaned-clients.ts';
import { runId } from './ownership.ts';
import { runStop, throwIfStopped } from '../stop.ts';
import { shared } from './timing-lock.ts';
import { tempFolder } from '../temp-folder.ts';

export interface BuildRequest {
  /** Absolute path of the context folder. */
  context: string;
  /** Absolute path of the Dockerfile (may be outside the context). */
  dockerfile: string;
  /** Tag for the result, e.g. "lab/node-api:multi". */
  tag: string;
  target?: string;
  buildArgs?: Record<string, string>;
  /** Labels added to the image's config. */
  labels?: Record<string, string>;
  /**
   * Files from this machine the context needs (context-relative destination -> absolute host
   * path): the build then reads a temporary copy of the context with them added, so the
   * repository's folders are never written to.
   */
  extraFiles?: Record<string, string>;
  /** `--secret id=<id>,src=<file>`: the file holds the value; it never enters the context. */
  secrets?: { id: string; src: string }[];
  noCache?: boolean;
  /** Stages whose steps run again even when cached (`--no-cache-filter`). */
  noCacheFilter?: string[];
  /** Hard limit for the whole build, ms. Default: buildLimitMs (limits.ts). */
  timeoutMs?: number;
  /** How many lines of the failing step's output the error keeps. Default 30. */
  logTailLines?: number;
  onProgress?: (event: BuildProgress) => void;
  /** Cancels the build (as its time limit does) when it fires. Default: the run's stop (stop.ts). */
  signal?: AbortSignal;
}

export interface BuildStep {
  /** BuildKit's name for the step, e.g. "[build 3/6] RUN pnpm install --frozen-lockfile". */
  name: string;
  cached: boolean;
  durationMs?: number;
  /** When BuildKit started and completed it (ms since the epoch, the engine's clock). */
  startedAt?: number;
  completedAt?: number;
  error?: string;
}

export type BuildProgress =
  | { kind: 'step-started'; step: string }
  | { kind: 'step-done'; step: string; cached: boolean; durationMs?: number }
  | { kind: 'log'; step: string; line: string };

export interface BuildResult {
  imageId: string;
  tag: string;
  durationMs: number;
  steps: BuildStep[];
  /** Every step's output, as far as it was kept. */
  logs: { step: string; lines: string[] }[];
}

export class BuildError extends Error {
  readonly request: BuildRequest;
  readonly failingStep: string | undefined;
  readonly logTail: string[];
  /** The failing step's whole output, as far as it was kept (the last 1000 lines or more). */
  readonly log: string[];
  readonly steps: BuildStep[];

  constructor(
    request: BuildRequest,
    reason: string,
    failingStep: string | undefined,
    log: string[],
    tailLines: number,
    steps: BuildStep[],
    /** The frontend's build-check warnings: with check=error=true, what failed the build. */
    warnings: string[] = [],
  ) {
    const logTail = log.slice(-tailLines);
    const where = `${path.relative(process.cwd(), request.dockerfile) || request.dockerfile}${request.target ? ` (target ${request.target})` : ''}`;
    const lines = [
      `build of ${request.tag} from ${where} failed: ${reason}`,
      ...warnings.map((warning) => `  ${warning}`),
      ...(failingStep ? [`failing step: ${failingStep}`] : []),
      ...(logTail.length ? [`last ${logTail.length} lines of its output:`, ...logTail.map((line) => `  | ${line}`)] : []),
    ];
    super(lines.join('\n'));
    this.name = 'BuildError';
    this.request = request;
    this.failingStep = failingStep;
    this.logTail = logTail;
    this.log = log;
    this.steps = steps;
  }
}

interface VertexState {
  name: string;
  cached: boolean;
  started?: number;
  completed?: number;
  error?: string;
  logs: string[];
  partial: string;
}

/** A step's output lines, with the last one even if it has no newline yet. */
function output(state: VertexState): string[] {
  return [...state.logs, ...(state.partial ? [state.partial] : [])];
}

/** Follows one build's BuildKit status records: its steps, their cache hits and their output. */
export class BuildTrace {
  readonly vertexes = new Map<string, VertexState>();
  readonly warnings: string[] = [];
  private readonly onProgress: ((event: BuildProgress) => void) | undefined;

  constructor(onProgress?: (event: BuildProgress) => void) {
    this.onProgress = onProgress;
  }

  /** Takes one BuildKit status update: new and finished steps, and lines of output. */
  apply(update: StatusUpdate): void {
    for (const warning of update.warnings) if (!this.warnings.includes(warning)) this.warnings.push(warning);
    for (const v of update.vertexes) {
      const state = this.vertexes.get(v.digest) ?? { name: v.name, cached: false, logs: [], partial: '' };
      const wasStarted = state.started !== undefined;
      const wasCompleted = state.completed !== undefined;
      state.name = v.name || state.name;
      state.cached ||= v.cached;
      state.started ??= v.started;
      state.completed ??= v.completed;
      state.error ??= v.error;
      this.vertexes.set(v.digest, state);
      if (!wasStarted && state.started !== undefined) this.onProgress?.({ kind: 'step-started', step: state.name });
      if (!wasCompleted && state.completed !== undefined) {
        this.onProgress?.({ kind: 'step-done', step: state.name, cached: state.cached, ...this.duration(state) });
      }
    }
    for (const log of update.logs) {
      const state = this.vertexes.get(log.digest);
      if (!state) continue;
      const text = state.partial + log.text;
      const lines = text.split(/\r?\n/);
      state.partial = lines.pop() ?? '';
      for (const line of lines) {
        state.logs.push(line);
        this.onProgress?.({ kind: 'log', step: state.name, line });
      }
      if (state.logs.length > 2000) state.logs.splice(0, state.logs.length - 1000);
    }
  }

  private duration(state: VertexState): { durationMs?: number } {
    return state.started !== undefined && state.completed !== undefined ? { durationMs: state.completed - state.started } : {};
  }

  steps(): BuildStep[] {
    return [...this.vertexes.values()].map((state) => ({
      name: state.name,
      cached: state.cached,
      ...this.duration(state),
      ...(state.started !== undefined ? { startedAt: state.started } : {}),
      ...(state.completed !== undefined ? { completedAt: state.completed } : {}),
      ...(state.error ? { error: state.error } : {}),
    }));
  }

  /** The step that failed, or else the last one that started and never finished (a timeout). */
  failing(): VertexState | undefined {
    const states = [...this.vertexes.values()];
    return states.find((s) => s.error) ?? states.filter((s) => s.started !== undefined && s.completed === undefined).at(-1);
  }

  /** The output of the step that failed (failing()), as far as it was kept. */
  failingOutput(): string[] {
    const failing = this.failing();
    return failing ? output(failing) : [];
  }

  /** The error for a build that ended for `reason`: its failing step and that step's last lines. */
  error(request: BuildRequest, reason: string, tailLines: number): BuildError {
    const failing = this.failing();
    return new BuildError(request, reason, failing?.name, failing ? output(failing) : [], tailLines, this.steps(), this.warnings);
  }

  /** Each step's output, as far as it was kept. */
  stepLogs(): { step: string; lines: string[] }[] {
    return [...this.vertexes.values()].map((s) => ({ step: s.name, lines: output(s) }));
  }
}

/** The command line for a request. */
export function buildxArgs(request: BuildRequest, context: string, iidFile: string, builder?: string, cache?: BuildCacheStore): string[] {
  const pairs = (flag: string, values: Record<string, string> | undefined) => Object.entries(values ?? {}).flatMap(([k, v]) => [flag, `${k}=${v}`]);
  return [
    'buildx',
    'build',
    // LAB_BUILDER or BUILDX_BUILDER (engine/builder.ts); none: buildx's current builder, as before.
    ...(builder ? ['--builder', builder] : []),
    '--progress=rawjson',
    // A plain image: attestations would make it an index on the containerd store, and change its size.
    '--provenance=false',
    '--sbom=false',
    // Into the engine that runs it: the "docker" driver's images are there already, any other
    // builder's (docker-container, remote) come back as an image tarball that the engine loads.
    '--load',
    '--iidfile',
    iidFile,
    '-f',
    request.dockerfile,
    '-t',
    request.tag,
    ...(request.target ? ['--target', request.target] : []),
    ...pairs('--build-arg', request.buildArgs),
    ...pairs('--label', request.labels),
    ...(request.secrets ?? []).flatMap((s) => ['--secret', `id=${s.id},src=${s.src}`]),
    ...(request.noCache ? ['--no-cache'] : []),
    ...(request.noCacheFilter?.length ? ['--no-cache-filter', request.noCacheFilter.join(',')] : []),
    // LAB_BUILD_CACHE (engine/cache-export.ts): the cache kept outside the builder, read and written back.
    ...(cache ? cacheFlags(cache, cacheScope(request.tag, request.target)) : []),
    context,
  ];
}

/** Why buildx ended without an image, from the text it printed after its records. */
export function buildxFailure(text: string[], exitCode: number | null): string {
  const error = text.filter((line) => line.startsWith('ERROR: ')).at(-1);
  if (text.some((line) => line.startsWith('ERROR: Cache export is not supported'))) return cacheExportRefused;
  if (error) return error.slice('ERROR: '.length);
  if (text.some((line) => /'buildx' is not a docker command|unknown command: docker buildx/.test(line))) {
    return 'docker buildx is not installed: the harness builds as `docker buildx build` does; scripts/bootstrap installs it';
  }
  return `docker buildx build exited with code ${exitCode}${text.length ? `: ${text.slice(-5).join(' / ')}` : ''}`;
}

/** Builds in progress in this process, and why one was cancelled: what cancelInFlightBuilds() stops. */
const inFlight = new Map<ChildProcess, { cancelled?: string }>();

/** Cancels a build: SIGINT makes buildx cancel the solve on the engine; SIGKILL if it lingers. */
function cancel(child: ChildProcess, reason: string): void {
  const state = inFlight.get(child);
  if (!state || state.cancelled) return;
  state.cancelled = reason;
  child.kill('SIGINT');
  setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 10_000).unref();
}

/** Stops every build this process still has running (a test that timed out leaves its build going otherwise). */
export async function cancelInFlightBuilds(reason = 'cancelled: the test that started it ended'): Promise<number> {
  const builds = [...inFlight.keys()];
  for (const child of builds) cancel(child, reason);
  return builds.length;
}

/** Kills every build still running (SIGKILL): a stopped run's last resort before its clean-up. */
export function killInFlightBuilds(): number {
  const builds = [...inFlight.keys()].filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of builds) child.kill('SIGKILL');
  return builds.length;
}

/**
 * A copy of the context with the extra files added, made in the build's scratch folder (hard
 * links where the file system allows, so a forge's root filesystem tars cost nothing), or the
 * context itself without any. The scratch folder's removal removes the copy.
 */
async function contextWithExtras(request: BuildRequest, scratch: string): Promise<string> {
  if (!request.extraFiles || Object.keys(request.extraFiles).length === 0) return request.context;
  const dir = path.join(scratch, 'context');
  await cp(request.context, dir, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  for (const [destination, source] of Object.entries(request.extraFiles)) {
    const target = path.join(dir, destination);
    await mkdir(path.dirname(target), { recursive: true });
    await rm(target, { force: true });
    await link(source, target).catch(() => copyFile(source, target));
  }
  return dir;
}

/** Builds one image; never beside another lab run's timing (timing-lock.ts). */
export function buildImage(request: BuildRequest): Promise<BuildResult> {
  return shared(() => buildNow(request));
}

async function buildNow(request: BuildRequest): Promise<BuildResult> {
  const timeoutMs = request.timeoutMs ?? buildLimitMs;
  const signal = request.signal ?? runStop;
  throwIfStopped(signal);
  const tailLines = request.logTailLines ?? 30;
  const started = Date.now();
  const trace = new BuildTrace(request.onProgress);
  const text: string[] = [];
  const splitter = new RawJsonSplitter(
    (record) => trace.apply(decodeRawJsonStatus(record)),
    (line) => text.push(line),
  );
  // One folder for the image id file and the context's copy: removed on every way out, a failed copy too.
  const scratch = await tempFolder('build');
  const iidFile = path.join(scratch, 'iid');
  try {
    const context = await contextWithExtras(request, scratch);
    // A stop while the context was copied: nothing is started.
    throwIfStopped(signal);
    const mirror = builderMirror();
    if (mirror) {
      await mirrorImagesOf(request.dockerfile, request.buildArgs, mirror);
      throwIfStopped(signal);
    }
    // The engine the harness talks to, whatever the CLI's current context is.
    const child = spawn('docker', buildxArgs(request, context, iidFile, chosenBuilder(), chosenBuildCache()), {
      env: { ...process.env, [runIdVariable]: runId(), DOCKER_HOST: engineAddress() },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const state: { cancelled?: string } = {};
    inFlight.set(child, state);
    const timer = setTimeout(() => cancel(child, `no result within ${Math.round(timeoutMs / 1000)} s (time limit); the build was cancelled`), timeoutMs);
    timer.unref();
    const onStop = () => cancel(child, `cancelled: ${(signal.reason as Error | undefined)?.message ?? 'the run was stopped'}`);
    signal.addEventListener('abort', onStop, { once: true });
    let pending = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) splitter.line(line);
    });
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code));
    }).catch((error: NodeJS.ErrnoException) => {
      text.push(error.code === 'ENOENT' ? "docker: 'buildx' is not a docker command (no docker CLI)" : error.message);
      return null;
    });
    clearTimeout(timer);
    signal.removeEventListener('abort', onStop);
    inFlight.delete(child);
    splitter.line(pending);
    // A stopped run ends with the stop itself, which no caller takes for a failed build.
    throwIfStopped(signal);
    if (state.cancelled) throw trace.error(request, state.cancelled, tailLines);
    if (exitCode !== 0) {
      const reason = buildxFailure(text, exitCode);
      throw trace.error(request, (await engineFault(reason, trace.failingOutput())) ?? reason, tailLines);
    }
    const written = (await readFile(iidFile, 'utf8').catch(() => '')).trim();
    if (!written) throw trace.error(request, 'buildx wrote no image id', tailLines);
    // The id the engine knows the image by: buildx writes the config digest, which on the
    // containerd image store is not the image's id (its manifest digest is), and finds nothing.
    const imageId = (await docker().getImage(request.tag).inspect()).Id;
    return { imageId, tag: request.tag, durationMs: Date.now() - started, steps: trace.steps(), logs: trace.stepLogs() };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
