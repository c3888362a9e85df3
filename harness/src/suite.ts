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

export function targetClaims(entry: AppEntry): TargetClaim[] {
  const claims: TargetClaim[] = [];
  if (entry.development) {
    claims.push({
      id: 'target-development',
      title: '--target development reloads on a source change',
      verify: async () => {
        const facts = await measureDevelopment(entry);
        return { ...checkDevelopment(entry, facts), details: facts };
      },
    });
  }
  if (entry.test) {
    claims.push({
      id: 'target-test',
      title: '--target test passes clean, and a failing test fails the build',
      verify: async () => {
        const facts = await measureTestStage(entry);
        return { ...checkTestStage(entry, facts), details: facts };
      },
    });
  }
  if (entry.cache) {
    claims.push({
      id: 'cache',
      title: 'after a source-only change, the dependency step comes from cache',
      verify: async () => {
        const facts = await measureCache(entry);
        return { ...checkCache(entry, facts), details: facts };
      },
    });
  }
  if (entry.compose) {
    claims.push({
      id: 'compose',
      title: `Compose brings up ${entry.compose.services.map((s) => s.name).join(' and ')} from their targets`,
      verify: async () => {
        const services = await measureCompose(entry);
        return { ...checkCompose(entry, services), details: services };
      },
    });
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
