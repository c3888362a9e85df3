// The harness's time limits agree with each other: a build (or a test's builds, one after
// another) is cancelled before the test that runs it times out, so no build outlives its test.
import { describe, expect, it } from 'vitest';
import { buildLimitMs, buildsPerTest, contractHookTimeoutMs, contractTestTimeoutMs, forgeBuildLimitMs } from '../../src/limits.ts';
import { mountIdOf, parseBuildxDu } from '../../src/engine/cache-mounts.ts';
import config from '../../vitest.config.ts';

describe('time limits', () => {
  it('let a test run its builds at their limit (the cache claim: a cold build and three rebuilds) and still end before its timeout; the forge hook, a chain of three', () => {
    expect(buildsPerTest).toBe(4);
    expect(buildsPerTest * buildLimitMs).toBeLessThan(contractTestTimeoutMs);
    expect(3 * forgeBuildLimitMs).toBeLessThan(contractHookTimeoutMs);
    expect(contractTestTimeoutMs).toBeLessThanOrEqual(contractHookTimeoutMs);
  });

  it('are the ones the contract tests run with, those that run two at a time and those that run alone', () => {
    const projects = ((config.test?.projects ?? []) as { test: { name: string; testTimeout?: number; hookTimeout?: number } }[]).filter((p) =>
      ['contract', 'contract-alone'].includes(p.test.name),
    );
    expect(projects).toHaveLength(2);
    for (const project of projects) {
      expect(project.test.testTimeout).toBe(contractTestTimeoutMs);
      expect(project.test.hookTimeout).toBe(contractHookTimeoutMs);
    }
  });
});

describe('cache-mount records', () => {
  it('are matched to the id the Dockerfile names, as BuildKit describes them', () => {
    expect(mountIdOf('cached mount /go/pkg/mod from exec /bin/sh -c go mod download with id "/go-mod"')).toBe('go-mod');
    expect(mountIdOf('cached mount /c from exec /busybox sh -c echo "with id" with id "/node-api-npm"')).toBe('node-api-npm');
    expect(mountIdOf('local source for context')).toBeNull();
  });

  it("are read from `docker buildx du --verbose` on another builder, a RUN's script over lines of its own", () => {
    const du = [
      'ID:\t\tyhhjkx81n48a6l3ub3nsivgc8',
      'Created at:\t2026-12-07 06:16:29.073575555 +0000 UTC',
      'Mutable:\ttrue',
      'In use:\t\ttrue',
      'Size:\t\t331MB',
      'Description:\tcached mount /root/.cache/go-build from exec /bin/sh -c set -eux',
      'go build -o /out \\',
      '  ./cmd/app',
      ' with id "/go-api-gobuild"',
      'Usage count:\t4',
      'Type:\t\texec.cachemount',
      '',
      'ID:\t\tzb8mzca5wnxmpjpzhuvl4ktj5',
      'Description:\tcached mount /go/pkg/mod from exec /bin/sh -c go mod download with id "/go-mod"',
      'Type:\t\texec.cachemount',
      '',
      'Shared:\t\t331MB',
    ].join('\n');
    const records = parseBuildxDu(du);
    expect(records.map((r) => [r.ID, r.Type, r.InUse, mountIdOf(r.Description ?? '')])).toEqual([
      ['yhhjkx81n48a6l3ub3nsivgc8', 'exec.cachemount', true, 'go-api-gobuild'],
      ['zb8mzca5wnxmpjpzhuvl4ktj5', 'exec.cachemount', false, 'go-mod'],
    ]);
  });
});
