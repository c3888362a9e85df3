// test-off-production-path: `docker build` (the production target) runs none of the test stage's
// steps. BuildKit builds only the stages a target needs, so a test stage that production does not
// read from runs on `--target test` alone: the tests are their own build (a CI step), and a
// production build neither waits on them nor is stopped by a failing one. Reads the production
// build's steps (measureProductionPath, measure/targets.ts); the entry's `test` turns it on.
import type { AppEntry } from '../catalogue/types.ts';
import type { ProductionPathFacts } from '../contract/app-facts.ts';
import { measureProductionPath } from '../measure/targets.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

/** The steps of a build that belong to a stage: BuildKit prefixes each with "[stage n/m]". */
export function stepsOfStage(steps: string[], stage: string): string[] {
  const prefix = `[${stage.toLowerCase()} `;
  return steps.filter((s) => s.toLowerCase().startsWith(prefix));
}

export function checkTestOffProductionPath(entry: AppEntry, facts: ProductionPathFacts): Verdict {
  const stage = facts.testStage;
  const ran = stepsOfStage(facts.steps, stage);
  const expected = `\`docker build\` (target ${entry.productionTarget}) runs no step of the ${stage} stage: the tests run on \`--target ${stage}\` alone`;
  if (facts.error) return verdict(false, expected, `the production build failed: ${facts.error.split('\n')[0]}`, facts.error);
  if (!facts.dockerfileHasStage)
    return verdict(
      false,
      expected,
      `${entry.dockerfiles.multi} has no stage named ${stage}`,
      "the entry's test target names no stage of its multi-stage Dockerfile",
    );
  return verdict(
    ran.length === 0,
    expected,
    ran.length === 0
      ? `${facts.steps.length} steps, none of the ${stage} stage`
      : `${ran.length} of ${facts.steps.length} steps are the ${stage} stage's: ${ran.join('; ')}`,
    ran.length
      ? `the production stage reads from the ${stage} stage (COPY --from or FROM), so every production build runs the tests: keep them on their own target, a CI step`
      : undefined,
  );
}

export const testOffProductionPath: ClaimModule = {
  kind: 'claim',
  id: 'test-off-production-path',
  fixtures: ['test-on-production-path'],
  claims: (entry, { claim }) =>
    entry.test
      ? [
          claim(
            'test-off-production-path',
            '`docker build` skips the test stage (BuildKit builds only what the target needs)',
            () => measureProductionPath(entry),
            (f) => checkTestOffProductionPath(entry, f),
          ),
        ]
      : [],
};
