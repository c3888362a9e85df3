// What the harness checks for one catalogue entry, in one list: the image contract (decided
// on one measurement of the app) and the target and cache claims (each its own measurement).
// The contract tests and `pnpm verify` both walk this list, so they cannot disagree.
import type { AppEntry } from './catalogue/types.ts';
import { checkAlternative, checkCache, checkRebuildBudget, checkCompose, checkHealthcheckTiming, checkPoorCacheOrder, checkDevelopment, checkTestStage, contractChecks, type ContractCheck } from './contract/checks.ts';
import type { Verdict } from './verdict.ts';
import type { CacheFacts } from './contract/facts.ts';
import { rebuildRuns } from './limits.ts';
import { checkBuildArgLeak, checkBuildSecret } from './contract/secret-checks.ts';
import { measureAlternative } from './measure/alternatives.ts';
import { measureCompose } from './measure/compose.ts';

import { measureBuildArgLeak, measureBuildSecret } from './measure/secrets.ts';
import { measureCache, measureDevelopment, measureHealthcheckTiming, measurePoorCacheOrder, measureTestStage } from './measure/targets.ts';
import { measureBuildArg } from './measure/build-arg.ts';
import { checkBuildArg } from './contract/served.ts';
import { tutorialSizesOf } from './tutorial/figures.ts';

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
    // One measurement (a cold build, then the timed one-line rebuilds) for both claims.
    let cache: Promise<CacheFacts> | undefined;
    const measured = () => (cache ??= measureCache(entry));
    claims.push(claim('cache', 'after a source-only change, the dependency steps come from cache and the edited steps run again', measured, (f) => checkCache(entry, f)));
    claims.push(claim('rebuild-budget', `a one-line rebuild takes at most ${(entry.cache.maxRebuildRatio.limit * 100).toFixed(0)}% of a cold build (median of ${rebuildRuns})`, measured, (f) => checkRebuildBudget(entry, f)));
  }
  if (entry.cache && entry.poorCacheOrder) {
    claims.push(
      claim('cache-poor-order', "counter-example: with the sources copied before the install (the tutorial's poor ordering), a source change runs the install again", () => measurePoorCacheOrder(entry), (f) => checkPoorCacheOrder(entry, f)),
    );
  }
  const timing = entry.tutorialHealthcheck;
  if (timing && entry.service) {
    claims.push(
      claim(
        'healthcheck-tutorial-timing',
        `the tutorial's HEALTHCHECK timings (--interval=${timing.intervalMs / 1000}s --start-period=${timing.startPeriodMs / 1000}s, no --start-interval) on the production image: healthy, and when`,
        () => measureHealthcheckTiming(entry),
        (f) => checkHealthcheckTiming(entry, f),
      ),
    );
  }
  if (entry.compose) {
    const services = entry.compose.services.map((s) => s.name).join(' and ');
    claims.push(claim('compose', `Compose v2 brings up ${services} from their targets, each ready in time and with its resource limits`, () => measureCompose(entry), (f) => checkCompose(entry, f)));
  }
  for (const alternative of entry.service ? (entry.alternatives ?? []) : []) {
    claims.push(
      claim(`alternative-${alternative.name}`, `alternative build ${alternative.title}: within its size budget and healthy in time`, () => measureAlternative(entry, alternative), (f) => checkAlternative(alternative, f)),
    );
  }
  if (entry.buildSecret) {
    const { id, asBuildArg } = entry.buildSecret;
    claims.push(claim('build-secret', `a build secret (${id}) is read, and is in no layer, config or history of the images, nor in the build output`, () => measureBuildSecret(entry), (f) => checkBuildSecret(entry, f)));
    claims.push(claim('build-arg-leak', `finding: the same token as a build arg (ARG ${asBuildArg.arg}) shows in the image's history`, () => measureBuildArgLeak(entry), (f) => checkBuildArgLeak(entry, f)));
  }
  const buildArg = entry.buildArg;
  if (buildArg) {
    claims.push(claim('build-arg', `built with two ${buildArg.arg} values, each bundle calls its own, and the value is in the built assets only`, () => measureBuildArg(entry), (f) => checkBuildArg(buildArg, f)));
  }
  return claims;
}

export interface EntrySuite {
  entry: AppEntry;
  contract: ContractCheck[];
  claims: TargetClaim[];
}

export function suiteFor(entry: AppEntry): EntrySuite {
  return { entry, contract: contractChecks(entry, tutorialSizesOf(entry.name)?.reductionPercent), claims: targetClaims(entry) };
}
