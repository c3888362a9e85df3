// Brings up each service of an app's Compose file on a temporary copy of its context, probes
// it over HTTP, and takes it down again (containers, networks, volumes and the images it
// built). An override file labels all of it as this run's, so a killed run's leftovers are
// swept like everything else the harness makes.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import type { AppEntry, ComposeCheck } from '../catalogue/types.ts';
import type { ComposeServiceFacts } from '../contract/facts.ts';
import { ownedLabels, runId } from '../engine/ownership.ts';
import { repoRoot } from '../paths.ts';
import { TempContext } from './temp-context.ts';

const run = promisify(execFile);

interface ComposeCli {
  command: string;
  prefix: string[];
  env: NodeJS.ProcessEnv;
}

let cli: Promise<ComposeCli> | undefined;

/**
 * Compose v2 (`docker compose`) where the plugin exists, else Debian's docker-compose 1.29,
 * which builds with BuildKit (and so honours `target:`) only through the docker CLI with
 * COMPOSE_DOCKER_CLI_BUILD=1 and DOCKER_BUILDKIT=1, and /usr/bin's 20.10 client first on PATH
 * (a 28.x client without buildx falls back to the legacy builder).
 */
export function composeCli(): Promise<ComposeCli> {
  cli ??= (async () => {
    const env = { ...process.env, COMPOSE_DOCKER_CLI_BUILD: '1', DOCKER_BUILDKIT: '1' };
    const v2 = await run('docker', ['compose', 'version'], { env }).then(() => true, () => false);
    if (v2) return { command: 'docker', prefix: ['compose'], env };
    return { command: 'docker-compose', prefix: [], env: { ...env, PATH: `/usr/bin:${process.env.PATH ?? ''}` } };
  })();
  return cli;
}

/** An override that labels every service, the images it builds, and the default network. */
async function writeOverride(copy: TempContext, spec: ComposeCheck): Promise<string> {
  const main = parse(await readFile(copy.path(spec.file), 'utf8')) as { version?: string; services?: Record<string, { build?: unknown }> };
  const labels = ownedLabels();
  const services: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(main.services ?? {})) {
    services[name] = { labels, ...(service.build ? { build: { labels } } : {}) };
  }
  const override = { ...(main.version ? { version: main.version } : {}), services, networks: { default: { labels } } };
  const file = copy.path('.lab-harness.compose.override.yaml');
  await writeFile(file, stringify(override));
  return file;
}

async function probe(url: string, expect: string | undefined, withinMs: number): Promise<{ ms: number; body: string }> {
  const began = Date.now();
  let last = 'no answer';
  while (Date.now() - began < withinMs) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (response.status === 200 && (!expect || body.includes(expect))) return { ms: Date.now() - began, body };
      last = `HTTP ${response.status}: ${body.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no 200${expect ? ` containing "${expect}"` : ''} within ${withinMs} ms (last: ${last})`);
}

export async function measureCompose(entry: AppEntry): Promise<ComposeServiceFacts[]> {
  const spec = entry.compose;
  if (!spec) return [];
  const { command, prefix, env } = await composeCli();
  // Keep the repository's layout: Compose files name Dockerfiles under ../../dockerfiles/.
  const dockerfileDirs = [...new Set(Object.values(entry.dockerfiles).map((f) => path.dirname(f)))];
  await using copy = await TempContext.copyOfRepoPaths(repoRoot, entry.context, dockerfileDirs, `${entry.name}-compose`);
  for (const [destination, source] of Object.entries(entry.hostFiles ?? {})) {
    await mkdir(path.dirname(copy.path(destination)), { recursive: true });
    await copyFile(source, copy.path(destination));
  }
  const override = await writeOverride(copy, spec);
  const project = `lab-${entry.name}-${runId().replace(/[^a-z0-9]/gi, '').toLowerCase()}`.slice(0, 60);
  const compose = (...args: string[]) =>
    run(command, [...prefix, '-p', project, '-f', copy.path(spec.file), '-f', override, ...args], { cwd: copy.dir, env, maxBuffer: 64 << 20, timeout: 15 * 60_000 });

  const results: ComposeServiceFacts[] = [];
  for (const service of spec.services) {
    const began = Date.now();
    try {
      await compose('up', '-d', '--build', service.name);
      const { stdout } = await compose('port', service.name, String(service.port));
      const hostPort = stdout.trim().split(':').at(-1);
      if (!hostPort) throw new Error(`${service.name} publishes no port for ${service.port}`);
      const answer = await probe(`http://127.0.0.1:${hostPort}${service.probePath}`, service.expectInBody, Math.max(0, service.readyWithinMs - (Date.now() - began)) + 30_000);
      results.push({ name: service.name, ok: true, readyMs: Date.now() - began, body: answer.body.slice(0, 300) });
    } catch (error) {
      const logs = await compose('logs', '--tail', '30', service.name).then((r) => r.stdout + r.stderr, () => '');
      const err = error as Error & { stderr?: string };
      results.push({ name: service.name, ok: false, error: `${err.message.split('\n')[0]}\n${(err.stderr ?? '').split('\n').slice(-30).join('\n')}\n${logs}`.trim() });
    } finally {
      await compose('down', '--volumes', '--rmi', 'local', '--remove-orphans').catch(() => undefined);
    }
  }
  return results;
}
