// reduction: the multi-stage image at least limits.minReductionPercent (else the tutorial's
// claimed percentage) smaller than the single-stage one; reads both images' sizes.
import type { AppEntry } from '../catalogue/types.ts';
import type { AppFacts } from '../contract/app-facts.ts';
import { formatBytes } from '../format.ts';
import { reductionPercent } from '../size-reduction.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';
import { largestLayers } from './layers.ts';

/**
 * The reduction the entry must reach: its own limit, else the tutorial's claim for its row (the
 * suite passes it from tutorial/figures.ts); undefined if neither.
 */
export function requiredReduction(entry: AppEntry, tutorialPercent?: number): number | undefined {
  return entry.limits.minReductionPercent?.limit ?? tutorialPercent;
}

export function checkReduction(entry: AppEntry, facts: AppFacts, tutorialPercent?: number): Verdict {
  const required = requiredReduction(entry, tutorialPercent) ?? 0;
  const single = facts.single.facts.uncompressedBytes;
  const multi = facts.multi.facts.uncompressedBytes;
  const reduction = reductionPercent(single, multi);
  return verdict(
    reduction >= required,
    `>= ${required}% smaller than single-stage`,
    `${reduction.toFixed(1)}% (${formatBytes(single)} -> ${formatBytes(multi)})`,
    `largest layers of the multi-stage image:\n${largestLayers(facts.multi.facts)}`,
  );
}

export const reduction: ContractModule = {
  kind: 'contract',
  id: 'reduction',
  fixtures: ['reduction-none'],
  checks: (entry, context) => {
    const tutorialPercent = context?.tutorialReductionPercent;
    return requiredReduction(entry, tutorialPercent) === undefined
      ? []
      : [{ id: 'reduction', title: 'reduction versus the single-stage image', evaluate: (f) => checkReduction(entry, f, tutorialPercent) }];
  },
};
