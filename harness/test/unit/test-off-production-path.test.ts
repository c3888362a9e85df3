// The test-off-production-path decision over hand-made production build steps.
import { describe, expect, it } from 'vitest';
import nodeApi from '../../src/catalogue/apps/node-api.ts';
import { checkTestOffProductionPath, stepsOfStage } from '../../src/checks/test-off-production-path.ts';
import type { ProductionPathFacts } from '../../src/contract/facts.ts';

const facts = (steps: string[], more: Partial<ProductionPathFacts> = {}): ProductionPathFacts => ({ testStage: 'test', dockerfileHasStage: true, steps, ...more });
const production = ['[toolchain 1/3] FROM docker.io/library/node:24-slim', '[build 2/3] RUN node --run build', '[production 3/4] COPY --link --from=build /app/dist ./dist'];

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
    expect(checkTestOffProductionPath(nodeApi, facts(production, { dockerfileHasStage: false })).found).toBe('dockerfiles/node-api/multi.Dockerfile has no stage named test');
    const failed = checkTestOffProductionPath(nodeApi, facts([], { error: 'build failed: no space\nmore' }));
    expect(failed.ok).toBe(false);
    expect(failed.found).toBe('the production build failed: build failed: no space');
  });

  it('reads the stage from BuildKit\'s prefix, case-insensitively', () => {
    expect(stepsOfStage(['[TEST 1/1] RUN x', '[test-unit 1/1] RUN y', 'test RUN z'], 'test')).toEqual(['[TEST 1/1] RUN x']);
  });
});
