// target-test: `--target test` builds clean, and a failing test written into a copy of the
// context fails the build, named in its error (measureTestStage, measure/targets.ts).
import type { AppEntry } from '../catalogue/types.ts';
import type { TestStageFacts } from '../contract/app-facts.ts';
import { measureTestStage } from '../measure/targets.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

/** `--target test`: a stage that runs the app's tests, so a failing test fails the build. */
export interface TestTarget {
  /** Stage name in multi.Dockerfile. */
  target: string;
  /** A failing test written into a temporary copy of the context. */
  failingTest: { file: string /* context-relative */; contents: string };
  /** Text the build error must contain to name the failing test (e.g. its title). */
  expectInError: string;
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    test?: TestTarget;
  }
}

export function checkTestStage(entry: AppEntry, stage: TestStageFacts): Verdict {
  const spec = entry.test!;
  const named = stage.errorText.includes(spec.expectInError) || (stage.failingStepLog ?? '').includes(spec.expectInError);
  return verdict(
    stage.cleanBuildPassed && stage.buildFailed && named,
    `clean build passes; with ${spec.failingTest.file} the build fails and its error shows "${spec.expectInError}"`,
    `${stage.cleanBuildPassed ? 'clean build passed' : 'clean build FAILED'}; injected failure ${stage.buildFailed ? (named ? 'failed the build, named in its log' : 'failed the build, but its log does not name it') : 'did NOT fail the build'}`,
    stage.cleanBuildError ?? (stage.buildFailed ? stage.errorText : `the ${spec.target} stage does not run the tests, or ignores their exit status`),
  );
}

export const targetTest: ClaimModule = {
  kind: 'claim',
  id: 'target-test',
  fixtures: ['test-ignores-failures'],
  claims: (entry, { claim }) =>
    entry.test
      ? [
          claim(
            'target-test',
            '--target test passes clean, and a failing test fails the build',
            () => measureTestStage(entry),
            (f) => checkTestStage(entry, f),
          ),
        ]
      : [],
};
