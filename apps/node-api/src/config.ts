// Configuration comes from the environment only (twelve-factor), is validated once at start-up,
// and every problem is reported together so a misconfigured container fails fast and clearly.

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** TCP port to listen on (`PORT`, default 3000). */
  port: number;
  /** Address to bind (`HOST`); unset lets Node pick `::` or `0.0.0.0`, whichever the kernel offers. */
  host: string | undefined;
  /** Lowest level written to the log (`LOG_LEVEL`, default info). */
  logLevel: LogLevel;
  /** How long in-flight requests may take to finish after SIGTERM (`SHUTDOWN_TIMEOUT_MS`, default 1500). */
  shutdownTimeoutMs: number;
  /** Largest accepted JSON body in bytes (`BODY_LIMIT_BYTES`, default 16384); larger ones get 413. */
  bodyLimitBytes: number;
  /** Build version (`APP_VERSION`, set from the image's VERSION build arg). */
  version: string;
  /** Source revision (`APP_REVISION`, set from the image's REVISION build arg). */
  revision: string;
  /** A built single-page app to serve beside the API (`STATIC_DIR`; the fullstack image sets it). */
  staticDir: string | undefined;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };

  // Read in field order, so problems are reported in the order the fields are documented.
  const port = int('PORT', 3000, 0, 65_535);
  const rawLevel = (env.LOG_LEVEL?.trim() || 'info').toLowerCase();
  const logLevel = LOG_LEVELS.find((level) => level === rawLevel);
  if (logLevel === undefined) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }

  const config: Config = {
    port,
    host: env.HOST?.trim() || undefined,
    logLevel: logLevel ?? 'info',
    // Below Docker's and Kubernetes' grace periods, and below the 2 s this template promises.
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 1500, 0, 60_000),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 16_384, 1, 10_485_760),
    version: env.APP_VERSION?.trim() || '0.0.0-dev',
    revision: env.APP_REVISION?.trim() || 'unknown',
    staticDir: env.STATIC_DIR?.trim() || undefined,
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
