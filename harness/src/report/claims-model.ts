// The claims report as data: what `pnpm verify` writes to reports/claims.json and every renderer
// (terminal, Markdown, HTML, README figures) and the CI merge read. Types and counts only.
import type { AppEntry } from '../catalogue/types.ts';
import type { AlternativeFacts, AppFacts } from '../contract/facts.ts';
import type { EngineFacts } from '../engine/facts.ts';
import type { PackageCounts } from '../inspect/packages.ts';
import type { BaseOrigin } from '../measure/bases.ts';
import type { CheckResult } from '../verdict.ts';

export interface AppReport {
  app: string;
  title: string;
  tutorial?: AppEntry['tutorial'];
  facts?: AppFacts;
  /** Set when the app could not be built or measured. */
  error?: string;
  contract: CheckResult[];
  claims: CheckResult[];
  /** The base images its Dockerfiles name, and whether each was pulled or forged locally. */
  bases: BaseOrigin[];
  /** OS and language packages in each image. */
  packages?: { single: PackageCounts; multi: PackageCounts };
  /** Other builds of the production image, measured beside it. */
  alternatives?: AlternativeFacts[];
}

export interface ClaimsReport {
  generatedAt: string;
  /** What it was measured on: engine, API, image store, buildx and Compose versions. */
  engine: EngineFacts;
  apps: AppReport[];
  /** Every claim of the tutorial with its verdict on these apps (claim-verdicts.ts). */
  tutorialClaims: ClaimVerdict[];
  /**
   * Catalogue apps that sent no report to a merge (`pnpm report:merge`: a CI job that failed):
   * every claim that names one, or every app, is not checked.
   */
  noReportFrom?: string[];
}

export type VerdictStatus = 'holds' | 'does not hold' | 'not checked yet';

export interface ClaimVerdict {
  id: string;
  section: string;
  quote: string;
  figure?: string;
  reading?: string;
  /** How it is decided, in words (which app, which check or measurement). */
  decidedBy: string;
  /** The apps whose measurements decide it (none for the tutorial against itself). */
  apps: string[];
  verdict: VerdictStatus;
  /** What was measured (or computed), for holds and does not hold; why not, for not checked yet. */
  detail: string;
}

/** How many claims have each verdict. */
export function verdictCounts(verdicts: ClaimVerdict[]): Record<VerdictStatus, number> {
  const counts: Record<VerdictStatus, number> = { holds: 0, 'does not hold': 0, 'not checked yet': 0 };
  for (const v of verdicts) counts[v.verdict] += 1;
  return counts;
}
