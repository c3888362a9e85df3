// Listening and graceful shutdown, kept apart from the app so both can be tested on their own.
//
// Shutdown: readiness goes to 503 and responses carry `Connection: close`; the server stops
// accepting; idle keep-alive sockets are closed at once and busy ones as soon as their response
// is sent; whatever is still running after `shutdownTimeoutMs` is cut off. So SIGTERM ends the
// process within that time, well before Docker's SIGKILL (10 s by default).

import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppState } from './app.ts';
import type { Logger } from './logger.ts';

export interface ServerOptions {
  app: RequestListener;
  port: number;
  host?: string | undefined;
  logger: Logger;
  state: AppState;
  shutdownTimeoutMs: number;
}

export interface RunningServer {
  server: Server;
  address: AddressInfo;
  /** Idempotent: every call returns the same promise, settled when the last socket is gone. */
  shutdown(reason: string): Promise<{ forced: boolean }>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { logger, state } = options;
  const server = createServer(options.app);
  // Slowloris guard: a client gets this long to send its headers.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  // Responses not yet started when draining begins are sent with `Connection: close`, so
  // keep-alive clients reconnect (to another instance) instead of reusing a closing socket.
  const pending = new Set<ServerResponse>();
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (state.draining) {
      res.setHeader('connection', 'close');
      return;
    }
    pending.add(res);
    res.once('close', () => pending.delete(res));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  state.ready = true;

  let closing: Promise<{ forced: boolean }> | undefined;
  const shutdown = (reason: string): Promise<{ forced: boolean }> => {
    closing ??= new Promise((resolve) => {
      const started = Date.now();
      state.draining = true;
      for (const res of pending) if (!res.headersSent) res.setHeader('connection', 'close');
      logger.info('shutting down', { reason, timeoutMs: options.shutdownTimeoutMs });
      let forced = false;
      // Sockets that finish their response become idle: sweep them so they do not hold close() open.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => {
        forced = true;
        logger.warn('shutdown timeout: closing connections still in use', { timeoutMs: options.shutdownTimeoutMs });
        server.closeAllConnections();
      }, options.shutdownTimeoutMs);
      server.close(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
        logger.info('stopped', { reason, forced, durationMs: Date.now() - started });
        resolve({ forced });
      });
      server.closeIdleConnections();
    });
    return closing;
  };

  // startupMs: process start to listening, the app's share of the time to healthy.
  logger.info('listening', { address: address.address, port: address.port, startupMs: Math.round(performance.now()) });
  return { server, address, shutdown };
}
