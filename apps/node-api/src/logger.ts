// Structured logs: one JSON object per line on stdout, which is what `docker logs` and every log
// shipper expect. Small on purpose: a dependency-free stand-in for pino with the same line shape
// (time, level, msg, bindings, fields), so swapping in pino later changes no call site.

import type { LogLevel } from './config.ts';

export type Fields = Record<string, unknown>;

export interface Logger {
  readonly level: LogLevel;
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  isEnabled(level: Exclude<LogLevel, 'silent'>): boolean;
  /** A logger that adds `bindings` to every line (e.g. a request id). */
  child(bindings: Fields): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Receives each finished line, newline included. Default: process.stdout. */
  write?: (line: string) => void;
  bindings?: Fields;
  now?: () => Date;
}

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Errors do not survive JSON.stringify (their fields are not enumerable); keep what helps debugging. */
function serialize(value: unknown): unknown {
  if (value instanceof Error) {
    const out: Fields = { name: value.name, message: value.message, stack: value.stack };
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) out.code = code;
    if (value.cause !== undefined) out.cause = serialize(value.cause);
    return out;
  }
  return value;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => void process.stdout.write(line));
  const now = options.now ?? (() => new Date());
  const bindings = options.bindings ?? {};
  const threshold = SEVERITY[options.level];

  const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, fields?: Fields): void => {
    if (SEVERITY[level] < threshold) return;
    const record: Fields = { time: now().toISOString(), level, msg, ...bindings };
    for (const [key, value] of Object.entries(fields ?? {})) record[key] = serialize(value);
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      // A circular or BigInt field must not take the process down with it.
      line = JSON.stringify({ time: record.time, level, msg, ...bindings, logError: 'unserializable fields' });
    }
    write(`${line}\n`);
  };

  return {
    level: options.level,
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    isEnabled: (level) => SEVERITY[level] >= threshold,
    child: (more) => createLogger({ ...options, write, now, bindings: { ...bindings, ...more } }),
  };
}
