// The tutorial's "Docker Compose with Multi-Stage" on Compose v2 (`docker compose`), through
// Testcontainers' DockerComposeEnvironment: each service of the app's Compose file is built from
// its target and brought up on a temporary copy of the context, waited for over HTTP, its
// resource limits read from the running container, and taken down again. An override file labels
// all of it (containers, the images it builds, the network) as this run's, so a killed run's
// leftovers are swept like everything else the harness makes.
import path from 'node:path';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import type Dockerode from 'dockerode';
import { DockerComposeEnvironment, getContainerRuntimeClient, type BoundPorts } from 'testcontainers';
import { parse, stringify } from 'yaml';
import type { AppEntry } from '../catalogue/types.ts';
import type { ComposeCheck } from '../catalogue/check-options.ts';
import type { ComposeServiceFacts } from '../contract/app-facts.ts';
import { docker } from '../engine/docker.ts';
import { ownedLabels, runId } from '../engine/ownership.ts';
import { repoRoot } from '../paths.ts';
import { diagnostics, failIfExited, LabWaitStrategy } from '../run/container.ts';
import { HttpWaitTimeout, waitForAnswer } from '../run/http-wait.ts';
import { TempContext } from './temp-context.ts';
import { throwIfStopped, unlessStopped } from '../stop.ts';
import { timed } from '../engine/timing-lock.ts';

type ComposeService = ComposeCheck['services'][number];

/** How long to keep waiting past a readiness limit, so a slow start is measured rather than cut off. */
const graceMs = 30_000;

/** An override that labels every service, the images it builds, and the default network. */
async function writeOverride(copy: TempContext, spec: ComposeCheck): Promise<string> {
  const main = parse(await readFile(copy.path(spec.file), 'utf8')) as { services?: Record<string, { build?: unknown }> };
  const labels = ownedLabels();
  const services: Record<string, unknown> = {};
  for (const [name, service] of Object.entries(main.services ?? {})) {
    services[name] = { labels, ...(service.build ? { build: { labels } } : {}) };
  }
  const file = '.lab-harness.compose.override.yaml';
  await writeFile(copy.path(file), stringify({ services, networks: { default: { labels } } }));
  return file;
}

/**
 * Testcontainers' wait strategy interface around the harness's HTTP poll: it records when the
 * service answered, counted from the container's start, and on failure keeps the container's
 * logs and health output in the error (Testcontainers removes the container right after).
 */
class ReadyOnHttp extends LabWaitStrategy {
  readyMs: number | undefined;
  body: string | undefined;
  private readonly service: ComposeService;

  constructor(service: ComposeService) {
    super();
    this.service = service;
  }

  async waitUntilReady(container: Dockerode.Container, boundPorts: BoundPorts): Promise<void> {
    const host = (await getContainerRuntimeClient()).info.containerRuntime.host;
    const startedAt = Date.parse((await container.inspect()).State.StartedAt);
    try {
      const answer = await waitForAnswer({
        url: `http://${host}:${boundPorts.getBinding(this.service.port)}${this.service.probePath}`,
        ...(this.service.expectInBody !== undefined ? { expectInBody: this.service.expectInBody } : {}),
        withinMs: this.timeoutMs,
        between: () => failIfExited(container),
      });
      this.readyMs = Date.now() - startedAt;
      this.body = answer.body;
    } catch (error) {
      if (error instanceof HttpWaitTimeout) throw new Error(`${error.message}\n${await diagnostics(container)}`);
      throw error;
    }
  }
}

/** The last lines of a failure: Compose's build output can be thousands of lines. */
function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function upAndProbe(copy: TempContext, files: string[], project: string, service: ComposeService): Promise<ComposeServiceFacts> {
  const ready = new ReadyOnHttp(service).withStartupTimeout(service.readyWithinMs.limit + graceMs);
  const environment = new DockerComposeEnvironment(copy.dir, files)
    .withProjectName(project)
    .withBuild()
    // The harness removes what it makes itself (no Ryuk here: it would have to be pulled).
    .withAutoCleanup(false)
    .withDefaultWaitStrategy(ready);
  // Compose's own build and start cannot be cancelled from here: a stopped run starts none, and
  // stops the `docker compose` client of one going (cli/terminal.ts) before its clean-up.
  throwIfStopped();
  const began = Date.now();
  try {
    const started = await unlessStopped(environment.up([service.name]));
    const upMs = Date.now() - began;
    const info = await docker()
      .getContainer(started.getContainer(`${service.name}-1`).getId())
      .inspect();
    return {
      name: service.name,
      ok: true,
      upMs,
      ...(ready.readyMs !== undefined ? { readyMs: ready.readyMs } : {}),
      ...(ready.body !== undefined ? { body: ready.body.slice(0, 300) } : {}),
      resources: { cpus: (info.HostConfig.NanoCpus ?? 0) / 1e9, memoryBytes: info.HostConfig.Memory ?? 0 },
    };
  } catch (error) {
    return { name: service.name, ok: false, error: tail((error as Error).message) };
  } finally {
    // Testcontainers downs the project itself only when its wait fails; this covers the rest.
    const client = await getContainerRuntimeClient();
    await client.compose.down({ filePath: copy.dir, files, projectName: project }, { removeVolumes: true, timeout: 0 }).catch(() => undefined);
    await removeProjectImages(project);
  }
}

/** The images Compose built for the project (named <project>-<service>). */
async function removeProjectImages(project: string): Promise<void> {
  const images = await docker().listImages({ filters: JSON.stringify({ reference: [`${project}-*`] }) });
  for (const image of images)
    await docker()
      .getImage(image.Id)
      .remove({ force: true })
      .catch(() => undefined);
}

/** Timed (each service's readiness): no other run builds beside it (timing-lock.ts). */
export function measureCompose(entry: AppEntry): Promise<ComposeServiceFacts[]> {
  return timed(() => measureComposeAlone(entry));
}

async function measureComposeAlone(entry: AppEntry): Promise<ComposeServiceFacts[]> {
  const spec = entry.compose;
  if (!spec) return [];
  // Keep the repository's layout: Compose files name Dockerfiles under ../../dockerfiles/.
  const dockerfileDirs = [...new Set(Object.values(entry.dockerfiles).map((f) => path.dirname(f)))];
  await using copy = await TempContext.copyOfRepoPaths(repoRoot, entry.context, dockerfileDirs, `${entry.name}-compose`);
  for (const [destination, source] of Object.entries(entry.hostFiles ?? {})) {
    await mkdir(path.dirname(copy.path(destination)), { recursive: true });
    await copyFile(source, copy.path(destination));
  }
  const files = [spec.file, await writeOverride(copy, spec)];
  const results: ComposeServiceFacts[] = [];
  for (const service of spec.services) {
    const project = `lab-${entry.name}-${service.name}-${runId()
      .replace(/[^a-z0-9]/gi, '')
      .toLowerCase()}`
      .slice(0, 60)
      .replace(/-+$/, '');
    results.push(await upAndProbe(copy, files, project, service));
  }
  return results;
}
