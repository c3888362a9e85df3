// A build context served to the engine over loopback HTTP, for the one kind of engine that cannot
// take it in the build request: on the containerd image store before Docker 27.5, BuildKit cannot
// read a context sent in the request body (moby/moby#47717, fixed in 27.5.0), but it fetches a
// `remote` tarball URL like any other source and unpacks it, as it does the uploaded one. The
// URL's last segment is always "context" (BuildKit keys the download by its file name and
// content), so an unchanged context is a cache hit as it would be through the request body.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { engineAddress } from './docker.ts';
import type { EngineFacts } from './facts.ts';

/** The first engine release whose containerd store reads a build context from the request body. */
const bodyContextFixedIn = [27, 5, 0];

function versionParts(version: string): number[] {
  return (version.match(/^\d+(\.\d+)*/)?.[0] ?? '0').split('.').map(Number);
}

/** Whether this engine needs its build context served rather than sent in the request. */
export function needsServedContext(engine: Pick<EngineFacts, 'imageStore' | 'version'>): boolean {
  if (engine.imageStore !== 'containerd') return false;
  const have = versionParts(engine.version);
  for (let i = 0; i < bodyContextFixedIn.length; i++) {
    const a = have[i] ?? 0;
    const b = bodyContextFixedIn[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}

export interface ServedContext extends AsyncDisposable {
  url: string;
}

/** Serves the tar at a one-off loopback URL until disposed. The engine must run on this machine. */
export async function serveContext(tar: Readable, engine: Pick<EngineFacts, 'version'>): Promise<ServedContext> {
  if (!engineAddress().startsWith('unix://')) {
    throw new Error(
      `the engine at ${engineAddress()} (Docker ${engine.version}, containerd image store) cannot read a build context sent through its API ` +
        `(moby/moby#47717, fixed in Docker 27.5), and it is not on this machine to fetch it from loopback: upgrade it to 27.5 or newer, or use the classic image store.`,
    );
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'lab-context-'));
  const file = path.join(dir, 'context.tar');
  await pipeline(tar, createWriteStream(file));
  const { size } = await stat(file);
  const token = randomBytes(16).toString('hex');
  const server = createServer((request, response) => {
    if (request.url !== `/${token}/context`) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/x-tar', 'content-length': size });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/${token}/context`,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
