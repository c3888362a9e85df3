import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('has defaults that serve on port 3000', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: undefined,
      logLevel: 'info',
      shutdownTimeoutMs: 1500,
      bodyLimitBytes: 16_384,
      version: '0.0.0-dev',
      revision: 'unknown',
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'DEBUG',
      SHUTDOWN_TIMEOUT_MS: '500',
      BODY_LIMIT_BYTES: '1024',
      APP_VERSION: '1.2.3',
      APP_REVISION: 'abc1234',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
      shutdownTimeoutMs: 500,
      bodyLimitBytes: 1024,
      version: '1.2.3',
      revision: 'abc1234',
    });
  });

  it('reports every invalid setting at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', LOG_LEVEL: 'loud', BODY_LIMIT_BYTES: '1.5' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT must be an integer from 0 to 65535, got "70000"',
      'LOG_LEVEL must be one of debug, info, warn, error, silent, got "loud"',
      'BODY_LIMIT_BYTES must be an integer from 1 to 10485760, got "1.5"',
    ]);
  });

  it('rejects a port that is not a plain number', () => {
    expect(() => loadConfig({ PORT: '0x50' })).toThrow(/PORT must be an integer/);
  });
});
