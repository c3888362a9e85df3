// What the harness checks for one catalogue entry, in one list: the image contract (decided
// on one measurement of the app) and the target and cache claims (each its own measurement),
// both from the registry of checks (checks/registry.ts). The contract tests and `pnpm verify`
// both walk this list, so they cannot disagree, and both measure through it, so the second of
// them replays what the first measured under the same key (measure/measured-store.ts,
// measure/measurement-key.ts) instead of measuring it again.
import type { AppEntry } from './catalogue/types.ts';
import { tipOutcome } from './catalogue/tip-verdict.ts';
import type { ClaimContext, ContractCheck, TargetClaim } from './checks/check.ts';
import { contractChecks, targetClaims as registeredClaims } from './checks/registry.ts';
import type { AppFacts } from './contract/app-facts.ts';
import { findImage } from './forge/local-image.ts';
import { countPackages } from './inspect/packages.ts';
import { measureApp, type MeasureOptions } from './measure/app.ts';
import { measurementKey } from './measure/measurement-key.ts';
import { measureOnce, type Provenance } from './measure/measured-store.ts';
import { tutorialSizesOf } from './tutorial/figures.ts';

export type { TargetClaim };

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

/** The claims an entry turns on, each measuring what it needs or replaying what was kept under the same key. */
export function targetClaims(entry: AppEntry, { keyOf, keyNow, dir }: Keeping = notKept): TargetClaim[] {
  const claim: ClaimContext['claim'] = (id, title, measure, decide) => ({
    id,
    title,
    verify: async () => {
      const { facts, replayed } = await measureOnce({ app: entry.name, key: await keyOf(), what: id }, measure, {
        keep: (f) => decide(f).ok,
        keyNow,
        ...(dir ? { dir } : {}),
      });
      return { ...decide(facts), details: facts, ...(replayed ? { replayed } : {}) };
    },
  });
  return registeredClaims(entry, claim);
}
export interface EntrySuite {
  entry: AppEntry;
  /** Builds both images and measures them, or replays what was kept under the same key. */
  measure: (options?: MeasureOptions) => Promise<{ facts: AppFacts; replayed?: Provenance }>;
  contract: ContractCheck[];
  claims: TargetClaim[];
}

/** The key, made afresh (to check, once measured, that nothing it holds changed meanwhile). */
const freshKeyOf =
  (entry: AppEntry): KeyOf =>
  () =>
    measurementKey(entry);

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
  const {
    keyOf = onceKeyOf(entry),
    keyNow = machine.keyOf ?? freshKeyOf(entry),
    measure = measureWithPackages,
    imagePresent = async (id: string) => (await findImage(id)) !== null,
    storeDir,
  } = machine;
  const contract = contractChecks(entry, { tutorialReductionPercent: tutorialSizesOf(entry.name)?.reductionPercent });
  // Kept when the whole contract passed and every tip was decided (what the contract tests hold
  // it to); replayed only while both images are still on the engine: the facts describe them,
  // and after `pnpm clean` a run starts afresh.
  const keep = (facts: AppFacts) =>
    contract.every((check) => check.evaluate(facts).ok) && (facts.tips ?? []).every((tip) => tipOutcome(tip).verdict !== 'not decided');
  const usable = async (facts: AppFacts) => (await imagePresent(facts.single.facts.id)) && (await imagePresent(facts.multi.facts.id));
  return {
    entry,
    measure: async (options = {}) =>
      measureOnce({ app: entry.name, key: await keyOf(), what: 'images' }, () => measure(entry, options), {
        keep,
        usable,
        keyNow,
        ...(storeDir ? { dir: storeDir } : {}),
      }),
    contract,
    claims: targetClaims(entry, { keyOf, keyNow, ...(storeDir ? { dir: storeDir } : {}) }),
  };
}
