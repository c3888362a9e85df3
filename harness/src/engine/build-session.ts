// A BuildKit session with the engine, as `docker buildx build` opens one: POST /session, upgraded
// to HTTP/2 without TLS (h2c), over which the engine calls us (we are the gRPC server). It serves
// the health check the engine polls and the file sync it reads the build context and the
// Dockerfile through, each from its own folder: so the context holds exactly what the folder
// and its .dockerignore say, and the Dockerfile is never part of it (as with the CLI).
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { ContextSource } from './context-tree.ts';
import { docker } from './docker.ts';
import { decodePacket, encodePacket, sendContext, type PacketMessage } from './file-sync.ts';

const DIFF_COPY = '/moby.filesync.v1.FileSync/DiffCopy';
const HEALTH_CHECK = '/grpc.health.v1.Health/Check';

export interface BuildSession {
  id: string;
  /** What went wrong serving the engine's file syncs (it reports them as its own error too). */
  failures: Error[];
  close(): Promise<void>;
}

/** The engine's connection settings, as dockerode's modem resolved them from DOCKER_HOST. */
interface ModemSettings {
  socketPath?: string;
  host?: string;
  port?: number | string;
  protocol?: string;
  version?: string;
  ca?: string;
  cert?: string;
  key?: string;
}

/** Opens a session whose file sync serves these folders by name ("context", "dockerfile"). */
export async function openBuildSession(dirs: Record<string, ContextSource>): Promise<BuildSession> {
  const id = randomBytes(16).toString('hex');
  // The engine keeps what a session sent under its shared key: a later build of the same folders
  // transfers only what changed (the CLI keys it on the context folder the same way).
  const sharedKey = createHash('sha256').update(Object.entries(dirs).map(([name, d]) => `${name}=${d.dir}`).join('\n')).digest('hex').slice(0, 32);
  const server = http2.createServer();
  const failures: Error[] = [];
  server.on('stream', (stream, headers, _flags, rawHeaders) => {
    const method = headers[':path'];
    if (method === HEALTH_CHECK) return void answerHealthCheck(stream);
    if (method !== DIFF_COPY) return void finish(stream, 12, `${String(method)} is not served`);
    const metadata = collectMetadata(rawHeaders as unknown as string[]);
    const name = metadata['dir-name']?.[0] ?? '';
    const source = dirs[name];
    if (!source) return void finish(stream, 5, `no access allowed to dir "${name}"`);
    serveDiffCopy(stream, source, metadata).catch((error: Error) => {
      failures.push(error);
      finish(stream, 2, error.message);
    });
  });

  const socket = await upgrade(docker().modem as unknown as ModemSettings, {
    'X-Docker-Expose-Session-Uuid': id,
    'X-Docker-Expose-Session-Name': 'multi-stage-lab',
    'X-Docker-Expose-Session-Sharedkey': sharedKey,
    'X-Docker-Expose-Session-Grpc-Method': [DIFF_COPY, HEALTH_CHECK],
  });
  server.emit('connection', socket);
  return {
    id,
    failures,
    close: async () => {
      socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** POST /session with `Upgrade: h2c`; resolves with the raw connection once the engine switches. */
function upgrade(modem: ModemSettings, headers: Record<string, string | string[]>): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const path = `${modem.version ? `/${modem.version}` : ''}/session`;
    const common = { method: 'POST', path, headers: { ...headers, Connection: 'Upgrade', Upgrade: 'h2c' } };
    const request = modem.socketPath
      ? http.request({ ...common, socketPath: modem.socketPath })
      : modem.protocol === 'https'
        ? https.request({ ...common, host: modem.host, port: modem.port, ca: modem.ca, cert: modem.cert, key: modem.key })
        : http.request({ ...common, host: modem.host, port: modem.port });
    request.on('upgrade', (_response, socket, head) => {
      if (head.length) socket.unshift(head);
      resolve(socket);
    });
    request.on('response', (response) => reject(new Error(`the engine refused a build session: HTTP ${response.statusCode}`)));
    request.on('error', reject);
    request.end();
  });
}

/** gRPC metadata: every header that is not a pseudo-header, each value kept (a pattern list repeats its key). */
function collectMetadata(rawHeaders: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const key = (rawHeaders[i] as string).toLowerCase();
    if (key.startsWith(':')) continue;
    (out[key] ??= []).push(rawHeaders[i + 1] as string);
  }
  // Values with non-ASCII characters arrive query-escaped, flagged by a `<key>-encoded` entry.
  for (const key of Object.keys(out)) {
    if (out[`${key}-encoded`]?.[0] === '1') out[key] = (out[key] ?? []).map((v) => decodeURIComponent(v.replace(/\+/g, ' ')));
  }
  return out;
}

function respond(stream: http2.ServerHttp2Stream): void {
  if (!stream.headersSent) stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
}

/** Ends a call with a gRPC status (0 OK, 2 unknown, 5 not found, 12 unimplemented). */
function finish(stream: http2.ServerHttp2Stream, status: number, message = ''): void {
  if (stream.destroyed || stream.closed) return;
  respond(stream);
  stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(status), ...(message ? { 'grpc-message': encodeURIComponent(message) } : {}) }));
  stream.end();
}

/** A gRPC message on the wire: not compressed, its length, the message. */
function frame(message: Uint8Array): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

/** Splits a call's incoming bytes into gRPC messages. */
function messages(stream: http2.ServerHttp2Stream): () => Promise<Uint8Array | null> {
  let buffer = Buffer.alloc(0);
  const ready: Uint8Array[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  stream.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 5 && buffer.length >= 5 + buffer.readUInt32BE(1)) {
      const length = buffer.readUInt32BE(1);
      ready.push(buffer.subarray(5, 5 + length));
      buffer = buffer.subarray(5 + length);
    }
    wake?.();
  });
  const done = () => {
    ended = true;
    wake?.();
  };
  stream.on('end', done);
  stream.on('close', done);
  return async () => {
    while (ready.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    return ready.shift() ?? null;
  };
}

/** Resolves once the stream takes more (or has closed), leaving no listener behind. */
function drained(stream: http2.ServerHttp2Stream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

function answerHealthCheck(stream: http2.ServerHttp2Stream): void {
  stream.resume();
  respond(stream);
  stream.write(frame(Uint8Array.of(0x08, 0x01))); // HealthCheckResponse { status: SERVING }
  finish(stream, 0);
}

async function serveDiffCopy(stream: http2.ServerHttp2Stream, source: ContextSource, metadata: Record<string, string[]>): Promise<void> {
  const next = messages(stream);
  respond(stream);
  await sendContext(
    {
      send: async (packet: PacketMessage) => {
        if (stream.destroyed) throw new Error('the engine closed the file sync');
        if (!stream.write(frame(encodePacket(packet)))) await drained(stream);
      },
      receive: async () => {
        const message = await next();
        return message ? decodePacket(message) : null;
      },
    },
    source,
    {
      ...(metadata['include-patterns'] ? { includePatterns: metadata['include-patterns'] } : {}),
      ...(metadata['exclude-patterns'] ? { excludePatterns: metadata['exclude-patterns'] } : {}),
      ...(metadata['followpaths'] ? { followPaths: metadata['followpaths'] } : {}),
    },
  );
  finish(stream, 0);
}
