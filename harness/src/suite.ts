// What the harness checks for one catalogue entry, in one list: the image contract (decided
// on one measurement of the app) and the target and cache claims (each its own measurement).
// The contract tests and `pnpm verify` both walk this list, so they cannot disagree.
import type { AppEntry } from './catalogue/types.ts';
import { checkCache, checkCompose, checkDevelopment, checkTestStage, contractChecks, type ContractCheck, type Verdict } from './contract/checks.ts';
import { measureCompose } from './measure/compose.ts';
import { measureCache, measureDevelopment, measureTestStage } from './measure/targets.ts';

export interface TargetClaim {
  id: string;
  title: string;
  /** Builds and runs what the claim needs, then decides it. */
  verify: () => Promise<Verdict & { details?: unknown }>;
}

/** A claim that measures what it needs, then decides on those facts (kept as details). */
function claim<Facts>(id: string, title: string, measure: () => Promise<Facts>, decide: (facts: Facts) => Verdict): TargetClaim {
  return {
    id,
    title,
    verify: async () => {
      const facts = await measure();
      return { ...decide(facts), details: facts };
    },
  };
}

export function targetClaims(entry: AppEntry): TargetClaim[] {
  const claims: TargetClaim[] = [];
  if (entry.development) {
    claims.push(claim('target-development', '--target development reloads on a source change', () => measureDevelopment(entry), (f) => checkDevelopment(entry, f)));
  }
  if (entry.test) {
    claims.push(claim('target-test', '--target test passes clean, and a failing test fails the build', () => measureTestStage(entry), (f) => checkTestStage(entry, f)));
  }
  if (entry.cache) {
    claims.push(claim('cache', 'after a source-only change, the dependency steps come from cache and the edited steps run again', () => measureCache(entry), (f) => checkCache(entry, f)));
  }
  if (entry.compose) {
    const services = entry.compose.services.map((s) => s.name).join(' and ');
    claims.push(claim('compose', `Compose v2 brings up ${services} from their targets, each ready in time and with its resource limits`, () => measureCompose(entry), (f) => checkCompose(entry, f)));
  }
  return claims;
}

export interface EntrySuite {
  entry: AppEntry;
  contract: ContractCheck[];
  claims: TargetClaim[];
}

export function suiteFor(entry: AppEntry): EntrySuite {
  return { entry, contract: contractChecks(entry), claims: targetClaims(entry) };
}
