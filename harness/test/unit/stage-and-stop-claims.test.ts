// The decisions of test-off-production-path (over hand-made build steps) and plain-server-stop
// (over hand-made stops), the two claims added for the tutorial's stage order and CMD.
import { describe, expect, it } from 'vitest';
import nodeApi from '../../src/catalogue/apps/node-api.ts';
import { checkTestOffProductionPath, stepsOfStage } from '../../src/checks/test-off-production-path.ts';
import type { PlainServerStopFacts, ProductionPathFacts } from '../../src/contract/app-facts.ts';
import { checkPlainServerStop } from '../../src/checks/plain-server-stop.ts';

const facts = (steps: string[], more: Partial<ProductionPathFacts> = {}): ProductionPathFacts => ({
  testStage: 'test',
  dockerfileHasStage: true,
  steps,
  ...more,
});
const production = [
  '[toolchain 1/3] FROM docker.io/library/node:24-slim',
  '[build 2/3] RUN node --run build',
  '[production 3/4] COPY --link --from=build /app/dist ./dist',
];

describe('test-off-production-path', () => {
  it("holds when no step is the test stage's (a stage whose name starts alike is another stage)", () => {
    const v = checkTestOffProductionPath(nodeApi, facts([...production, '[tests-data 1/1] COPY x y']));
    expect(v.ok).toBe(true);
    expect(v.found).toBe('4 steps, none of the test stage');
  });

  it("fails naming the test stage's steps when the production build ran them", () => {
    const v = checkTestOffProductionPath(nodeApi, facts([...production, '[test 2/2] RUN node --run test:unit']));
    expect(v.ok).toBe(false);
    expect(v.found).toBe("1 of 4 steps are the test stage's: [test 2/2] RUN node --run test:unit");
    expect(v.blame).toContain('every production build runs the tests');
  });

  it('decides nothing in its favour when the Dockerfile has no such stage, or the build failed', () => {
    expect(checkTestOffProductionPath(nodeApi, facts(production, { dockerfileHasStage: false })).found).toBe(
      'dockerfiles/node-api/multi.Dockerfile has no stage named test',
    );
    const failed = checkTestOffProductionPath(nodeApi, facts([], { error: 'build failed: no space\nmore' }));
    expect(failed.ok).toBe(false);
    expect(failed.found).toBe('the production build failed: build failed: no space');
  });

  it("reads the stage from BuildKit's prefix, case-insensitively", () => {
    expect(stepsOfStage(['[TEST 1/1] RUN x', '[test-unit 1/1] RUN y', 'test RUN z'], 'test')).toEqual(['[TEST 1/1] RUN x']);
  });
});

describe('plain-server-stop', () => {
  const stop = (ms: number, killed: boolean) => ({ ms, killed, exitCode: killed ? 137 : 143 });
  const facts = (more: Partial<PlainServerStopFacts>): PlainServerStopFacts => ({ graceSeconds: 5, ...more });

  it('holds when PID 1 is killed after the grace period and --init stops it in time (as measured on node-api)', () => {
    const v = checkPlainServerStop(nodeApi, facts({ withoutInit: stop(5_117, true), withInit: stop(120, false) }));
    expect(v.ok).toBe(true);
    expect(v.found).toBe('without --init: killed (SIGKILL) after 5.12 s; with --init: exited with code 143 after 120 ms');
  });

  it('fails when it ignores SIGTERM under --init too, or is slow, or its command handles SIGTERM itself (nothing shown)', () => {
    expect(checkPlainServerStop(nodeApi, facts({ withoutInit: stop(5_100, true), withInit: stop(5_100, true) })).blame).toBe(
      'it ignores SIGTERM even when an init forwards it: it needs a handler of its own',
    );
    expect(checkPlainServerStop(nodeApi, facts({ withoutInit: stop(5_100, true), withInit: stop(2_500, false) })).blame).toBe(
      'it exited, but slower than 2.00 s',
    );
    const handled = checkPlainServerStop(nodeApi, facts({ withoutInit: stop(90, false), withInit: stop(90, false) }));
    expect(handled.ok).toBe(false);
    expect(handled.blame).toContain('it handles the signal itself');
    expect(checkPlainServerStop(nodeApi, facts({ error: 'no such image\nmore' })).found).toBe('not measured: no such image');
  });
});
