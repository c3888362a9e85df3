// `pnpm verify`: builds every catalogued app (single- and multi-stage), measures the images,
// runs them, checks the image contract and the tutorial's claims, and writes the claims
// report (reports/claims.md and .json). Run over the whole catalogue, it also writes the README's
// size table (figures/sizes.json and the section it renders to). Exit 1 if an image of ours
// breaks the contract or cannot be built; a tutorial claim that does not hold is reported, and
// is not a failure.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { catalogue, entries } from '../catalogue/index.ts';
import type { AlternativeFacts } from '../contract/facts.ts';
import { requireEngine } from '../engine/docker.ts';
import { describeEngine, engineFacts } from '../engine/facts.ts';
import { removeOwned } from '../engine/ownership.ts';
import { measureApp } from '../measure/app.ts';
import { baseOriginsOf, ensureBasesOf } from '../measure/bases.ts';
import { reportsDir } from '../paths.ts';
import { markdownReport, terminalSummary, type AppReport, type ClaimsReport } from '../report/claims-report.ts';
import { sizeFigures } from '../report/figures.ts';
import { updateReadme } from '../report/readme.ts';
import { suiteFor } from '../suite.ts';
import { buildProgressPrinter, runCli } from './terminal.ts';

async function verifyApp(entry: ReturnType<typeof catalogue>[number]): Promise<AppReport> {
  const suite = suiteFor(entry);
  const report: AppReport = { app: entry.name, title: entry.title, contract: [], claims: [], bases: [], ...(entry.tutorial ? { tutorial: entry.tutorial } : {}) };
  process.stderr.write(`${entry.name}: building and measuring\n`);
  report.bases = await baseOriginsOf(entry);
  try {
    const facts = await measureApp(entry, { onProgress: (variant, event) => buildProgressPrinter(`${entry.name} ${variant}`)(event) });
    report.facts = facts;
    report.contract = suite.contract.map((check) => ({ id: check.id, title: check.title, ...check.evaluate(facts) }));
  } catch (error) {
    report.error = (error as Error).message;
    return report;
  }
  for (const claim of suite.claims) {
    process.stderr.write(`${entry.name}: ${claim.title}\n`);
    try {
      const { details, ...verdict } = await claim.verify();
      report.claims.push({ id: claim.id, title: claim.title, ...verdict });
      // An alternative's measurements go beside production's in the report.
      if (claim.id.startsWith('alternative-')) (report.alternatives ??= []).push(details as AlternativeFacts);
    } catch (error) {
      // A claim that could not be measured (its build failed, say) fails alone, with the reason.
      const reason = (error as Error).message;
      report.claims.push({ id: claim.id, title: claim.title, ok: false, expected: 'measured', found: `could not be measured: ${reason.split('\n')[0]}`, blame: reason });
    }
  }
  return report;
}

await runCli(async () => {
  await requireEngine();
  const engine = await engineFacts();
  process.stderr.write(`engine: ${describeEngine(engine)}\n`);
  await removeOwned('stale');
  await ensureBasesOf(catalogue(), (line) => process.stderr.write(`${line}\n`));
  const apps: AppReport[] = [];
  for (const entry of catalogue()) apps.push(await verifyApp(entry));
  const report: ClaimsReport = { generatedAt: new Date().toISOString(), engine, apps };
  await mkdir(reportsDir, { recursive: true });
  await writeFile(path.join(reportsDir, 'claims.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(reportsDir, 'claims.md'), markdownReport(report));
  const figures = sizeFigures(report, entries.map((e) => e.name));
  if (figures) await updateReadme('sizes', figures);
  process.stdout.write(
    `\n${terminalSummary(report)}\n\nreport: ${path.relative(process.cwd(), path.join(reportsDir, 'claims.md'))}` +
      `\nREADME.md: ${figures ? 'size table written' : 'size table left as it was (only a run that measures every app writes it)'}\n`,
  );
  const broken = apps.some((a) => a.error || a.contract.some((c) => !c.ok) || a.claims.some((c) => !c.ok));
  return broken ? 1 : 0;
});
