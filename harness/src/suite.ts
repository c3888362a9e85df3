// What the harness checks for one catalogue entry, in one list: the image contract (decided
// on one measurement of the app) and the target and cache claims (each its own measurement),
// both from the registry of checks (checks/registry.ts). The contract tests and `pnpm verify`
// both walk this list, so they cannot disagree.
import type { AppEntry } from './catalogue/types.ts';
import type { ContractCheck, TargetClaim } from './checks/check.ts';
import { contractChecks, targetClaims } from './checks/registry.ts';
import { tutorialSizesOf } from './tutorial/figures.ts';

export type { TargetClaim };
export { targetClaims };

export interface EntrySuite {
  entry: AppEntry;
  contract: ContractCheck[];
  claims: TargetClaim[];
}

export function suiteFor(entry: AppEntry): EntrySuite {
  return { entry, contract: contractChecks(entry, { tutorialReductionPercent: tutorialSizesOf(entry.name)?.reductionPercent }), claims: targetClaims(entry) };
}
