// An engine older than Docker 25 gets one line: what was found, the minimum, how to upgrade.
// The engine here is a fake: a Node HTTP server on a unix socket that answers what Docker
// 20.10.24 answers to /_ping and /version (API 1.41), and nothing else.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineTooOldError, minimumApiVersion, requireEngine } from '../../src/engine/docker.ts';
import { fromRepo } from '../../src/paths.ts';
import { spawnedCommandLimitMs, spawningTestTimeoutMs } from '../../src/limits.ts';

const run = promisify(execFile);

let dir: string;
let server: Server;
let dockerHost: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lab-old-engine-'));
  const socket = path.join(dir, 'docker.sock');
  server = createServer((request, response) => {
    const headers = { 'api-version': '1.41', 'docker-experimental': 'false', ostype: 'linux', server: 'Docker/20.10.24+dfsg1 (linux)' };
    const url = (request.url ?? '').replace(/^\/v1\.\d+/, '');
    if (url === '/_ping') {
      response.writeHead(200, { ...headers, 'content-type': 'text/plain' }).end(request.method === 'HEAD' ? undefined : 'OK');
    } else if (url === '/version') {
      const body = { Version: '20.10.24+dfsg1', ApiVersion: '1.41', MinAPIVersion: '1.12', Os: 'linux', Arch: 'amd64', KernelVersion: '6.1.0' };
      response.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify(body));
    } else {
      response.writeHead(404, { ...headers, 'content-type': 'application/json' }).end('{"message":"page not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  dockerHost = `unix://${socket}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

// No test report from the runs spawned here: they would overwrite this run's own.
const env = () => {
  const { LAB_TEST_RESULTS: _report, LAB_IMAGE_STORE: _store, ...inherited } = process.env;
  return { ...inherited, DOCKER_HOST: dockerHost };
};

/** Runs a command to its end without blocking this process (the fake engine answers from it). */
async function failing(command: string, args: string[], cwd = fromRepo('.')): Promise<{ code: number; stderr: string }> {
  try {
    await run(command, args, { env: env(), cwd, timeout: spawnedCommandLimitMs });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    return { code: failure.code ?? -1, stderr: failure.stderr ?? '' };
  }
}

const theLine = (where: string) =>
  `the Docker engine at ${where} is 20.10.24+dfsg1 (API 1.41); the lab needs Docker 25 or newer (API 1.44): upgrade it (Debian/Ubuntu: 'sudo scripts/engine upgrade'; elsewhere https://docs.docker.com/engine/install/).`;

describe('an engine older than Docker 25', { timeout: spawningTestTimeoutMs }, () => {
  it('scripts/engine check prints one line and fails', async () => {
    const result = await failing('bash', [fromRepo('scripts/engine'), 'check']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([`engine: ${theLine(dockerHost)}`]);
  });

  it("scripts/engine leaves an engine that is not the project's alone, with the same line", async () => {
    const result = await failing('bash', [fromRepo('scripts/engine')]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([`engine: ${theLine(dockerHost)}`]);
  });

  it('the harness refuses it with the same line (requireEngine, as verify and the test set-up call it)', async () => {
    process.env.DOCKER_HOST = dockerHost;
    const refused = await requireEngine().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(EngineTooOldError);
    const message = (refused as Error).message;
    expect(message).toBe(theLine(dockerHost).replace(/^the/, 'The'));
  });

  it('pnpm verify prints that line alone and exits 1', async () => {
    const result = await failing(process.execPath, [fromRepo('harness/src/cli/verify.ts')]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([theLine(dockerHost).replace(/^the/, 'The')]);
  });

  it('the contract tests stop with that line, no stack trace', async () => {
    const result = await failing(process.execPath, [fromRepo('node_modules/vitest/vitest.mjs'), 'run', '--project', 'contract'], fromRepo('harness'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(theLine(dockerHost).replace(/^the/, 'The'));
    expect(result.stderr).not.toMatch(/\bat \w+ \(|❯/);
  });

  it('scripts/engine and the harness ask for the same minimum', async () => {
    const script = await readFile(fromRepo('scripts/engine'), 'utf8');
    expect(script).toMatch(new RegExp(`^min_api=${minimumApiVersion.replace('.', '\\.')} `, 'm'));
  });
});
