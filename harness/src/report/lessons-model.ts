// The report as teaching material, as data: for each example of the tutorial (tutorial/lessons.ts),
// what it says with its claims' verdicts, its own recipe as written (measured, failed with the
// engine's error, or not built here and why) and the lab's recipe for the same job, side by side,
// with the one sentence a learner needs to read them. Types and the pure function that puts them
// together; report/lessons-render.ts shows them.
import { formatBytes } from '../format.ts';
import { describeBases, describeOutcome, stagesWord } from '../recipes/summary.ts';
import type { RecipeResult } from '../recipes/types.ts';
import { reductionPercent } from '../size-reduction.ts';
import { lessons as lessonData, type Lesson } from '../tutorial/lessons.ts';
// The apps as the verdicts read them (not claims-model.ts's AppReport: that model holds these lessons).
import type { ClaimVerdict, MeasuredApp, VerdictStatus } from '../tutorial/verdicts.ts';

/** What one of the tutorial's recipes came to on this engine. */
export type RecipeState = 'measured' | 'fails as written' | 'not built here' | 'ran';

/** What the example's recipes came to, together: a failure as written first (a learner must fix it), then a measurement, then "not built here", then commands that ran; "not run" when the run did not run the recipes. */
export type LessonState = 'measured' | 'fails as written' | 'not built here' | 'ran' | 'not run';

export interface TutorialBuild {
  /** The recipe's id (recipes/). */
  recipe: string;
  /** What it is: "multi-stage Dockerfile (block 2 of 3)", or the command as written, as `code`. */
  what: string;
  state: RecipeState;
  /** Its result in words: figures, the engine's error quoted, or why it was not built here. */
  result: string;
  /** Its image's size, when measured. */
  uncompressedBytes?: number;
  /** The base images it was built on (tag, short id, forged or pulled), or those it lacked. */
  bases: string;
}

export interface LabResult {
  app: string;
  /** The lab's recipe: the app's multi-stage Dockerfile (its single-stage one beside it). */
  dockerfile: string;
  state: 'measured' | 'not measured' | 'not in this run';
  singleBytes?: number;
  multiBytes?: number;
  /** Its result in words: the two sizes and the reduction, or why it was not measured. */
  result: string;
  /** Its base images, each with where it came from (forged or pulled). */
  bases: string[];
  /** The lab's checks that answer the example's point, as this run decided them (absent ones left out). */
  checks: { id: string; title: string; ok: boolean }[];
}

export interface LessonReport {
  id: string;
  /** The tutorial's heading, as it names the example. */
  section: string;
  /** What the tutorial says the example gives, in short. */
  says: string;
  /** The tutorial's claims the example makes, with this run's verdicts. */
  claims: { id: string; verdict: VerdictStatus }[];
  /** `note`: why there are no builds (the run did not run the recipes). */
  tutorial: { state: LessonState; builds: TutorialBuild[]; note?: string };
  lab: LabResult;
  /** The one sentence a learner needs to read the two results side by side: why they differ, or (the tutorial's recipe failing as written) what to change. */
  why: string;
  whyIs: 'why they differ' | 'what to change';
}

const notRunWords = "not run in this run: `pnpm verify` over every app runs the tutorial's recipes";

function recipeState(r: RecipeResult): RecipeState {
  return r.outcome.kind === 'failed' ? 'fails as written' : r.outcome.kind === 'not-built-here' ? 'not built here' : r.outcome.kind;
}

/** The lesson's recipes: its section's, or only its blocks' where it names some (the Compose file itself is its services). */
export function lessonRecipes(lesson: Pick<Lesson, 'section' | 'blocks'>, recipes: RecipeResult[]): RecipeResult[] {
  return recipes.filter(
    (r) =>
      r.kind !== 'compose-file' && r.source.section === lesson.section && (!lesson.blocks || lesson.blocks.some((b) => r.source.where.split(',')[0] === b)),
  );
}

function what(r: RecipeResult): string {
  if (r.kind === 'dockerfile') {
    // Outside the numbered examples a block of FROM lines is a list of choices, not stages.
    const words = /^Example \d+:/.test(r.source.section) ? `${stagesWord(r.text)} Dockerfile` : 'Dockerfile';
    return `${words} (${r.source.where})`;
  }
  // A command over several lines (`\` continuations) reads as the one line it is.
  return `\`${r.text
    .replace(/\\\n\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim()}\``;
}

function tutorialBuild(r: RecipeResult): TutorialBuild {
  return {
    recipe: r.id,
    what: what(r),
    state: recipeState(r),
    result: describeOutcome(r.outcome),
    ...(r.outcome.kind === 'measured' ? { uncompressedBytes: r.outcome.measure.uncompressedBytes } : {}),
    bases: describeBases(r),
  };
}

function lessonState(builds: TutorialBuild[]): LessonState {
  for (const state of ['fails as written', 'measured', 'not built here', 'ran'] as const) if (builds.some((b) => b.state === state)) return state;
  return 'not run';
}

/** "forged" or "pulled", from an app report's origin words ("forged locally (stand-in: ...)"). */
function originWord(origin: string): string {
  return origin.startsWith('forged') ? 'forged' : origin.startsWith('pulled') ? 'pulled' : origin;
}

export function labResult(app: string, checkIds: string[], report: MeasuredApp | undefined): LabResult {
  const dockerfile = `dockerfiles/${app}/multi.Dockerfile`;
  if (!report)
    return {
      app,
      dockerfile,
      state: 'not in this run',
      result: 'not measured in this run (a narrowed run: --app or LAB_APPS)',
      bases: [],
      checks: [],
    };
  const bases = report.bases.map((b) => `${b.ref} (${originWord(b.origin)})`);
  const all = [...report.contract, ...report.claims];
  const checks = checkIds.flatMap((id) => all.filter((c) => c.id === id).map((c) => ({ id, title: c.title, ok: c.ok })));
  if (!report.facts)
    return { app, dockerfile, state: 'not measured', result: `not measured: ${(report.error ?? 'no measurement').split('\n')[0]}`, bases, checks };
  const single = report.facts.single.facts.uncompressedBytes;
  const multi = report.facts.multi.facts.uncompressedBytes;
  return {
    app,
    dockerfile,
    state: 'measured',
    singleBytes: single,
    multiBytes: multi,
    result: `single-stage ${formatBytes(single)}, multi-stage ${formatBytes(multi)}, ${reductionPercent(single, multi).toFixed(1)}% smaller`,
    bases,
    checks,
  };
}

/** The sentence a learner needs: what to change where the tutorial's recipe fails as written; otherwise why the two results differ. */
function whyOf(lesson: Lesson, state: LessonState): string {
  if (state !== 'fails as written') return lesson.differs;
  return (
    lesson.failsBecause ??
    "The tutorial's recipe fails as written, with the engine's own words beside it: it has to be fixed before its result can be set beside the lab's."
  );
}

/**
 * Every example of the tutorial, its recipe's result beside the lab's, on this run's apps, verdicts
 * and recipes (undefined: the run did not run them, and only the examples of its apps are kept).
 */
export function lessonReports(
  apps: MeasuredApp[],
  verdicts: ClaimVerdict[],
  recipes: RecipeResult[] | undefined,
  lessons: Lesson[] = lessonData,
): LessonReport[] {
  // A narrowed run (no recipes, some apps) sets beside each other only what it has: the examples of its apps.
  const kept = recipes ? lessons : lessons.filter((l) => apps.some((a) => a.app === l.lab.app));
  return kept.map((lesson) => {
    const builds = recipes ? lessonRecipes(lesson, recipes).map(tutorialBuild) : [];
    const state = lessonState(builds);
    return {
      id: lesson.id,
      section: lesson.title ?? lesson.section,
      says: lesson.says,
      claims: lesson.claims.flatMap((id) => verdicts.filter((v) => v.id === id).map((v) => ({ id, verdict: v.verdict }))),
      tutorial: { state, builds, ...(builds.length ? {} : { note: recipes ? `no recipe of ${lesson.section} was found in the tutorial` : notRunWords }) },
      lab: labResult(
        lesson.lab.app,
        lesson.lab.checks,
        apps.find((a) => a.app === lesson.lab.app),
      ),
      why: whyOf(lesson, state),
      whyIs: state === 'fails as written' ? 'what to change' : 'why they differ',
    };
  });
}

/** The example an app does the job of (its first lesson that is one of the tutorial's numbered examples), for the size table's recipe column. */
export function exampleOfApp(app: string, lessons: Lesson[] = lessonData): Lesson | undefined {
  return lessons.find((l) => l.lab.app === app && /^Example \d+:/.test(l.section));
}
