// Every budget of a catalogue entry, with the figure it was set from, and the two rules that keep
// budgets honest: a budget holds for its own measured figure (read from figures/*.json where
// `pnpm verify` or `pnpm bench` recorded it, typed in the entry only where they do not), and no
// limit is looser than its committed baseline (budget-baseline.json: the tightest each limit has
// been) unless it says from what and why, with the figures that made the old limit fail.
import { readFileSync } from 'node:fs';
import { fromRepo } from '../paths.ts';
import { committedFigures, measuredFigure, type Figures } from './measured.ts';
import type { AppEntry, Budget } from './types.ts';

export interface NamedBudget {
  /** Where it sits in the entry, e.g. "limits.healthyWithinMs", "compose app-dev readyWithinMs", "alternative no-aot-cache limits.healthyWithinMs". */
  name: string;
  budget: Budget;
  /** A minimum (a reduction): looser is lower. */
  minimum: boolean;
}

/** Every budget of an entry, named by where it sits, and whether it is a minimum. Alternatives' budgets included. */
export function budgetsOf(entry: AppEntry): NamedBudget[] {
  const { limits } = entry;
  const budgets: { name: string; budget: Budget | undefined; minimum?: boolean }[] = [
    { name: 'limits.uncompressedBytes', budget: limits.uncompressedBytes },
    { name: 'limits.compressedBytes', budget: limits.compressedBytes },
    { name: 'limits.healthyWithinMs', budget: limits.healthyWithinMs },
    { name: 'limits.stopWithinMs', budget: limits.stopWithinMs },
    { name: 'limits.minReductionPercent', budget: limits.minReductionPercent, minimum: true },
    { name: 'development.reloadWithinMs', budget: entry.development?.reloadWithinMs },
    { name: 'cache.maxRebuildRatio', budget: entry.cache?.maxRebuildRatio },
    { name: 'tutorialHealthcheck.healthyWithinMs', budget: entry.tutorialHealthcheck?.healthyWithinMs },
    ...(entry.compose?.services ?? []).map((s) => ({ name: `compose ${s.name} readyWithinMs`, budget: s.readyWithinMs })),
    ...(entry.alternatives ?? []).flatMap((a) => [
      { name: `alternative ${a.name} limits.uncompressedBytes`, budget: a.limits.uncompressedBytes },
      { name: `alternative ${a.name} limits.healthyWithinMs`, budget: a.limits.healthyWithinMs },
    ]),
  ];
  return budgets.flatMap(({ name, budget, minimum }) => (budget ? [{ name, budget, minimum: minimum ?? false }] : []));
}

/**
 * Why a `loosened.why` is not a reason, or null when it is one: a loosening says what was
 * measured and why the old limit could not hold, so it names figures, in a sentence.
 */
export function reasonProblem(why: string): string | null {
  const text = why.trim();
  if (text.split(/\s+/).length < 12 || text.length < 80) return 'is too short to be a reason: say what was measured, where, and why the old limit cannot hold';
  if (!/\d/.test(text)) return 'names no figure: say what was measured (the numbers that broke the old limit)';
  return null;
}

/**
 * A budget must hold for the figure it was set from; that figure comes from figures/*.json where
 * they have it (a typed one beside it is refused: two figures drift apart), else from the entry.
 * One that was loosened says why and from what tighter value (a typo that tightens passes; one
 * that loosens without a reason does not). `figures: null` checks the entry alone, as the
 * catalogue is loaded: a bench that measured over a limit is the unit test's red (the committed
 * figures against the limits), not a reason for every command to refuse the catalogue.
 */
export function budgetProblems(entry: AppEntry, figures: Figures | null = committedFigures()): string[] {
  const problems: string[] = [];
  for (const { name, budget, minimum } of budgetsOf(entry)) {
    const figure = figures ? measuredFigure(entry, name, figures) : undefined;
    if (figure && budget.measured !== undefined)
      problems.push(`${name}: measured is typed (${budget.measured}) but ${figure.source} has it (${figure.value}): drop the typed figure`);
    const measured = figure?.value ?? budget.measured;
    if (measured === undefined) {
      if (figures) problems.push(`${name}: no measured figure (figures/*.json has none for it, so the entry must say what the limit was set from)`);
    } else {
      const holds = minimum ? measured >= budget.limit : measured <= budget.limit;
      if (!holds) problems.push(`${name}: the measured ${measured}${figure ? ` (${figure.source})` : ''} does not meet its own limit ${budget.limit}`);
    }
    if (budget.goal !== undefined && (minimum ? budget.goal < budget.limit : budget.goal > budget.limit)) {
      problems.push(`${name}: the goal ${budget.goal} is looser than the limit ${budget.limit}`);
    }
    const loosened = budget.loosened;
    if (loosened) {
      const tighter = minimum ? loosened.from > budget.limit : loosened.from < budget.limit;
      if (!tighter) problems.push(`${name}: loosened from ${loosened.from}, which is not tighter than ${budget.limit}`);
      const why = reasonProblem(loosened.why);
      if (why) problems.push(`${name}: loosened from ${loosened.from}, but its reason (loosened.why) ${why}`);
    }
  }
  return problems;
}

/** app -> budget name -> the tightest limit it has had. */
export type BudgetBaseline = Record<string, Record<string, number>>;

export const baselineFile = 'harness/src/catalogue/budget-baseline.json';

export function committedBaseline(): BudgetBaseline {
  return (JSON.parse(readFileSync(fromRepo(baselineFile), 'utf8')) as { apps: BudgetBaseline }).apps;
}

/**
 * Every limit against its baseline: at it, fine; tighter, the baseline is to follow it down
 * (`node harness/src/tasks/budget-baseline.ts` does, and never up); looser, only with `loosened`
 * from the baseline's value and a reason. A budget or app the baseline lacks, or one it has that
 * the catalogue no longer has, is named too: a limit cannot leave the baseline unseen.
 */
export function baselineProblems(entries: AppEntry[], baseline: BudgetBaseline = committedBaseline()): string[] {
  const problems: string[] = [];
  const update = 'node harness/src/tasks/budget-baseline.ts';
  for (const entry of entries) {
    const base = baseline[entry.name] ?? {};
    const budgets = budgetsOf(entry);
    for (const { name, budget, minimum } of budgets) {
      const say = (text: string) => problems.push(`${entry.name} ${name}: ${text}`);
      const was = base[name];
      if (was === undefined) {
        say(`not in ${baselineFile} (${update} adds it at ${budget.limit})`);
        continue;
      }
      const looser = minimum ? budget.limit < was : budget.limit > was;
      const tighter = minimum ? budget.limit > was : budget.limit < was;
      if (tighter) say(`${budget.limit} is tighter than its baseline ${was}: ${update} moves the baseline down to it`);
      if (looser && !budget.loosened) say(`${budget.limit} is looser than its baseline ${was}, with no loosened record saying from what and why`);
      if (looser && budget.loosened && budget.loosened.from !== was)
        say(`loosened.from is ${budget.loosened.from}, but its baseline is ${was}: a loosening counts from the tightest limit it had`);
      if (!looser && budget.loosened) say(`has a loosened record, but ${budget.limit} is not looser than its baseline ${was}: drop the record`);
    }
    for (const name of Object.keys(base)) {
      if (!budgets.some((b) => b.name === name))
        problems.push(`${entry.name} ${name}: in ${baselineFile} but not in the catalogue (removed on purpose? then remove it from the baseline)`);
    }
  }
  for (const app of Object.keys(baseline)) {
    if (!entries.some((e) => e.name === app)) problems.push(`${app}: in ${baselineFile} but not in the catalogue`);
  }
  return problems;
}

/** The baseline after a ratchet: every limit at its tightest, new ones added; never loosened. */
export function ratchetBaseline(entries: AppEntry[], baseline: BudgetBaseline): BudgetBaseline {
  const next: BudgetBaseline = {};
  for (const entry of entries) {
    const base = baseline[entry.name] ?? {};
    next[entry.name] = {};
    for (const { name, budget, minimum } of budgetsOf(entry)) {
      const was = base[name];
      next[entry.name]![name] = was === undefined ? budget.limit : minimum ? Math.max(was, budget.limit) : Math.min(was, budget.limit);
    }
  }
  return next;
}

/**
 * How far an app's production image built on another BuildKit (LAB_BUILDER, e.g. scripts/buildkit's
 * v0.35 buildkitd) may differ in uncompressed size from the engine's own builder's: 0.5% (the remote-builder contract test).
 */
export const otherBuilderSizeTolerance = 0.005;

/** `docker stop` must end a service within this unless its entry says otherwise (limits.stopWithinMs), ms. */
export const defaultStopWithinMs = 2_000;

/** The stop limit of an entry, ms. */
export function stopLimitMs(entry: AppEntry): number {
  return entry.limits.stopWithinMs?.limit ?? defaultStopWithinMs;
}
