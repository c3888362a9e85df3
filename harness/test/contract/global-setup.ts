// Runs once before the contract tests: the engine must answer and be new enough (else one line
// says how to start or upgrade it), what killed runs left behind is removed (their temp folders
// too), and the base images of the catalogued apps are present (pulled, or forged from
// dockerfiles/bases/). Afterwards, everything this run made is removed, whether the tests passed or not.
import type { TestProject } from 'vitest/node';
import { EngineUnusableError, requireEngine } from '../../src/engine/docker.ts';
import { countOwned, removeOwned, runId } from '../../src/engine/ownership.ts';
import { catalogue } from '../../src/catalogue/index.ts';
import { ensureBasesOf } from '../../src/measure/bases.ts';
import { removeDeadTempFolders } from '../../src/temp-folder.ts';

export default async function setup(_project: TestProject): Promise<() => Promise<void>> {
  try {
    await requireEngine();
  } catch (error) {
    // One line saying how to start or upgrade the engine, not a stack trace from inside the test runner.
    if (!(error instanceof EngineUnusableError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  runId(); // fixes LAB_RUN_ID in the environment the test workers inherit
  await removeOwned('stale');
  await removeDeadTempFolders();
  await ensureBasesOf(catalogue(), (line) => process.stderr.write(`${line}\n`));
  return async () => {
    await removeOwned('run');
    const left = await countOwned('run');
    if (left.containers + left.networks + left.images > 0) {
      throw new Error(`the harness left ${left.containers} container(s), ${left.networks} network(s), ${left.images} image(s) behind`);
    }
  };
}
