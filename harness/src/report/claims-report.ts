// The claims report: for every app, the tutorial's numbers beside the measured ones, and the
// image contract's verdicts. A tutorial claim that does not hold is a finding, shown with its
// numbers; it is not an error of the run.
import type { AppEntry, TutorialClaim } from '../catalogue/types.ts';
import { reductionPercent, type CheckResult } from '../contract/checks.ts';
import type { AlternativeFacts, AppFacts } from '../contract/facts.ts';
import type { PackageCounts } from '../inspect/packages.ts';
import { verdictCounts, type ClaimVerdict } from './claim-verdicts.ts';
import { describeEngine, type EngineFacts } from '../engine/facts.ts';
import { formatBytes, formatMs, markdownTable, textTable } from './format.ts';
import type { RecipeResult } from '../recipes/types.ts';
import { recipesMarkdown, withRecipeColumn } from './recipe-column.ts';

export interface BaseOrigin {
  ref: string;
  /** "forged locally (stand-in: ...)", "pulled" or "unknown". */
  origin: string;
  /** The local image id it resolved to. */
  id?: string;
  /** For a pulled image, the registry digest it came by. */
  digest?: string;
  /** For a forged one, the hash of the recipe it was forged from. */
  recipeHash?: string;
}

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
  /** The tutorial's own recipes run as written (harness/src/recipes/), when the run ran them. */
  recipes?: RecipeResult[];
}

export interface TutorialFinding {
  /** The multi-stage size and the reduction are the tutorial's promises; the single-stage size is context. */
  kind: 'multi' | 'reduction' | 'single';
  claim: string;
  tutorial: string;
  measured: string;
  holds: boolean;
}

/** The tutorial's size claims beside measured single- and multi-stage sizes (uncompressed bytes). */
export function sizeFindings(claim: TutorialClaim, single: number, multi: number): TutorialFinding[] {
  const reduction = reductionPercent(single, multi);
  return [
    { kind: 'multi', claim: `${claim.section}: multi-stage image size`, tutorial: `~${formatBytes(claim.multiBytes)}`, measured: formatBytes(multi), holds: multi <= claim.multiBytes },
    { kind: 'reduction', claim: `${claim.section}: size reduction`, tutorial: `${claim.reductionPercent}%`, measured: `${reduction.toFixed(1)}%`, holds: reduction >= claim.reductionPercent },
    // The "before" size is context, not a promise: a smaller single-stage image than claimed is
    // reported, and counts as holding when it is within 25% of the claim.
    {
      kind: 'single',
      claim: `${claim.section}: single-stage image size`,
      tutorial: `~${formatBytes(claim.singleBytes)}`,
      measured: formatBytes(single),
      holds: Math.abs(single - claim.singleBytes) <= 0.25 * claim.singleBytes,
    },
  ];
}

/** What the sizes in every report and README table are (see harness/src/inspect/image.ts). */
export const sizesDefinition =
  "Sizes are uncompressed unless marked compressed: the sum, over all of the image's layers (base layers included), of the bytes of the regular files in each layer, measured the same way on either image store (on the classic store it is `docker image inspect`'s Size). Compressed: each layer's tar gzip'd at the default level, as a registry stores it.";

const mark = (ok: boolean) => (ok ? 'yes' : 'NO');

function passed(checks: CheckResult[]): string {
  return `${checks.filter((c) => c.ok).length}/${checks.length}`;
}

function checksPassed(r: AppReport): string {
  return `${passed(r.contract)} contract${r.claims.length ? `, ${passed(r.claims)} targets/cache` : ''}`;
}

function headlineRows(reports: AppReport[]): string[][] {
  return reports.map((r) => {
    // Not measured is not "not built": the build may have passed and a later step failed (the error says which).
    if (!r.facts) return [r.app, 'not measured', '', '', '', '', checksPassed(r)];
    const single = r.facts.single.facts.uncompressedBytes;
    const multi = r.facts.multi.facts;
    const claim = r.tutorial;
    return [
      r.app,
      formatBytes(single),
      formatBytes(multi.uncompressedBytes),
      formatBytes(multi.compressedBytes),
      `${reductionPercent(single, multi.uncompressedBytes).toFixed(1)}%`,
      claim ? `${formatBytes(claim.singleBytes)} -> ${formatBytes(claim.multiBytes)} (${claim.reductionPercent}%)` : '(not in the tutorial)',
      checksPassed(r),
    ];
  });
}

const headlineHeader = ['app', 'single-stage', 'multi-stage', 'compressed', 'reduction', 'tutorial claims', 'checks passed'];

/** The table `pnpm verify` prints. */
export function terminalSummary(report: ClaimsReport): string {
  const failures = report.apps.flatMap((r) => [...r.contract, ...r.claims].filter((c) => !c.ok).map((c) => `  ${r.app}: ${c.title}: ${c.found}`));
  const errors = report.apps.filter((r) => r.error).map((r) => `  ${r.app}: ${r.error!.split('\n').slice(0, 12).join('\n    ')}`);
  const counts = verdictCounts(report.tutorialClaims);
  return [
    textTable(headlineHeader, headlineRows(report.apps)),
    '',
    `the tutorial's ${report.tutorialClaims.length} claims: ${counts.holds} hold, ${counts['does not hold']} do not hold (findings), ${counts['not checked yet']} not checked yet`,
    ...(errors.length ? ['', 'could not be measured:', ...errors] : []),
    ...(failures.length ? ['', 'checks that failed:', ...failures] : []),
  ].join('\n');
}

function checksTable(checks: CheckResult[]): string {
  return markdownTable(
    ['check', 'passed', 'expected', 'found'],
    checks.map((c) => [c.title, mark(c.ok), c.expected, c.found + (c.blame && !c.ok ? ` (${c.blame.split('\n')[0]})` : '')]),
  );
}

/** Every claim of the tutorial with its verdict: the findings first, then what holds, then what waits. */
function claimsSection(verdicts: ClaimVerdict[]): string[] {
  const counts = verdictCounts(verdicts);
  const order: ClaimVerdict['verdict'][] = ['does not hold', 'holds', 'not checked yet'];
  const sorted = [...verdicts].sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict));
  const quote = (text: string) => `"${text.replace(/\s*\n\s*/g, ' ')}"`;
  return [
    "## The tutorial's claims",
    '',
    `${verdicts.length} claims: ${counts.holds} hold, ${counts['does not hold']} do not hold (findings), ${counts['not checked yet']} not checked yet. Each is decided on this run's measurements (or, where the tutorial disagrees with itself, on the tutorial alone); a claim that does not hold is a finding about the tutorial, not a failure of the run.`,
    '',
    markdownTable(
      ['claim', 'section', 'the tutorial says', 'verdict', 'measured / why', 'decided by'],
      sorted.map((v) => [v.id, v.section, quote(v.quote) + (v.reading ? ` (read as: ${v.reading})` : ''), v.verdict === 'does not hold' ? '**does not hold**' : v.verdict, v.detail, v.decidedBy]),
    ),
    '',
  ];
}

const orDash = (ms: number | undefined) => (ms === undefined ? '-' : formatMs(ms));

/** The production image beside its alternatives (e.g. with an AOT cache): size and start. */
function alternativesTable(facts: AppFacts, alternatives: AlternativeFacts[]): string {
  const production = facts.multi.facts;
  return markdownTable(
    ['build', 'uncompressed', 'compressed', 'start to first 200', 'start to healthy'],
    [
      ['production (default)', formatBytes(production.uncompressedBytes), formatBytes(production.compressedBytes), orDash(facts.run?.httpReadyMs), orDash(facts.run?.healthyMs)],
      ...alternatives.map((a) => [a.title, formatBytes(a.uncompressedBytes), formatBytes(a.compressedBytes), orDash(a.run.httpReadyMs), orDash(a.run.healthyMs)]),
    ],
  );
}

/** Outputs the catalogue asked to keep (e.g. a runtime's module list), each under its heading. */
function keptOutputs(facts: AppFacts): string[] {
  return (facts.tools ?? []).filter((t) => t.report).flatMap((t) => [`${t.report} (\`${t.command.join(' ')}\`):`, '', '```', t.output.trimEnd(), '```', '']);
}

/** The Markdown report, reports/claims.md. */
export function markdownReport(report: ClaimsReport): string {
  const sizes = withRecipeColumn(headlineHeader, headlineRows(report.apps), report.apps, report.recipes);
  const lines = [
    '# Multi-stage builds: the tutorial\'s claims, measured',
    '',
    `Generated ${report.generatedAt} by \`pnpm verify\` on ${describeEngine(report.engine)}.`,
    '',
    ...(report.noReportFrom?.length ? [`No report from ${report.noReportFrom.join(', ')}: the claims that name ${report.noReportFrom.length > 1 ? 'them' : 'it'}, or every app, are not checked.`, ''] : []),
    sizesDefinition,
    '',
    markdownTable(sizes.header, sizes.rows),
    '',
    ...recipesMarkdown(report.recipes),
  ];
  lines.push(...claimsSection(report.tutorialClaims));
  for (const r of report.apps) {
    lines.push(`## ${r.app}`, '', r.title, '');
    if (r.error) lines.push('Could not be measured:', '', '```', r.error, '```', '');
    if (r.facts) {
      const m = r.facts.multi;
      lines.push(
        `Built ${m.tag} in ${formatMs(m.buildMs)} and ${r.facts.single.tag} in ${formatMs(r.facts.single.buildMs)}` +
          ` (VERSION=${r.facts.buildArgs.VERSION}, REVISION=${r.facts.buildArgs.REVISION.slice(0, 12)}).`,
        '',
      );
      lines.push('Layers of the production image:', '', markdownTable(['#', 'instruction', 'size', 'compressed'], m.facts.layers.map((l) => [String(l.index), l.instruction, formatBytes(l.uncompressedBytes), formatBytes(l.compressedBytes)])), '');
    }
    if (r.facts && r.alternatives?.length) lines.push('The production image beside its alternatives:', '', alternativesTable(r.facts, r.alternatives), '');
    if (r.facts) lines.push(...keptOutputs(r.facts));
    if (r.bases.length) lines.push('Base images:', '', markdownTable(['image', 'origin'], r.bases.map((b) => [b.ref, b.origin])), '');
    if (r.contract.length) lines.push('Image contract:', '', checksTable(r.contract), '');
    if (r.claims.length) lines.push('Targets, cache and build secrets:', '', checksTable(r.claims), '');
  }
  return `${lines.join('\n')}\n`;
}
