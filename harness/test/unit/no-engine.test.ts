// With no engine, the commands say so in one line and how to start one, and exit non-zero.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fromRepo } from '../../src/paths.ts';
import { spawnedCommandLimitMs, spawningTestTimeoutMs } from '../../src/limits.ts';

// No test report from the runs spawned here: they would overwrite this run's own.
const { LAB_TEST_RESULTS: _report, ...inherited } = process.env;
const noEngine = { ...inherited, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

describe('without an engine', { timeout: spawningTestTimeoutMs }, () => {
  it('pnpm verify prints one line saying how to start one', () => {
    const run = spawnSync(process.execPath, [fromRepo('harness/src/cli/verify.ts')], { env: noEngine, encoding: 'utf8', timeout: spawnedCommandLimitMs });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^No Docker engine answers at unix:\/\/\/nonexistent\/docker.sock: start one with 'sudo scripts\/engine'/);
  });

  it('the contract tests stop with the same one line', () => {
    const run = spawnSync(process.execPath, [fromRepo('node_modules/vitest/vitest.mjs'), 'run', '--project', 'contract'], {
      cwd: fromRepo('harness'),
      env: noEngine,
      encoding: 'utf8',
      timeout: spawnedCommandLimitMs,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^No Docker engine answers at unix:\/\/\/nonexistent\/docker.sock: start one with 'sudo scripts\/engine'/m);
    expect(run.stderr).not.toMatch(/\bat \w+ \(|❯/); // no stack trace
  });

  it('scripts/engine check says the same in one line', () => {
    const run = spawnSync('bash', [fromRepo('scripts/engine'), 'check'], { env: noEngine, encoding: 'utf8', timeout: spawnedCommandLimitMs });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/no Docker engine answers at unix:\/\/\/nonexistent\/docker.sock/);
  });
});
