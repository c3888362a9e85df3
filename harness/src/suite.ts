// What the harness checks for one catalogue entry, in one list: the image contract (decided
// on one measurement of the app) and the target and cache claims (each its own measurement).
// The contract tests and `pnpm verify` both walk this list, so they cannot disagree, and both
// measure through it, so the second of them replays what the first measured under the same key
// (measure/measured-store.ts, measure/measurement-key.ts) instead of measuring it again.
import type { AppEntry } from './catalogue/types.ts';
import { checkAlternative, checkCache, checkRebuildBudget, checkCompose, checkHealthcheckTiming, checkPoorCacheOrder, checkDevelopment, checkTestStage, contractChecks, type ContractCheck, type Verdict } from './contract/checks.ts';
import type { AppFacts, CacheFacts } from './contract/facts.ts';
import { findImage } from './forge/local-image.ts';
import { countPackages } from './inspect/packages.ts';
import { rebuildRuns } from './limits.ts';
import { measureApp, type MeasureOptions } from './measure/app.ts';
import { measurementKey } from './measure/measurement-key.ts';
import { measureOnce, type Provenance } from './measure/measured-store.ts';
import { checkBuildArgLeak, checkBuildSecret } from './contract/secret-checks.ts';
import { measureAlternative } from './measure/alternatives.ts';
import { measureCompose } from './measure/compose.ts';

import { measureBuildArgLeak, measureBuildSecret } from './measure/secrets.ts';
import { measureCache, measureDevelopment, measureHealthcheckTiming, measurePoorCacheOrder, measureTestStage } from './measure/targets.ts';
import { measureBuildArg } from './measure/build-arg.ts';
import { checkBuildArg } from './contract/served.ts';
import { tipOutcome } from './report/tip-verdict.ts';

export interface TargetClaim {
  id: string;
  title: string;
  /** Builds and runs what the claim needs (or replays it), then decides it. */
  verify: () => Promise<Verdict & { details?: unknown; replayed?: Provenance }>;
}

/** What the app's measurements are kept under: its key, made once, when first needed (after its base images are present). */
export type KeyOf = () => Promise<string | undefined>;

/** Where a suite's measurements are kept: under which key (made once, and again once measured), in which folder. */
export interface Keeping {
  keyOf: KeyOf;
  keyNow: KeyOf;
  dir?: string;
}

/** No key: measured every time and never kept (the fixtures that break a claim on purpose). */
const notKept: Keeping = { keyOf: async () => undefined, keyNow: async () => undefined };

export function targetClaims(entry: AppEntry, { keyOf, keyNow, dir }: Keeping = notKept): TargetClaim[] {
  /** A claim that measures what it needs (or replays what was kept), then decides on those facts (kept as details). */
  const claim = <Facts>(id: string, title: string, measure: () => Promise<Facts>, decide: (facts: Facts) => Verdict): TargetClaim => ({
    id,
    title,
    verify: async () => {
      const { facts, replayed } = await measureOnce({ app: entry.name, key: await keyOf(), what: id }, measure, { keep: (f) => decide(f).ok, keyNow, ...(dir ? { dir } : {}) });
      return { ...decide(facts), details: facts, ...(replayed ? { replayed } : {}) };
    },
  });
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
  /** Builds both images and measures them, or replays what was kept under the same key. */
  measure: (options?: MeasureOptions) => Promise<{ facts: AppFacts; replayed?: Provenance }>;
  contract: ContractCheck[];
  claims: TargetClaim[];
}

/** The key, made afresh (to check, once measured, that nothing it holds changed meanwhile). */
const freshKeyOf = (entry: AppEntry): KeyOf => () => measurementKey(entry);

function onceKeyOf(entry: AppEntry): KeyOf {
  let key: Promise<string | undefined> | undefined;
  return () => (key ??= measurementKey(entry));
}

/** The images' measurements and their package counts (the report's), so that a replay has both. */
async function measureWithPackages(entry: AppEntry, options: MeasureOptions): Promise<AppFacts> {
  const facts = await measureApp(entry, options);
  options.onPhase?.('counting packages');
  return { ...facts, packages: { single: await countPackages(facts.single.facts), multi: await countPackages(facts.multi.facts) } };
}

/** What a suite measures with and keeps its measurements in: this machine's, unless a test says otherwise. */
export interface SuiteMachine {
  keyOf?: KeyOf;
  /** The key made again after measuring (default: afresh when keyOf is this machine's, else keyOf). */
  keyNow?: KeyOf;
  measure?: (entry: AppEntry, options: MeasureOptions) => Promise<AppFacts>;
  /** Whether an image (by id) is still on the engine. */
  imagePresent?: (id: string) => Promise<boolean>;
  /** The store's folder (measure/measured-store.ts). */
  storeDir?: string;
}

export function suiteFor(entry: AppEntry, machine: SuiteMachine = {}): EntrySuite {
  const { keyOf = onceKeyOf(entry), keyNow = machine.keyOf ?? freshKeyOf(entry), measure = measureWithPackages, imagePresent = async (id: string) => (await findImage(id)) !== null, storeDir } = machine;
  const contract = contractChecks(entry);
  // Kept when the whole contract passed and every tip was decided (what the contract tests hold
  // it to); replayed only while both images are still on the engine: the facts describe them,
  // and after `pnpm clean` a run starts afresh.
  const keep = (facts: AppFacts) => contract.every((check) => check.evaluate(facts).ok) && (facts.tips ?? []).every((tip) => tipOutcome(tip).verdict !== 'not decided');
  const usable = async (facts: AppFacts) => (await imagePresent(facts.single.facts.id)) && (await imagePresent(facts.multi.facts.id));
  return {
    entry,
    measure: async (options = {}) => measureOnce({ app: entry.name, key: await keyOf(), what: 'images' }, () => measure(entry, options), { keep, usable, keyNow, ...(storeDir ? { dir: storeDir } : {}) }),
    contract,
    claims: targetClaims(entry, { keyOf, keyNow, ...(storeDir ? { dir: storeDir } : {}) }),
  };
}
