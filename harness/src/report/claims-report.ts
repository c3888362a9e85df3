// The claims report: for every app, the tutorial's numbers beside the measured ones, and the
// image contract's verdicts. A tutorial claim that does not hold is a finding, shown with its
// numbers; it is not an error of the run.
import { reductionPercent } from '../size-reduction.ts';
import type { CheckResult } from '../verdict.ts';
import type { AlternativeFacts, AppFacts } from '../contract/app-facts.ts';
import { claimsAndAdvice, verdictCounts, type AppReport, type ClaimsReport, type ClaimVerdict } from './claims-model.ts';
import { describeMeasuredOn, findingsWords } from './measured-on.ts';
import { builtLines, builtSizeCells } from './built-images.ts';
import { describeEngine } from '../engine/engine-facts.ts';
import { formatBytes, formatMs, markdownTable, textTable } from '../format.ts';
import { recipesMarkdown, withRecipeColumn } from './recipe-column.ts';
import { lessonsMarkdown } from './lessons-render.ts';

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

function tutorialCell(r: AppReport): string {
  const claim = r.tutorial;
  return claim ? `${formatBytes(claim.singleBytes)} -> ${formatBytes(claim.multiBytes)} (${claim.reductionPercent}%)` : '(not in the tutorial)';
}

function headlineRows(reports: AppReport[]): string[][] {
  return reports.map((r) => {
    // Not measured is not "not built": the build may have passed and a later step failed. What
    // was built is shown when the report kept it; else the error says which step failed.
    if (!r.facts) {
      const built = builtSizeCells(r);
      return [r.app, ...(built ?? ['not measured', '', '', '']), tutorialCell(r), 'could not be measured'];
    }
    const single = r.facts.single.facts.uncompressedBytes;
    const multi = r.facts.multi.facts;
    return [
      r.app,
      formatBytes(single),
      formatBytes(multi.uncompressedBytes),
      formatBytes(multi.compressedBytes),
      `${reductionPercent(single, multi.uncompressedBytes).toFixed(1)}%`,
      tutorialCell(r),
      checksPassed(r),
    ];
  });
}

const headlineHeader = ['app', 'single-stage', 'multi-stage', 'compressed', 'reduction', 'tutorial claims', 'checks passed'];

/** The table `pnpm verify` prints. */
export function terminalSummary(report: ClaimsReport): string {
  const failures = report.apps.flatMap((r) => [...r.contract, ...r.claims].filter((c) => !c.ok).map((c) => `  ${r.app}: ${c.title}: ${c.found}`));
  const errors = report.apps
    .filter((r) => r.error)
    .map((r) => [`  ${r.app}: ${r.error!.split('\n').slice(0, 12).join('\n    ')}`, ...builtLines(r).map((l) => `    ${l}`)].join('\n'));
  const counts = verdictCounts(report.tutorialClaims);
  return [
    textTable(headlineHeader, headlineRows(report.apps)),
    '',
    `the tutorial's ${counts.claims} claims: ${counts.holds} hold, ${counts['does not hold']} do not hold (${findingsWords(counts)}), ${counts['not checked yet']} not checked yet${counts.advice ? `; and ${counts.advice} point${counts.advice === 1 ? '' : 's'} of the lab's own advice` : ''}`,
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

/** Every claim of the tutorial with its verdict: the findings first, then what holds, then what waits; the lab's own advice apart. */
function claimsSection(verdicts: ClaimVerdict[]): string[] {
  const counts = verdictCounts(verdicts);
  const { claims, advice } = claimsAndAdvice(verdicts);
  const order: ClaimVerdict['verdict'][] = ['does not hold', 'holds', 'not checked yet'];
  const quote = (text: string) => `"${text.replace(/\s*\n\s*/g, ' ')}"`;
  const rows = (list: ClaimVerdict[]) =>
    markdownTable(
      ['claim', 'section', 'the tutorial says', 'verdict', 'measured / why', 'measured on', 'decided by'],
      [...list]
        .sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict))
        .map((v) => [
          v.id,
          v.section,
          quote(v.quote) + (v.reading ? ` (read as: ${v.reading})` : ''),
          v.verdict === 'does not hold' && !v.advice ? '**does not hold**' : v.verdict,
          v.detail + (v.cause ? ` (one cause with other findings: ${v.cause})` : ''),
          describeMeasuredOn(v),
          v.decidedBy,
        ]),
    );
  return [
    "## The tutorial's claims",
    '',
    `${counts.claims} claims: ${counts.holds} hold, ${counts['does not hold']} do not hold (${findingsWords(counts)}), ${counts['not checked yet']} not checked yet. Each is decided on this run's measurements (or, where the tutorial disagrees with itself, on the tutorial alone); a claim that does not hold is a finding about the tutorial, not a failure of the run.`,
    '',
    rows(claims),
    '',
    ...(advice.length
      ? [
          "## The lab's own advice",
          '',
          `${counts.advice} point${counts.advice === 1 ? '' : 's'} the tutorial never makes, read into its words by the lab: a reading that does not hold is advice on what to do instead, not a finding about the tutorial.`,
          '',
          rows(advice),
          '',
        ]
      : []),
  ];
}

const orDash = (ms: number | undefined) => (ms === undefined ? '-' : formatMs(ms));

/** The production image beside its alternatives (e.g. with an AOT cache): size and start. */
function alternativesTable(facts: AppFacts, alternatives: AlternativeFacts[]): string {
  const production = facts.multi.facts;
  return markdownTable(
    ['build', 'uncompressed', 'compressed', 'start to first 200', 'start to healthy'],
    [
      [
        'production (default)',
        formatBytes(production.uncompressedBytes),
        formatBytes(production.compressedBytes),
        orDash(facts.run?.httpReadyMs),
        orDash(facts.run?.healthyMs),
      ],
      ...alternatives.map((a) => [
        a.title,
        formatBytes(a.uncompressedBytes),
        formatBytes(a.compressedBytes),
        orDash(a.run.httpReadyMs),
        orDash(a.run.healthyMs),
      ]),
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
    "# Multi-stage builds: the tutorial's claims, measured",
    '',
    `Generated ${report.generatedAt} by \`pnpm verify\` on ${describeEngine(report.engine)}.`,
    '',
    ...(report.noReportFrom?.length
      ? [
          `No report from ${report.noReportFrom.join(', ')}: the claims that name ${report.noReportFrom.length > 1 ? 'them' : 'it'}, or every app, are not checked.`,
          '',
        ]
      : []),
    sizesDefinition,
    '',
    markdownTable(sizes.header, sizes.rows),
    '',
    ...lessonsMarkdown(report.lessons),
    ...recipesMarkdown(report.recipes),
  ];
  lines.push(...claimsSection(report.tutorialClaims));
  for (const r of report.apps) {
    lines.push(`## ${r.app}`, '', r.title, '');
    if (r.error) lines.push('Could not be measured:', '', '```', r.error, '```', '');
    if (r.built) lines.push('Built before it failed:', '', ...builtLines(r).map((l) => `- ${l}`), '');
    if (r.facts) {
      const m = r.facts.multi;
      lines.push(
        `Built ${m.tag} in ${formatMs(m.buildMs)} and ${r.facts.single.tag} in ${formatMs(r.facts.single.buildMs)}` +
          ` (VERSION=${r.facts.buildArgs.VERSION}, REVISION=${r.facts.buildArgs.REVISION.slice(0, 12)}).`,
        '',
      );
      lines.push(
        'Layers of the production image:',
        '',
        markdownTable(
          ['#', 'instruction', 'size', 'compressed'],
          m.facts.layers.map((l) => [String(l.index), l.instruction, formatBytes(l.uncompressedBytes), formatBytes(l.compressedBytes)]),
        ),
        '',
      );
    }
    if (r.facts && r.alternatives?.length) lines.push('The production image beside its alternatives:', '', alternativesTable(r.facts, r.alternatives), '');
    if (r.facts) lines.push(...keptOutputs(r.facts));
    if (r.bases.length)
      lines.push(
        'Base images:',
        '',
        markdownTable(
          ['image', 'origin'],
          r.bases.map((b) => [b.ref, b.origin]),
        ),
        '',
      );
    if (r.contract.length) lines.push('Image contract:', '', checksTable(r.contract), '');
    if (r.claims.length) lines.push('Targets, cache and build secrets:', '', checksTable(r.claims), '');
  }
  return `${lines.join('\n')}\n`;
}
