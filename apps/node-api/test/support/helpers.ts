// Test helpers: a logger that keeps its lines, and the app on an ephemeral loopback port.

import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, type Logger } from '../../src/logger.ts';

export interface MemoryLogger extends Logger {
  lines: Record<string, unknown>[];
}

export function memoryLogger(level: Logger['level'] = 'debug'): MemoryLogger {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level, write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return Object.assign(logger, { lines });
}

export interface Listening extends AsyncDisposable {
  url: string;
}

/** Serves `app` on 127.0.0.1 with a port the kernel picks; `await using` closes it. */
export async function listen(app: RequestListener): Promise<Listening> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    [Symbol.asyncDispose]: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
