// Entry point: config, logger, app, server, and signal handling.
//
// Node running as PID 1 in a container gets no default action for SIGTERM and SIGINT: without
// handlers, `docker stop` waits its whole grace period and then SIGKILLs the process
// (nodejs/docker-node docs/BestPractices.md, "Handling Kernel Signals"). So they are handled here.

import { createApp, type AppState } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServer, type RunningServer } from './server.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  const problems = err instanceof ConfigError ? err.problems : [String(err)];
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'invalid configuration', problems })}\n`);
  process.exit(1);
}

const logger = createLogger({ level: config.logLevel, bindings: { service: 'node-api', version: config.version } });
const state: AppState = { ready: false, draining: false };
const app = createApp({ config, logger, state });

// Log crashes as JSON too; the default handler still prints the trace and exits non-zero.
process.on('uncaughtExceptionMonitor', (err, origin) => logger.error('crash', { origin, err }));

// Handlers go in before listening: a signal that arrives in between would otherwise meet the
// kernel's default action and kill the process without a word.
let running: RunningServer | undefined;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (running === undefined) {
      logger.info('signal before listening, exiting', { signal });
      process.exit(0);
    }
    if (state.draining) {
      // A second signal while draining: the operator wants out now.
      logger.warn('second signal, exiting now', { signal });
      process.exit(1);
    }
    void running.shutdown(signal).then(({ forced }) => process.exit(forced ? 1 : 0));
  });
}

running = await startServer({
  app,
  port: config.port,
  host: config.host,
  logger,
  state,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
}).catch((err: unknown) => {
  logger.error('cannot listen', { err, port: config.port, host: config.host });
  process.exit(1);
});
