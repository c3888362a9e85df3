// Checks a fork the way its user would: the plain Docker CLI in the fork's folder (`docker build`
// is buildx on Docker 23+), nothing of this repository around. The production image is then
// measured with the harness's own inspect and run code and held to the image contract. Everything
// made carries this run's label and is removed by the caller, also when a step fails.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { AppEntry } from '../catalogue/types.ts';
import type { AppFacts, BuiltImage } from '../contract/app-facts.ts';
import { engineAddress } from '../engine/docker.ts';
import { ownedLabels, ownerLabel, runId } from '../engine/ownership.ts';
import { inspectImage } from '../inspect/image.ts';
import { measureBuiltImage } from '../measure/app.ts';
import { waitForAnswer } from '../run/http-wait.ts';
import { composeFileNames, composeServices, productionService } from './fork-compose.ts';
import { shared } from '../engine/timing-lock.ts';
import { tempFolder } from '../temp-folder.ts';

export interface CliResult {
  code: number;
  output: string;
}

/** Runs the docker CLI in `cwd`, against the harness's engine; output is stdout and stderr. */
export function docker(args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 20 * 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { cwd, env: { ...process.env, ...env, DOCKER_HOST: engineAddress() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, output });
    });
  });
}

/** The last lines of a command's output, for a failure message. */
export function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function mustSucceed(what: string, result: Promise<CliResult>): Promise<string> {
  const { code, output } = await result;
  if (code !== 0) throw new Error(`${what} failed (exit ${code}); its last lines:\n${tail(output)}`);
  return output;
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`git ${args.join(' ')} exited ${code}`))));
  });
}

/** VERSION and REVISION as the fork's README and CI take them: from its git history. */
export async function versionFromGit(dir: string): Promise<{ VERSION: string; REVISION: string }> {
  const version = await git(dir, ['describe', '--tags', '--always', '--dirty']);
  return { VERSION: version.replace(/^v/, ''), REVISION: await git(dir, ['rev-parse', 'HEAD']) };
}

/** A tag of this run for a fork's image. */
export function forkTag(entry: AppEntry): string {
  return `fork-${entry.name}:${runId()
    .replace(/[^a-zA-Z0-9_.-]/g, '-')
    .toLowerCase()}`.slice(0, 128);
}

/**
 * `docker build` in the fork; the image id comes back through --iidfile, so exactly it can be
 * removed. The label marks it as this run's, so a killed run's image is swept by the next.
 */
export async function buildFork(dir: string, args: string[], what: string): Promise<{ id: string; ms: number }> {
  const scratch = await tempFolder('fork-iid');
  try {
    const iid = path.join(scratch, 'iid');
    const began = Date.now();
    await shared(() =>
      mustSucceed(`${what} (docker build ${args.join(' ')} .)`, docker(['build', '--iidfile', iid, '--label', `${ownerLabel}=${runId()}`, ...args, '.'], dir)),
    );
    return { id: (await readFile(iid, 'utf8')).trim(), ms: Date.now() - began };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Removes images by id or tag; missing ones are fine. */
export async function removeImages(refs: string[], cwd: string): Promise<void> {
  if (refs.length) await docker(['image', 'rm', '--force', ...refs], cwd);
}

/**
 * The production image of a fork, measured as the contract tests measure the lab's (config,
 * layers and files, runs, allow-list, trust) by the same code.
 * A fork has no single-stage image, so `single` repeats `multi` and the reduction check, a
 * comparison of the lab's two Dockerfiles, is not made on it.
 */
export async function measureForkImage(entry: AppEntry, tag: string, buildArgs: { VERSION: string; REVISION: string }, buildMs: number): Promise<AppFacts> {
  const multi: BuiltImage = { tag, buildMs, facts: await inspectImage(tag) };
  return measureBuiltImage(entry, { app: entry.name, buildArgs, single: multi, multi });
}

/** Contract checks that do not apply to a fork (see measureForkImage). */
export const notForForks = new Set(['reduction']);

export interface ComposeUp {
  service: string;
  /** docker compose ps for the service, as JSON lines. */
  status: string;
  /** What the health path answered through the published port. */
  body: string;
}

/**
 * `docker compose up --build --wait` of the production service: Compose waits until its
 * HEALTHCHECK says healthy; then its health path is asked through the published port. An
 * override file outside the fork labels what Compose makes as this run's; down removes it all.
 */
export async function composeUpHealthy(entry: AppEntry, dir: string, env: Record<string, string>): Promise<ComposeUp> {
  const file = composeFileNames.find((name) => existsSync(path.join(dir, name)));
  if (!file) throw new Error(`the fork has no Compose file (${composeFileNames.join(', ')})`);
  const composeText = await readFile(path.join(dir, file), 'utf8');
  const service = productionService(composeText, entry.productionTarget);
  const project = `fork-${entry.name}-${runId()}`.toLowerCase().replace(/[^a-z0-9-]/g, '');
  const labels = ownedLabels();
  const services = Object.fromEntries(composeServices(composeText).map((s) => [s.name, { labels, build: { labels } }]));
  const scratch = await tempFolder('fork-compose');
  const override = path.join(scratch, 'labels.yaml');
  const compose = (args: string[]) => docker(['compose', '--project-name', project, '--file', file, '--file', override, ...args], dir, env);
  try {
    await writeFile(override, stringify({ services, networks: { default: { labels } } }));
    // It builds: never beside another run's timing.
    await shared(() => mustSucceed(`docker compose up ${service}`, compose(['up', '--build', '--wait', '--wait-timeout', '180', '--detach', service]))).catch(
      async (error: Error) => {
        throw new Error(`${error.message}\nlogs:\n${tail((await compose(['logs', '--no-color', service])).output)}`);
      },
    );
    const status = await mustSucceed('docker compose ps', compose(['ps', '--format', 'json', service]));
    const port = (await mustSucceed('docker compose port', compose(['port', service, String(entry.service!.port)]))).trim().split('\n')[0] ?? '';
    const hostPort = port.split(':').at(-1);
    const answer = await waitForAnswer({ url: `http://127.0.0.1:${hostPort}${entry.service!.healthPath}`, withinMs: 10_000 });
    return { service, status: status.trim(), body: answer.body };
  } finally {
    // The override folder goes even when down cannot start (no docker on PATH).
    await compose(['down', '--volumes', '--remove-orphans', '--rmi', 'local', '--timeout', '2']).finally(() => rm(scratch, { recursive: true, force: true }));
  }
}
