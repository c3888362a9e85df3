// What a check module is: one contract check or target claim, with the catalogue option that
// turns it on (declared in the module), what it reads or measures, its decision and messages,
// and the fixture that breaks it. registry.ts lists the modules; the suite walks that list.
import type { AppEntry } from '../catalogue/types.ts';
import type { AppFacts } from '../contract/app-facts.ts';
import type { Provenance } from '../measure/measured-store.ts';
import type { Verdict } from '../verdict.ts';

/** One check of the image contract: known before anything is measured, so tests can be generated. */
export interface ContractCheck {
  id: string;
  title: string;
  evaluate: (facts: AppFacts) => Verdict;
}

/** A claim that needs builds or runs of its own (a target, a rebuild, a Compose project). */
export interface TargetClaim {
  id: string;
  title: string;
  /** Builds and runs what the claim needs (or replays what was kept), then decides it. */
  verify: () => Promise<Verdict & { details?: unknown; replayed?: Provenance }>;
}

/**
 * Measures a thing once for the claims of one entry's suite: the cache claim and the rebuild
 * budget decide on the same cold build and rebuilds.
 */
export type Once = <Facts>(key: string, measure: () => Promise<Facts>) => Promise<Facts>;

/** What the suite hands a claim module: how a claim measures and decides, and what is measured once for several. */
export interface ClaimContext {
  /** A claim that measures what it needs, then decides on those facts (kept as details). */
  claim: <Facts>(id: string, title: string, measure: () => Promise<Facts>, decide: (facts: Facts) => Verdict) => TargetClaim;
  once: Once;
}

/** The fixtures that break a check, by scenario name: test/fixtures/docker/<name>.ts (or the goals gate's, test/fixtures/goals/entries.ts). */
interface Breakable {
  /** The check's id, or for a family numbered or named per item, its kind: `http-*`, `runs-*`, `alternative-*`. */
  id: string;
  fixtures: string[];
}

/** What the suite knows beside the entry when it lists the contract: the tutorial's claim for the app's row. */
export interface ContractContext {
  tutorialReductionPercent?: number;
}

/** A contract check: decided on the one measurement of the app (measure/app.ts), from the facts it names. */
export interface ContractModule extends Breakable {
  kind: 'contract';
  /** The checks it makes for an entry, in report order: none where the entry does not turn it on. */
  checks: (entry: AppEntry, context?: ContractContext) => ContractCheck[];
}

/** A target claim: measures what it needs (its measure function), then decides. */
export interface ClaimModule extends Breakable {
  kind: 'claim';
  claims: (entry: AppEntry, context: ClaimContext) => TargetClaim[];
}

export type CheckModule = ContractModule | ClaimModule;

/** Whether a check id belongs to a module's id or kind (`http-1` to `http-*`). */
export function idOfKind(id: string, kind: string): boolean {
  return kind.endsWith('-*') ? id.startsWith(kind.slice(0, -1)) : id === kind;
}
