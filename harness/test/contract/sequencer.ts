// The order the contract files start in (vitest.config.ts): apps.test.ts first. It is the longest
// file by far (every app built and measured: 7 to 15 minutes on 2 cores) and one of the smallest,
// and vitest otherwise starts the longest files it has timings for, or on a fresh clone the
// largest. Two files run at a time: the others take turns beside it, and it is not left to run
// alone at the end.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that start before all others, in this order. */
const first = ['apps.test.ts'];

/** Where a file starts: its place in `first`, or after all of them. */
export function startRank(file: string): number {
  const i = first.findIndex((name) => file.endsWith(`/${name}`));
  return i === -1 ? first.length : i;
}

export default class ContractSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Array.prototype.sort is stable: the base order (longest known, else largest) stays among the rest.
    return (await super.sort(files)).sort((a, b) => startRank(a.moduleId) - startRank(b.moduleId));
  }
}
