// A container registry on loopback for the "a registry answers" tests: Debian's docker-registry
// (2.8) where it is installed, else the registry:2 image where one can be pulled (GitHub's
// runners); neither, or one that does not answer: a one-line reason, which fails the test. No
// auth (the packaged config's htpasswd block is left out) and loopback only: the engine treats
// 127.0.0.0/8 as an insecure registry by default.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { docker } from '../../../src/engine/docker.ts';
import { ownedLabels } from '../../../src/engine/ownership.ts';

export interface LocalRegistry {
  /** host:port, e.g. 127.0.0.1:41234. */
  address: string;
  stop(): Promise<void>;
}

const binary = ['/usr/bin/docker-registry', '/usr/local/bin/docker-registry'].find((p) => existsSync(p));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function answers(address: string, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://${address}/v2/`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** Starts a registry on 127.0.0.1 (at `port`, or a free one); a string says why none could start. */
export async function startLocalRegistry(port?: number): Promise<LocalRegistry | string> {
  const chosen = port ?? (await freePort());
  const address = `127.0.0.1:${chosen}`;
  if (binary) return startBinary(binary, address);
  return startContainer(chosen, address);
}

async function startBinary(file: string, address: string): Promise<LocalRegistry | string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lab-registry-'));
  const config = path.join(dir, 'config.yml');
  await writeFile(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${dir}/data`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: ${address}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(file, ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2_000)));
  const stop = async () => {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  };
  if (await answers(address, 15_000)) return { address, stop };
  await stop();
  return `docker-registry did not answer on ${address}: ${output.trim().split('\n').at(-1) ?? ''}`;
}

async function startContainer(port: number, address: string): Promise<LocalRegistry | string> {
  const image = 'registry:2';
  const present = await docker()
    .getImage(image)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (!present) {
    const pulled = await new Promise<boolean>((resolve) => {
      docker().pull(image, { abortSignal: AbortSignal.timeout(60_000) }, (error: unknown, stream?: NodeJS.ReadableStream) => {
        if (error || !stream) return resolve(false);
        docker().modem.followProgress(stream, (e: unknown) => resolve(!e));
      });
    });
    if (!pulled) return "neither Debian's docker-registry is installed (scripts/bootstrap.sh installs it) nor can the registry:2 image be pulled here";
  }
  const container = await docker().createContainer({
    Image: image,
    Labels: ownedLabels(),
    HostConfig: { PortBindings: { '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] }, AutoRemove: false },
  });
  await container.start();
  const stop = async () => {
    await container.remove({ force: true }).catch(() => undefined);
  };
  if (await answers(address, 30_000)) return { address, stop };
  await stop();
  return `the registry:2 container did not answer on ${address}`;
}
