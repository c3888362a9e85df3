// Runs an image the way the contract needs: through Testcontainers, optionally hardened
// (read-only root, every capability dropped, no-new-privileges), and watched from outside:
// readiness is polled over HTTP from the host and health read from the engine, never by a
// command inside the container, since production images may have no shell.
import { GenericContainer, type BoundPorts, type StartedTestContainer, type WaitStrategy } from 'testcontainers';
import type Dockerode from 'dockerode';
import { docker } from '../engine/docker.ts';
import { engineLostDuringRun } from '../engine/faults.ts';
import { randomUUID } from 'node:crypto';
import { ownedLabels, ownerLabel } from '../engine/ownership.ts';
import { HttpWaitTimeout, waitForAnswer, type HttpAnswer } from './http-wait.ts';
import { pause, runStop, throwIfStopped, unlessStopped } from '../stop.ts';

/** A Testcontainers wait strategy's timeout bookkeeping (its AbstractWaitStrategy is not exported). */
export abstract class LabWaitStrategy implements WaitStrategy {
  protected timeoutMs = 60_000;
  abstract waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts): Promise<void>;
  withStartupTimeout(ms: number): this {
    this.timeoutMs = ms;
    return this;
  }
  isStartupTimeoutSet(): boolean {
    return true;
  }
  getStartupTimeout(): number {
    return this.timeoutMs;
  }
}

/** Readiness is the harness's job (see waitForAnswer below); Testcontainers only starts. */
class StartOnly extends LabWaitStrategy {
  async waitUntilReady(): Promise<void> {}
}

/** GenericContainer with the hardening switches Testcontainers lacks. */
export class LabContainer extends GenericContainer {
  constructor(image: string) {
    super(image);
    this.withLabels(ownedLabels()).withWaitStrategy(new StartOnly());
  }

  /** `--read-only`: the root filesystem cannot be written. */
  withReadOnlyRootFilesystem(): this {
    this.hostConfig.ReadonlyRootfs = true;
    return this;
  }

  /** `--cap-drop ALL --security-opt no-new-privileges`. */
  withLeastPrivilege(): this {
    return this.withDroppedCapabilities('ALL').withSecurityOpt('no-new-privileges');
  }

  /**
   * `--health-interval` and friends: the image's probe command with other timings. The start
   * interval is set too (to the interval): left unset, the engine would keep the image's.
   */
  withHealthTiming(timing: { intervalMs: number; timeoutMs: number; startPeriodMs: number; retries: number }): this {
    const ns = (ms: number) => ms * 1_000_000;
    // An empty Test keeps the image's probe command.
    this.createOpts.Healthcheck = {
      Test: [],
      Interval: ns(timing.intervalMs),
      Timeout: ns(timing.timeoutMs),
      StartPeriod: ns(timing.startPeriodMs),
      Retries: timing.retries,
      StartInterval: ns(timing.intervalMs),
    };
    return this;
  }

  /** `--init` off, explicitly: the image itself must handle signals as PID 1. */
  withoutInit(): this {
    this.hostConfig.Init = false;
    return this;
  }

  /** `--init`: the engine's init (tini) is PID 1 and forwards signals to the command. */
  withInit(): this {
    this.hostConfig.Init = true;
    return this;
  }
}

export interface RunRequest {
  image: string;
  /** Container port to publish; the app's service port. */
  port?: number;
  env?: Record<string, string>;
  command?: string[];
  hardened?: boolean;
  bindMounts?: { source: string; target: string; mode?: 'ro' | 'rw' }[];
  /** Anonymous volumes (e.g. to keep an image's node_modules under a bind-mounted folder). */
  tmpfs?: Record<string, string>;
  /** The image's HEALTHCHECK with other timings (see LabContainer.withHealthTiming). */
  healthTiming?: { intervalMs: number; timeoutMs: number; startPeriodMs: number; retries: number };
  /** The run's stop (stop.ts) unless given: no start once it fired, and every wait on the container ends with it. */
  signal?: AbortSignal;
  /** `--entrypoint`: replaces the image's ENTRYPOINT (and with it its CMD, as `docker run --entrypoint` does). */
  entrypoint?: string[];
  /** `--init` (off unless asked): the engine's init as PID 1, forwarding signals to the command. */
  init?: boolean;
  /** `--cpus`: the container's CPU time as a share of one core (a CFS quota), to start it as on a loaded machine. */
  cpus?: number;
}

export class RunningContainer implements AsyncDisposable {
  readonly started: StartedTestContainer;
  readonly port: number | undefined;
  /** ms since the epoch, when the engine started the container */
  readonly startedAt: number;
  /** Ends every wait on the container. */
  readonly signal: AbortSignal;
  /** The image it runs, as the caller named it. */
  readonly image: string;

  constructor(started: StartedTestContainer, image: string, port: number | undefined, startedAt: number, signal: AbortSignal = runStop) {
    this.started = started;
    this.image = image;
    this.port = port;
    this.startedAt = startedAt;
    this.signal = signal;
  }

  get id(): string {
    return this.started.getId();
  }

  private get handle(): Dockerode.Container {
    return docker().getContainer(this.id);
  }

  url(pathname: string): string {
    if (this.port === undefined) throw new Error('this container publishes no port');
    return `http://${this.started.getHost()}:${this.started.getMappedPort(this.port)}${pathname}`;
  }

  async inspect(): Promise<Dockerode.ContainerInspectInfo> {
    return this.handle.inspect();
  }

  /** The last lines of the container's output (stdout and stderr). */
  async logs(tail = 50): Promise<string> {
    return logsOf(this.handle, tail);
  }

  /** uid and gid of the container's main process, as the host's `ps` sees them. */
  async processIdentity(): Promise<{ uid: number; gid: number; command: string }> {
    const top = (await this.handle.top({ ps_args: '-o pid,uid,gid,args' })) as { Titles: string[]; Processes: string[][] | null };
    const col = (name: string) => top.Titles.indexOf(name);
    const first = top.Processes?.[0];
    if (!first) throw new Error('the container runs no process');
    const uid = Number(first[col('UID')]);
    const gid = Number(first[col('GID')]);
    // A missing column or a name instead of a number is no uid: never let it pass as "not 0".
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) {
      throw new Error(`docker top shows no numeric uid/gid (columns ${JSON.stringify(top.Titles)}, first process ${JSON.stringify(first)})`);
    }
    return { uid, gid, command: first[col('COMMAND')] ?? '' };
  }

  /**
   * Polls `url(path)` from the host until it answers 200 (containing `expectInBody`, if given);
   * `sinceStartMs` is counted from the container's start. Fails early if the container exits.
   */
  async waitForAnswer(pathname: string, withinMs: number, expectInBody?: string): Promise<HttpAnswer & { sinceStartMs: number }> {
    try {
      const answer = await waitForAnswer({
        url: this.url(pathname),
        withinMs,
        ...(expectInBody !== undefined ? { expectInBody } : {}),
        between: () => this.failIfExited(),
        signal: this.signal,
      });
      return { ...answer, sinceStartMs: Date.now() - this.startedAt };
    } catch (error) {
      if (error instanceof HttpWaitTimeout) throw new Error(`${error.message}\n${await this.diagnostics()}`);
      throw await this.engineLost(error);
    }
  }

  /** The error to throw for a failed wait: one line when the engine went away under it, else the error. */
  private async engineLost(error: unknown): Promise<unknown> {
    const line = await engineLostDuringRun(this.image, error);
    return line ? new Error(line) : error;
  }

  /** Polls `url(path)` from the host until it answers 200; resolves with ms since the container started. */
  async waitForHttp(pathname: string, withinMs: number): Promise<number> {
    return (await this.waitForAnswer(pathname, withinMs)).sinceStartMs;
  }

  /**
   * Waits until the engine reports the container `healthy`; resolves with ms from start to the
   * end of the first passing health check, as the engine's own health log records it.
   * (Testcontainers' Wait.forHealthCheck only says "healthy", not when, and keeps no health output.)
   */
  async waitForHealthy(withinMs: number): Promise<number> {
    return this.untilHealthy(withinMs).catch(async (error: unknown) => {
      throw await this.engineLost(error);
    });
  }

  private async untilHealthy(withinMs: number): Promise<number> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      throwIfStopped(this.signal);
      const info = await this.inspect();
      const health = info.State.Health;
      if (!health) throw new Error(`the container has no health check (no HEALTHCHECK in the image)\n${await this.diagnostics()}`);
      if (health.Status === 'healthy') {
        const passed = health.Log.find((entry) => entry.ExitCode === 0);
        return passed ? Date.parse(passed.End) - Date.parse(info.State.StartedAt) : Date.now() - this.startedAt;
      }
      await this.failIfExited();
      if (Date.now() > deadline) {
        throw new Error(`not healthy within ${withinMs} ms (status: ${health.Status})\n${await this.diagnostics()}`);
      }
      await pause(50, this.signal);
    }
  }

  async failIfExited(): Promise<void> {
    await failIfExited(this.handle);
  }

  /** What a person needs when a container misbehaves: its state, health-check output, logs. */
  async diagnostics(): Promise<string> {
    return diagnostics(this.handle);
  }

  /** `docker diff`: what the container has added, changed or deleted in its filesystem so far. */
  async changes(): Promise<FileChange[]> {
    return readChanges(this.handle);
  }

  /** `docker stop` with a grace period; reports how long it took and whether SIGKILL was needed. */
  async stop(graceSeconds: number): Promise<{ ms: number; exitCode: number; killed: boolean }> {
    const began = Date.now();
    await this.handle.stop({ t: graceSeconds }).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 304) throw error; // 304: already stopped
    });
    const ms = Date.now() - began;
    const info = await this.inspect();
    // 137 = 128 + SIGKILL: the process ignored SIGTERM until the grace period ran out.
    return { ms, exitCode: info.State.ExitCode, killed: info.State.ExitCode === 137 || info.State.OOMKilled };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.handle.remove({ force: true, v: true }).catch(() => undefined);
  }
}

/** The last lines of a container's output (stdout and stderr). */
async function logsOf(handle: Dockerode.Container, tail: number): Promise<string> {
  const raw = (await handle.logs({ stdout: true, stderr: true, tail, follow: false })) as unknown as Buffer;
  return demultiplex(raw);
}

/** Throws, with the container's diagnostics, once it no longer runs. */
export async function failIfExited(handle: Dockerode.Container): Promise<void> {
  const info = await handle.inspect();
  if (!info.State.Running) {
    throw new Error(`the container exited (code ${info.State.ExitCode}) before it was ready\n${await diagnostics(handle)}`);
  }
}

/** What a person needs when a container misbehaves: its state, health-check output, logs. */
export async function diagnostics(handle: Dockerode.Container): Promise<string> {
  const info = await handle.inspect().catch(() => undefined);
  const lines = [`container ${handle.id.slice(0, 12)} of ${info?.Config.Image ?? '?'}: ${info?.State.Status ?? 'gone'}`];
  for (const entry of info?.State.Health?.Log.slice(-3) ?? []) {
    lines.push(`health check (exit ${entry.ExitCode}): ${entry.Output.trim() || '(no output)'}`);
  }
  const logs = await logsOf(handle, 30).catch((error: Error) => `(logs unavailable: ${error.message})`);
  lines.push(
    'last lines of its logs:',
    ...(logs.trim()
      ? logs
          .trimEnd()
          .split('\n')
          .map((l) => `  | ${l}`)
      : ['  (none)']),
  );
  return lines.join('\n');
}

/** Starts a container; the caller disposes of it (`await using`). */
export async function runContainer(request: RunRequest): Promise<RunningContainer> {
  const container = request.init ? new LabContainer(request.image).withInit() : new LabContainer(request.image).withoutInit();
  if (request.port !== undefined) container.withExposedPorts(request.port);
  if (request.env) container.withEnvironment(request.env);
  if (request.entrypoint) container.withEntrypoint(request.entrypoint);
  if (request.command) container.withCommand(request.command);
  if (request.hardened) container.withReadOnlyRootFilesystem().withLeastPrivilege();
  if (request.bindMounts) container.withBindMounts(request.bindMounts.map((m) => ({ ...m, mode: m.mode ?? 'rw' })));
  if (request.tmpfs) container.withTmpFs(request.tmpfs);
  if (request.healthTiming) container.withHealthTiming(request.healthTiming);
  if (request.cpus !== undefined) container.withResourcesQuota({ cpu: request.cpus });
  // A label of its own, to find the container if Testcontainers' start fails before it says
  // which (a container that exits at once fails its wait for port bindings).
  const startLabel = { [`${ownerLabel}.start`]: randomUUID() };
  container.withLabels(startLabel);
  const signal = request.signal ?? runStop;
  throwIfStopped(signal);
  let started: StartedTestContainer;
  try {
    started = await container.start();
  } catch (error) {
    throw new Error(await explainFailedStart(error as Error, startLabel));
  }
  // Stopped while it started: it goes at once, not at the run's clean-up.
  if (signal.aborted) {
    await docker()
      .getContainer(started.getId())
      .remove({ force: true, v: true })
      .catch(() => undefined);
    throwIfStopped(signal);
  }
  const info = await docker().getContainer(started.getId()).inspect();
  return new RunningContainer(started, request.image, request.port, Date.parse(info.State.StartedAt), signal);
}

/** Why a start failed, in the words of a container that exited: its exit code, health output and logs. It is then removed. */
async function explainFailedStart(error: Error, label: Record<string, string>): Promise<string> {
  const [key, value] = Object.entries(label)[0]!;
  const [found] = await docker().listContainers({ all: true, filters: JSON.stringify({ label: [`${key}=${value}`] }) });
  if (!found) return error.message;
  const handle = docker().getContainer(found.Id);
  try {
    const info = await handle.inspect();
    const what = info.State.Running ? error.message : `the container exited (code ${info.State.ExitCode}) before it was ready`;
    return `${what}\n${await diagnostics(handle)}`;
  } finally {
    await handle.remove({ force: true, v: true }).catch(() => undefined);
  }
}

/** One entry of `docker diff`: a path the container added (A), changed (C) or deleted (D). */
export interface FileChange {
  path: string;
  kind: 'A' | 'C' | 'D';
}

const changeKinds: Record<number, FileChange['kind']> = { 0: 'C', 1: 'A', 2: 'D' };

/** `docker diff` of a container, as paths with A(dded), C(hanged) or D(eleted). */
export async function readChanges(container: Dockerode.Container): Promise<FileChange[]> {
  // With nothing changed the engine answers `null`, which dockerode hands back unparsed, as a Buffer.
  const raw: unknown = await container.changes();
  const parsed = (Buffer.isBuffer(raw) ? JSON.parse(raw.toString('utf8')) : raw) as { Path: string; Kind: number }[] | null;
  return (parsed ?? []).map((c) => ({ path: c.Path, kind: changeKinds[c.Kind] ?? 'C' }));
}

export interface Completed {
  exitCode: number;
  output: string;
  /** `docker diff` of the container when the command had exited. */
  changes: FileChange[];
}

/**
 * Runs a command to completion in a fresh container (with another entrypoint or user, if given);
 * returns its exit code, output and file changes.
 * (dockerode, not Testcontainers: its start waits for a container that keeps running.)
 */
export async function runToCompletion(
  image: string,
  command: string[],
  options: { timeoutMs?: number; user?: string; entrypoint?: string[]; networkDisabled?: boolean; env?: string[]; signal?: AbortSignal } = {},
): Promise<Completed> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const signal = options.signal ?? runStop;
  throwIfStopped(signal);
  const created = await docker().createContainer({
    Image: image,
    Cmd: command,
    ...(options.entrypoint ? { Entrypoint: options.entrypoint } : {}),
    ...(options.env ? { Env: options.env } : {}),
    Labels: ownedLabels(),
    HostConfig: { Init: false, ...(options.networkDisabled ? { NetworkMode: 'none' } : {}) },
    ...(options.user !== undefined ? { User: options.user } : {}),
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    throwIfStopped(signal);
    await created.start();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${command.join(' ')} did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    const result = (await unlessStopped(Promise.race([created.wait(), timeout]), signal)) as { StatusCode: number };
    const raw = (await created.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
    return { exitCode: result.StatusCode, output: demultiplex(raw), changes: await readChanges(created) };
  } finally {
    clearTimeout(timer);
    await created.remove({ force: true }).catch(() => undefined);
  }
}

/** The engine multiplexes stdout/stderr with 8-byte frame headers when there is no TTY. */
export function demultiplex(raw: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const kind = raw[offset];
    const size = raw.readUInt32BE(offset + 4);
    if (kind === undefined || kind > 2 || raw[offset + 1] !== 0) return raw.toString('utf8'); // not multiplexed
    parts.push(raw.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}
