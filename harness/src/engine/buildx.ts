// Builds through the buildx CLI, for what the engine API cannot carry: build secrets need a
// BuildKit session, which only a client that opens one (the docker CLI) has. The context is the
// same tar the API path sends (stdin, `-`), progress is buildx's rawjson (the SolveStatus the
// API path decodes too), so steps, cache hits and a failing step's last lines read the same.
// The image goes into the engine's store (`--load`), plain: no provenance or SBOM attestations.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BuildTrace, type BuildRequest, type BuildResult } from './build.ts';
import { decodeRawJsonStatus, RawJsonSplitter } from './buildkit-status.ts';
import { packContext } from './context-tar.ts';
import { engineAddress } from './docker.ts';

export interface BuildxRequest extends BuildRequest {
  /** `--secret id=<id>,src=<file>`: the file holds the value; it never enters the context. */
  secrets?: { id: string; src: string }[];
  /** Stages whose steps run again even when cached (`--no-cache-filter`). */
  noCacheFilter?: string[];
}

export interface BuildxResult extends BuildResult {
  /** Every step's output, as far as it was kept. */
  logs: { step: string; lines: string[] }[];
}

/** The command line for a request, reading the context tar from stdin. */
export function buildxArgs(request: BuildxRequest, dockerfileName: string, iidFile: string): string[] {
  const pairs = (flag: string, values: Record<string, string> | undefined) => Object.entries(values ?? {}).flatMap(([k, v]) => [flag, `${k}=${v}`]);
  return [
    'buildx', 'build',
    '--progress=rawjson',
    '--provenance=false',
    '--sbom=false',
    '--load',
    '--iidfile', iidFile,
    '-f', dockerfileName,
    '-t', request.tag,
    ...(request.target ? ['--target', request.target] : []),
    ...pairs('--build-arg', request.buildArgs),
    ...pairs('--label', request.labels),
    ...(request.secrets ?? []).flatMap((s) => ['--secret', `id=${s.id},src=${s.src}`]),
    ...(request.noCache ? ['--no-cache'] : []),
    ...(request.noCacheFilter?.length ? ['--no-cache-filter', request.noCacheFilter.join(',')] : []),
    '-',
  ];
}

/** Why buildx ended without an image, from the text it printed after its records. */
export function buildxFailure(text: string[], exitCode: number | null): string {
  const error = text.filter((line) => line.startsWith('ERROR: ')).at(-1);
  if (error) return error.slice('ERROR: '.length);
  if (text.some((line) => /'buildx' is not a docker command|unknown command: docker buildx/.test(line))) {
    return 'docker buildx is not installed: builds with secrets need it (the engine API carries no BuildKit session); scripts/bootstrap installs it';
  }
  return `docker buildx build exited with code ${exitCode}${text.length ? `: ${text.slice(-5).join(' / ')}` : ''}`;
}

export async function buildWithBuildx(request: BuildxRequest): Promise<BuildxResult> {
  const timeoutMs = request.timeoutMs ?? 20 * 60_000;
  const tailLines = request.logTailLines ?? 30;
  const started = Date.now();
  const trace = new BuildTrace(request.onProgress);
  const text: string[] = [];
  const splitter = new RawJsonSplitter((record) => trace.apply(decodeRawJsonStatus(record)), (line) => text.push(line));
  const scratch = await mkdtemp(path.join(tmpdir(), 'lab-buildx-'));
  const iidFile = path.join(scratch, 'iid');
  try {
    const { tar, dockerfileName } = await packContext({
      context: request.context,
      dockerfile: request.dockerfile,
      ...(request.extraFiles ? { extraFiles: request.extraFiles } : {}),
    });
    // The engine the harness talks to, whatever the CLI's current context is.
    const child = spawn('docker', buildxArgs(request, dockerfileName, iidFile), { env: { ...process.env, DOCKER_HOST: engineAddress() }, stdio: ['pipe', 'ignore', 'pipe'] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGINT'); // buildx cancels the build on SIGINT
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, timeoutMs);
    timer.unref();
    tar.on('error', (error: Error) => child.stdin.destroy(error));
    child.stdin.on('error', () => undefined); // buildx may exit before reading all of the context
    tar.pipe(child.stdin);
    let pending = '';
    child.stderr.on('data', (chunk: Buffer) => {
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
    splitter.line(pending);
    if (timedOut) throw trace.error(request, `no result within ${Math.round(timeoutMs / 1000)} s (time limit); the build was cancelled`, tailLines);
    if (exitCode !== 0) throw trace.error(request, buildxFailure(text, exitCode), tailLines);
    const imageId = (await readFile(iidFile, 'utf8').catch(() => '')).trim();
    if (!imageId) throw trace.error(request, 'buildx wrote no image id', tailLines);
    return { imageId, tag: request.tag, durationMs: Date.now() - started, steps: trace.steps(), logs: trace.stepLogs() };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
