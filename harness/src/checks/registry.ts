// The one list of checks: every contract check and target claim, in report order. The contract
// tests, `pnpm verify`, the failing-fixture test and the fixture coverage test all walk it, so
// adding a check is its module (with its option, its decision and its fixture's name) and one
// line here.
import type { AppEntry } from '../catalogue/types.ts';
import type { AppFacts } from '../contract/app-facts.ts';
import type { CheckResult } from '../verdict.ts';
import { allowList } from './allow-list/index.ts';
import { alternative } from './alternative.ts';
import { browser } from './browser.ts';
import { buildArg } from './build-arg.ts';
import { buildArgLeak } from './build-arg-leak.ts';
import { buildSecret } from './build-secret.ts';
import { cache } from './cache.ts';
import { cachePoorOrder } from './cache-poor-order.ts';
import type { CheckModule, ClaimContext, ClaimModule, ContractCheck, ContractContext, ContractModule, TargetClaim } from './check.ts';
import { compose } from './compose.ts';
import { execForm } from './exec-form.ts';
import { exposes } from './exposes.ts';
import { hardening } from './hardening.ts';
import { healthGoal } from './health-goal.ts';
import { healthcheckConfig } from './healthcheck-config.ts';
import { healthcheckTutorialTiming } from './healthcheck-tutorial-timing.ts';
import { healthy } from './healthy.ts';
import { http } from './http.ts';
import { labels } from './labels.ts';
import { plainServerStop } from './plain-server-stop.ts';
import { noWritesAtRunTime } from './no-writes-at-run-time.ts';
import { nonRoot } from './non-root.ts';
import { nothingOfTheBuild } from './nothing-of-the-build.ts';
import { rebuildBudget } from './rebuild-budget.ts';
import { reduction } from './reduction.ts';
import { runs } from './runs.ts';
import { signals } from './signals.ts';
import { size } from './size.ts';
import { stageByNumber } from './stage-by-number.ts';
import { targetDevelopment } from './target-development.ts';
import { targetTest } from './target-test.ts';
import { testOffProductionPath } from './test-off-production-path.ts';
import { tls } from './tls.ts';
import { trust } from './trust.ts';
import { versionEndpoint } from './version-endpoint.ts';

/** The image contract, decided on one measurement of the app, in report order. */
export const contractModules: ContractModule[] = [
  size,
  reduction,
  allowList,
  nothingOfTheBuild,
  labels,
  nonRoot,
  trust,
  tls,
  healthcheckConfig,
  healthy,
  healthGoal,
  execForm,
  exposes,
  signals,
  hardening,
  versionEndpoint,
  http,
  browser,
  runs,
  noWritesAtRunTime,
];

/** The target claims, each with its own measurement, in report order. */
export const claimModules: ClaimModule[] = [
  targetDevelopment,
  targetTest,
  testOffProductionPath,
  stageByNumber,
  cache,
  rebuildBudget,
  cachePoorOrder,
  healthcheckTutorialTiming,
  plainServerStop,
  compose,
  alternative,
  buildSecret,
  buildArgLeak,
  buildArg,
];

export const checkModules: CheckModule[] = [...contractModules, ...claimModules];

/**
 * The checks that apply to an entry's production image, in report order. The context is asked
 * for, not defaulted: without the tutorial's percentage an app's reduction check would silently
 * fall away (suite.ts passes it; a caller that has none says so with `{}`).
 */
export function contractChecks(entry: AppEntry, context: ContractContext): ContractCheck[] {
  return contractModules.flatMap((m) => m.checks(entry, context));
}

/** Every contract check of the production image, decided on the measured facts. */
export function evaluateContract(entry: AppEntry, facts: AppFacts, context: ContractContext): CheckResult[] {
  return contractChecks(entry, context).map((check) => ({ id: check.id, title: check.title, ...check.evaluate(facts) }));
}

/** A claim that measures what it needs, then decides on those facts (kept as details). */
const measuredClaim: ClaimContext['claim'] = (id, title, measure, decide) => ({
  id,
  title,
  verify: async () => {
    const facts = await measure();
    return { ...decide(facts), details: facts };
  },
});

/**
 * The claims an entry turns on; what two claims both need is measured once for them. `claim`
 * says how a claim measures: at once (the default), or through the suite's store (suite.ts).
 */
export function targetClaims(entry: AppEntry, claim: ClaimContext['claim'] = measuredClaim): TargetClaim[] {
  const measured = new Map<string, Promise<unknown>>();
  const context: ClaimContext = {
    claim,
    once: (key, measure) => {
      if (!measured.has(key)) measured.set(key, measure());
      return measured.get(key) as ReturnType<typeof measure>;
    },
  };
  return claimModules.flatMap((m) => m.claims(entry, context));
}
