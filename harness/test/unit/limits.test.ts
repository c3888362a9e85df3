// The harness's time limits agree with each other: a build (or a test's builds, one after
// another) is cancelled before the test that runs it times out, so no build outlives its test.
import { describe, expect, it } from 'vitest';
import { buildLimitMs, buildsPerTest, contractHookTimeoutMs, contractTestTimeoutMs, forgeBuildLimitMs } from '../../src/limits.ts';
import { mountIdOf } from '../../src/engine/cache-mounts.ts';
import config from '../../vitest.config.ts';

describe('time limits', () => {
  it('let a test run its builds at their limit (the cache claim: a cold build and three rebuilds) and still end before its timeout; the forge hook, a chain of three', () => {
    expect(buildsPerTest).toBe(4);
    expect(buildsPerTest * buildLimitMs).toBeLessThan(contractTestTimeoutMs);
    expect(3 * forgeBuildLimitMs).toBeLessThan(contractHookTimeoutMs);
    expect(contractTestTimeoutMs).toBeLessThanOrEqual(contractHookTimeoutMs);
  });

  it('are the ones the contract tests run with', () => {
    const contract = (config.test?.projects as { test: { name: string; testTimeout?: number; hookTimeout?: number } }[]).find((p) => p.test.name === 'contract');
    expect(contract?.test.testTimeout).toBe(contractTestTimeoutMs);
    expect(contract?.test.hookTimeout).toBe(contractHookTimeoutMs);
  });
});

describe('cache-mount records', () => {
  it('are matched to the id the Dockerfile names, as BuildKit describes them', () => {
    expect(mountIdOf('cached mount /go/pkg/mod from exec /bin/sh -c go mod download with id "/go-mod"')).toBe('go-mod');
    expect(mountIdOf('cached mount /c from exec /busybox sh -c echo "with id" with id "/node-api-npm"')).toBe('node-api-npm');
    expect(mountIdOf('local source for context')).toBeNull();
  });
});
