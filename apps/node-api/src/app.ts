// The HTTP application, built by a factory and never listening by itself: tests mount it on an
// ephemeral port, src/main.ts on the configured one. Everything it needs comes in as options.

import { randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Config } from './config.ts';
import { createMemoryStore, validateNewItem, type ItemStore } from './items.ts';
import type { Logger } from './logger.ts';
import { serveSpa } from './spa.ts';

/** Shared with the server: readiness goes false until listening, and again while draining. */
export interface AppState {
  ready: boolean;
  draining: boolean;
}

export interface AppOptions {
  // The settings it needs; the rest may come too (tests pass only these).
  config: Pick<Config, 'version' | 'revision' | 'bodyLimitBytes'> & Partial<Config>;
  logger: Logger;
  state?: AppState;
  store?: ItemStore;
}

/** Shown by GET /; the development target's reload check edits this line. */
export const GREETING = 'Hello from node-api';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
// Probes run every few seconds; log them only at debug level so they do not drown the rest.
const QUIET_PATHS = new Set(['/health', '/ready']);

interface ErrorBody {
  error: string;
  message: string;
  details?: unknown;
}

function sendError(res: Response, status: number, body: ErrorBody): void {
  res.status(status).json(body);
}

export function createApp(options: AppOptions): Express {
  const { config, logger } = options;
  const state = options.state ?? { ready: true, draining: false };
  const store = options.store ?? createMemoryStore();

  const app = express();
  app.disable('x-powered-by');
  // Behind a proxy, set this to the proxy's address so req.ip is the client's.
  app.set('trust proxy', false);

  // Request id and access log.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming !== undefined && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    res.setHeader('x-content-type-options', 'nosniff');
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const fields = {
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
      };
      if (QUIET_PATHS.has(req.path) && res.statusCode < 400) logger.debug('request', fields);
      else logger.info('request', fields);
    });
    next();
  });

  // With STATIC_DIR (the fullstack image), a single-page app is served too: its files first
  // (so GET / is its index.html, STATIC_DIR), then the API, then index.html for its routes.
  const spa = config.staticDir === undefined ? undefined : serveSpa(config.staticDir);
  if (spa) app.use(spa.files);

  app.use(express.json({ limit: config.bodyLimitBytes }));

  app.get('/', (_req, res) => {
    res.json({ service: 'node-api', message: GREETING, version: config.version });
  });

  // Liveness: the process serves HTTP. Nothing else, so a slow dependency never gets it restarted.
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // Readiness: willing to take traffic (listening and not draining).
  app.get('/ready', (_req, res) => {
    if (state.ready && !state.draining) res.json({ status: 'ready' });
    else res.status(503).json({ status: state.draining ? 'draining' : 'starting' });
  });

  app.get('/version', (_req, res) => {
    res.json({ version: config.version, revision: config.revision, node: process.version });
  });

  app.get('/items', (_req, res) => {
    const items = store.list();
    res.json({ items, count: items.length });
  });

  app.post('/items', (req, res) => {
    // req.is() is null without a body (then validation reports it) and false for another type.
    if (req.is('application/json') === false) {
      sendError(res, 415, { error: 'unsupported_media_type', message: 'Content-Type must be application/json' });
      return;
    }
    const result = validateNewItem(req.body);
    if (!result.ok) {
      sendError(res, 400, { error: 'validation_failed', message: 'The item is invalid', details: result.errors });
      return;
    }
    const item = store.create(result.value);
    res.status(201).location(`/items/${item.id}`).json(item);
  });

  app.get('/items/:id', (req, res) => {
    const item = store.get(req.params.id);
    if (item === undefined) sendError(res, 404, { error: 'not_found', message: 'No item with this id' });
    else res.json(item);
  });

  if (spa) app.use(spa.fallback);

  app.use((req: Request, res: Response) => {
    sendError(res, 404, { error: 'not_found', message: `No route for ${req.method} ${req.path}` });
  });

  // Express recognises an error handler by its four parameters.
  app.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    // Too late for a JSON error: let Express end the half-sent response.
    if (res.headersSent) {
      next(err);
      return;
    }
    const { type, status } = (typeof err === 'object' && err !== null ? err : {}) as { type?: unknown; status?: unknown };
    if (type === 'entity.parse.failed') {
      sendError(res, 400, { error: 'invalid_json', message: 'The request body is not valid JSON' });
    } else if (type === 'entity.too.large') {
      sendError(res, 413, { error: 'payload_too_large', message: `The request body exceeds ${config.bodyLimitBytes} bytes` });
    } else if (typeof status === 'number' && status >= 400 && status < 500) {
      // Other client errors raised by the body parser (bad charset, aborted upload...).
      sendError(res, status, { error: 'bad_request', message: 'The request could not be processed' });
    } else {
      // The details go to the log, never to the client: no stack traces in responses.
      logger.error('unhandled error', { requestId: res.locals.requestId, method: req.method, path: req.path, err });
      sendError(res, 500, { error: 'internal', message: 'Internal server error' });
    }
  });

  return app;
}
