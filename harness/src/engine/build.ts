// Builds an image with BuildKit through the engine API (as Testcontainers' `withBuildkit()`
// does), but reads BuildKit's own progress records, so a build reports each step, whether it
// came from cache, and, when it fails, the failing step with its last lines of output.
// A hard time limit aborts the request: a failing build must not hang (testcontainers-node #89).
// The context goes in the request body, or, where the engine cannot read it there (the
// containerd store before Docker 27.5), is served to it over loopback (see context-server.ts).
import path from 'node:path';
import { docker } from './docker.ts';
import { decodeStatus } from './buildkit-status.ts';
import { needsServedContext, serveContext, type ServedContext } from './context-server.ts';
import { packContext } from './context-tar.ts';
import { engineFacts } from './facts.ts';

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
  /** Extra files for the context: context-relative destination -> absolute host path. */
  extraFiles?: Record<string, string>;
  noCache?: boolean;
  /** Hard limit for the whole build, ms. Default 20 minutes. */
  timeoutMs?: number;
  /** How many lines of the failing step's output the error keeps. Default 30. */
  logTailLines?: number;
  onProgress?: (event: BuildProgress) => void;
}

export interface BuildStep {
  /** BuildKit's name for the step, e.g. "[build 3/6] RUN pnpm install --frozen-lockfile". */
  name: string;
  cached: boolean;
  durationMs?: number;
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
}

export class BuildError extends Error {
  readonly request: BuildRequest;
  readonly failingStep: string | undefined;
  readonly logTail: string[];
  /** The failing step's whole output, as far as it was kept (the last 1000 lines or more). */
  readonly log: string[];
  readonly steps: BuildStep[];

  constructor(request: BuildRequest, reason: string, failingStep: string | undefined, log: string[], tailLines: number, steps: BuildStep[]) {
    const logTail = log.slice(-tailLines);
    const where = `${path.relative(process.cwd(), request.dockerfile) || request.dockerfile}${request.target ? ` (target ${request.target})` : ''}`;
    const lines = [
      `build of ${request.tag} from ${where} failed: ${reason}`,
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

/** Follows one build's records: BuildKit's vertexes and logs, the image id, the engine's error. */
class BuildTrace {
  readonly vertexes = new Map<string, VertexState>();
  imageId: string | undefined;
  engineError: string | undefined;
  private readonly onProgress: ((event: BuildProgress) => void) | undefined;

  constructor(onProgress?: (event: BuildProgress) => void) {
    this.onProgress = onProgress;
  }

  record(line: string): void {
    if (!line.trim()) return;
    let message: { id?: string; aux?: unknown; error?: string; errorDetail?: { message?: string }; stream?: string };
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (message.error || message.errorDetail) this.engineError = message.errorDetail?.message ?? message.error;
    if (message.id === 'moby.image.id') this.imageId = (message.aux as { ID?: string } | undefined)?.ID;
    if (message.id === 'moby.buildkit.trace' && typeof message.aux === 'string') this.status(message.aux);
  }

  private status(aux: string): void {
    const update = decodeStatus(aux);
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
      ...(state.error ? { error: state.error } : {}),
    }));
  }

  /** The step that failed, or else the last one that started and never finished (a timeout). */
  failing(): VertexState | undefined {
    const states = [...this.vertexes.values()];
    return states.find((s) => s.error) ?? states.filter((s) => s.started !== undefined && s.completed === undefined).at(-1);
  }
}

export async function buildImage(request: BuildRequest): Promise<BuildResult> {
  const timeoutMs = request.timeoutMs ?? 20 * 60_000;
  const tailLines = request.logTailLines ?? 30;
  const started = Date.now();
  const trace = new BuildTrace(request.onProgress);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  timer.unref();

  const fail = (reason: string): never => {
    const failing = trace.failing();
    const log = failing ? [...failing.logs, ...(failing.partial ? [failing.partial] : [])] : [];
    throw new BuildError(request, reason, failing?.name, log, tailLines, trace.steps());
  };

  let served: ServedContext | undefined;
  try {
    const { tar, dockerfileName } = await packContext({
      context: request.context,
      dockerfile: request.dockerfile,
      ...(request.extraFiles ? { extraFiles: request.extraFiles } : {}),
    });
    const engine = await engineFacts();
    served = needsServedContext(engine) ? await serveContext(tar, engine) : undefined;
    // With a served context the request body is empty (not absent: dockerode would send the
    // options as a JSON body) and `remote` names the URL.
    const stream = await docker().buildImage((served ? Buffer.alloc(0) : tar) as NodeJS.ReadableStream, {
      ...(served ? { remote: served.url } : {}),
      t: request.tag,
      dockerfile: dockerfileName,
      version: '2',
      forcerm: true,
      abortSignal: abort.signal,
      ...(request.target ? { target: request.target } : {}),
      ...(request.buildArgs ? { buildargs: request.buildArgs } : {}),
      ...(request.labels ? { labels: request.labels } : {}),
      ...(request.noCache ? { nocache: true } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      let pending = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (pending + chunk.toString('utf8')).split(/\r?\n/);
        pending = lines.pop() ?? '';
        for (const line of lines) trace.record(line);
      });
      stream.on('end', () => {
        trace.record(pending);
        resolve();
      });
      stream.on('error', reject);
      abort.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
  } catch (error) {
    if (error instanceof BuildError) throw error;
    if (abort.signal.aborted) fail(`no result within ${Math.round(timeoutMs / 1000)} s (time limit); the build was aborted`);
    fail((error as Error).message);
  } finally {
    clearTimeout(timer);
    await served?.[Symbol.asyncDispose]();
  }

  if (trace.engineError) fail(trace.engineError.trim());
  if (!trace.imageId) fail('the engine reported no image id');
  return { imageId: trace.imageId!, tag: request.tag, durationMs: Date.now() - started, steps: trace.steps() };
}
