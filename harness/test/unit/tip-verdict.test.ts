// A tip's trial decides only by the verdict line it prints with the matching exit status: a
// setup or control step that fails (under `set -e`, with whatever status it had) is "not
// decided", with why, never "does not hold". Shown on the shell itself too.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { npmTips } from '../../src/catalogue/npm-tips.ts';
import pythonApi from '../../src/catalogue/apps/python-api.ts';
import { spawningTestTimeoutMs } from '../../src/limits.ts';
import { tipOutcome } from '../../src/catalogue/tip-verdict.ts';

/** Runs a script as the trial runs it (`sh -c`), with the exit status a trial records. */
function trial(script: string): { exitCode: number; output: string } {
  try {
    return { exitCode: 0, output: execFileSync('sh', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { exitCode: e.status, output: e.stdout };
  }
}

describe('tipOutcome', () => {
  it('holds and does not hold only on the verdict line with its exit status', () => {
    expect(tipOutcome({ exitCode: 0, output: 'the cache folder is gone\nverdict: holds\n' })).toEqual({ verdict: 'holds' });
    expect(tipOutcome({ exitCode: 1, output: 'npm cache still there: 12 kB\nverdict: does not hold\n' })).toEqual({ verdict: 'does not hold' });
    expect(tipOutcome({ exitCode: 0, output: 'verdict: does not hold\n' })).toEqual({
      verdict: 'not decided',
      why: 'it printed "verdict: does not hold" but exited 0',
    });
    expect(tipOutcome({ exitCode: -1, output: 'no such image: node:24-slim' })).toEqual({
      verdict: 'not decided',
      why: 'the trial could not run: no such image: node:24-slim',
    });
  });

  it('leaves a trial whose setup failed under set -e (exit 1, like a tip that fails) not decided, with why', { timeout: spawningTestTimeoutMs }, () => {
    const setupFails = trial(['set -e', 'echo "setting up"', 'false', 'echo "verdict: does not hold"; exit 1'].join('\n'));
    expect(setupFails).toEqual({ exitCode: 1, output: 'setting up\n' });
    expect(tipOutcome(setupFails)).toEqual({
      verdict: 'not decided',
      why: 'a setup or control step failed before the trial printed a verdict (exit 1): setting up',
    });
    const tipFails = trial(['set -e', 'echo "setting up"', 'echo "the cache is still there"; echo "verdict: does not hold"; exit 1'].join('\n'));
    expect(tipOutcome(tipFails)).toEqual({ verdict: 'does not hold' });
  });

  it("the catalogue's trials end in a verdict line: each prints one, and exits with its status", () => {
    for (const tip of [...npmTips, ...(pythonApi.tips ?? [])]) {
      expect(tip.script, tip.tip).toMatch(/echo "verdict: holds"/);
      expect(tip.script, tip.tip).toMatch(/echo "verdict: does not hold"(; exit 1|\nexit 1)/);
    }
  });
});
