// The claims report as data: what `pnpm verify` writes to reports/claims.json and every renderer
// (terminal, Markdown, HTML, README figures) and the CI merge read. Types and counts only.
import type { AlternativeFacts } from '../contract/app-facts.ts';
import type { EngineFacts } from '../engine/engine-facts.ts';
import type { RecipeResult } from '../recipes/types.ts';
import type { TutorialClaim } from '../catalogue/figure-files.ts';
import type { ClaimVerdict, MeasuredApp, MeasuredOn, Measurements, VerdictStatus } from '../tutorial/verdicts.ts';
import type { LessonReport } from './lessons-model.ts';

export type { ClaimVerdict, MeasuredOn, VerdictStatus };

/** An app's part of the report: what the verdicts read of it (tutorial/verdicts.ts), and what the report shows beside. */
export interface AppReport extends MeasuredApp {
  title: string;
  /** The tutorial's sizes for the app's row of its size table (tutorial/figures.ts). */
  tutorial?: TutorialClaim;
  /** Other builds of the production image, measured beside it. */
  alternatives?: AlternativeFacts[];
  /** Set with `error`: the images the run built before the app's measurement failed; an image absent here was not built. */
  built?: BuiltImages;
}

/** An image a run built, as a failed app's report keeps it: tag, id, sizes (report/built-images.ts). */
export interface BuiltImageSummary {
  tag: string;
  id: string;
  uncompressedBytes: number;
  compressedBytes: number;
  buildMs: number;
}

export interface BuiltImages {
  single?: BuiltImageSummary;
  multi?: BuiltImageSummary;
}

/**
 * The shape's version, as harness/schema/claims-report.schema.json pins it: 2 added `lessons`
 * (and this field; a report without it is of the first shape, and is refused).
 */
export const claimsSchemaVersion = 2;

export interface ClaimsReport extends Measurements {
  schemaVersion: typeof claimsSchemaVersion;
  generatedAt: string;
  /** What it was measured on: engine, API, image store, buildx and Compose versions. */
  engine: EngineFacts;
  apps: AppReport[];
  /** Every claim of the tutorial with its verdict on these apps (tutorial/verdicts.ts). */
  tutorialClaims: ClaimVerdict[];
  /** The tutorial's own recipes run as written (harness/src/recipes/), when the run ran them. */
  recipes?: RecipeResult[];
  /** Each example of the tutorial: its claim, its recipe's result and the lab's, side by side (report/lessons-model.ts). */
  lessons: LessonReport[];
}

/**
 * How many of the tutorial's claims have each verdict; the findings among those that do not hold
 * (claims that share one cause count once); and how many points are the lab's own advice (apart).
 */
export function verdictCounts(verdicts: ClaimVerdict[]): Record<VerdictStatus, number> & { claims: number; findings: number; advice: number } {
  const counts = { holds: 0, 'does not hold': 0, 'not checked yet': 0, claims: 0, findings: 0, advice: 0 };
  const causes = new Set<string>();
  for (const v of verdicts) {
    if (v.advice) counts.advice += 1;
    else {
      counts[v.verdict] += 1;
      counts.claims += 1;
      if (v.verdict === 'does not hold' && !(v.cause && causes.has(v.cause))) counts.findings += 1;
      if (v.verdict === 'does not hold' && v.cause) causes.add(v.cause);
    }
  }
  return counts;
}

/** The tutorial's claims, and apart from them the lab's own advice. */
export function claimsAndAdvice(verdicts: ClaimVerdict[]): { claims: ClaimVerdict[]; advice: ClaimVerdict[] } {
  return { claims: verdicts.filter((v) => !v.advice), advice: verdicts.filter((v) => v.advice) };
}
