// What a recipe's failed build comes to: a base the engine lacks and cannot pull is "not built
// here" (naming it, never the registry's words); any other failure is the engine's error, quoted.
import { describe, expect, it } from 'vitest';
import { BuildError } from '../../src/engine/build.ts';
import { failedBuildOutcome } from '../../src/recipes/outcome.ts';
import { isNonRoot } from '../../src/recipes/run.ts';
import { describeOutcome } from '../../src/recipes/summary.ts';
import type { BaseImage } from '../../src/recipes/types.ts';

const request = { context: '/c', dockerfile: '/c/Dockerfile', tag: 'lab/recipes-r/x:latest' };
const buildError = (reason: string, step?: string) => new BuildError(request, reason, step, [], 30, []);
const same = (text: string) => text;

describe('a failed recipe build', () => {
  const absent: BaseImage[] = [
    { ref: 'node:18-alpine', origin: 'absent' },
    { ref: 'nginx:alpine', origin: 'absent' },
  ];

  it('is "not built here" when the engine could not get a base this engine lacks, naming the one it stopped at', () => {
    const outcome = failedBuildOutcome(
      buildError('failed to solve: nginx:alpine: failed to resolve source metadata for nginx:alpine: failed to do request: dial tcp: no such host'),
      absent,
      same,
    );
    expect(outcome).toEqual({ kind: 'not-built-here', reason: 'not built here: nginx:alpine needs a registry (and node:18-alpine)' });
    expect(describeOutcome(outcome)).not.toMatch(/dial tcp|no such host/);
  });

  it("is the engine's error, quoted with its step, for any other failure, even with bases missing", () => {
    expect(failedBuildOutcome(buildError('failed to solve: target stage "test" could not be found'), absent, same)).toEqual({
      kind: 'failed',
      error: 'failed to solve: target stage "test" could not be found',
    });
    expect(
      failedBuildOutcome(
        buildError('failed to solve: lstat /x/nginx.conf: no such file or directory', '[stage-1 3/3] COPY nginx.conf /etc/nginx/conf.d/default.conf'),
        [],
        same,
      ),
    ).toEqual({
      kind: 'failed',
      error: 'failed to solve: lstat /x/nginx.conf: no such file or directory (step: [stage-1 3/3] COPY nginx.conf /etc/nginx/conf.d/default.conf)',
    });
  });

  it('is a failure, not "not built here", when every base is here (an unreachable registry inside a RUN is the recipe\'s)', () => {
    expect(
      failedBuildOutcome(buildError('failed to solve: failed to do request: no such host'), [{ ref: 'node:18', origin: 'forged', id: 'sha256:1' }], same).kind,
    ).toBe('failed');
  });
});

describe('non-root', () => {
  it('is any USER but unset, root or uid 0', () => {
    expect(['', 'root', '0', '0:0', 'root:root'].map(isNonRoot)).toEqual([false, false, false, false, false]);
    expect(['nodejs', '1001', '65532:65532'].map(isNonRoot)).toEqual([true, true, true]);
  });
});
