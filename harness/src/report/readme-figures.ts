// The README's measured figures, generated from the report data so they cannot go stale or
// disagree: `pnpm readme:figures` keeps a snapshot of what the README shows (docs/figures.json,
// taken from reports/claims.json) and writes each table between its markers,
// <!-- figures:NAME --> ... <!-- /figures:NAME -->. A unit test renders the tables from the
// snapshot again and fails when the README says anything else.
import { reductionPercent } from '../contract/checks.ts';
import type { ClaimsReport } from './claims-report.ts';
import { verdictCounts } from './claim-verdicts.ts';
import { formatBytes, markdownTable } from './format.ts';

/** What the README shows, per app, from one `pnpm verify` (or a merge of CI's reports). */
export interface ReadmeFigures {
  generatedAt: string;
  engine: string;
  apps: {
    app: string;
    singleBytes: number;
    multiBytes: number;
    compressedBytes: number;
    tutorial?: { singleBytes: number; multiBytes: number; reductionPercent: number };
  }[];
  claims: { holds: number; doesNotHold: number; notChecked: number };
}

/** The figures of the apps the report measured, in its order. */
export function figuresOf(report: ClaimsReport): ReadmeFigures {
  const counts = verdictCounts(report.tutorialClaims);
  return {
    generatedAt: report.generatedAt,
    engine: report.engine,
    apps: report.apps.flatMap((r) =>
      r.facts
        ? [
            {
              app: r.app,
              singleBytes: r.facts.single.facts.uncompressedBytes,
              multiBytes: r.facts.multi.facts.uncompressedBytes,
              compressedBytes: r.facts.multi.facts.compressedBytes,
              ...(r.tutorial ? { tutorial: { singleBytes: r.tutorial.singleBytes, multiBytes: r.tutorial.multiBytes, reductionPercent: r.tutorial.reductionPercent } } : {}),
            },
          ]
        : [],
    ),
    claims: { holds: counts.holds, doesNotHold: counts['does not hold'], notChecked: counts['not checked yet'] },
  };
}

/** The tables the README holds, by marker name. */
export function readmeBlocks(figures: ReadmeFigures): Record<string, string> {
  const sizes = markdownTable(
    ['app', 'single-stage', 'multi-stage', 'compressed', 'reduction', 'tutorial'],
    figures.apps.map((a) => [
      a.app,
      formatBytes(a.singleBytes),
      formatBytes(a.multiBytes),
      formatBytes(a.compressedBytes),
      `${reductionPercent(a.singleBytes, a.multiBytes).toFixed(1)}%`,
      a.tutorial ? `${formatBytes(a.tutorial.singleBytes)} -> ${formatBytes(a.tutorial.multiBytes)} (${a.tutorial.reductionPercent}%)` : '(no figure)',
    ]),
  );
  const { holds, doesNotHold, notChecked } = figures.claims;
  return {
    sizes: [`\`pnpm verify\` on Docker ${figures.engine}, ${figures.generatedAt.slice(0, 10)} (base images forged locally):`, '', sizes].join('\n'),
    claims: `Of the tutorial's ${holds + doesNotHold + notChecked} claims, ${holds} hold, ${doesNotHold} do not hold (findings, with the measured numbers) and ${notChecked} are not checked yet (each with the reason), in \`reports/claims.md\` and \`reports/index.html\`.`,
  };
}

const open = (name: string) => `<!-- figures:${name} -->`;
const close = (name: string) => `<!-- /figures:${name} -->`;

/** The text between a block's markers, or undefined when the markers are not there. */
export function blockIn(text: string, name: string): string | undefined {
  const start = text.indexOf(open(name));
  const end = text.indexOf(close(name));
  if (start < 0 || end < start) return undefined;
  return text.slice(start + open(name).length, end).trim();
}

/** The text with each block written between its markers; a block without markers is an error. */
export function withBlocks(text: string, blocks: Record<string, string>, file = 'README.md'): string {
  let out = text;
  for (const [name, content] of Object.entries(blocks)) {
    if (blockIn(out, name) === undefined) throw new Error(`${file} has no ${open(name)} ... ${close(name)} markers for the ${name} figures`);
    const start = out.indexOf(open(name)) + open(name).length;
    out = `${out.slice(0, start)}\n${content}\n${out.slice(out.indexOf(close(name)))}`;
  }
  return out;
}

/** Blocks whose text in the README differs from what the figures give, each with both versions. */
export function staleBlocks(text: string, blocks: Record<string, string>): { name: string; readme: string | undefined; figures: string }[] {
  return Object.entries(blocks)
    .filter(([name, content]) => blockIn(text, name) !== content.trim())
    .map(([name, content]) => ({ name, readme: blockIn(text, name), figures: content }));
}
