// `pnpm report:merge [--out DIR] PATH...`: merges claims reports (each PATH a claims.json, or a
// folder searched for them, as CI's downloaded artifacts are laid out: one folder per job) into
// one, and writes it again: claims.json, claims.md, index.html and its screenshot. The
// tutorial's claims are decided again on all the apps together. A catalogue app with no report
// leaves the claims that rest on it not checked, and the merge exits 1.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BadInputError } from '../bad-input.ts';
import { catalogue } from '../catalogue/index.ts';
import { findReports, mergeReports } from '../report/merge.ts';
import { reportsDir } from '../paths.ts';
import { asClaimsReport } from '../report/schema.ts';
import { writeReport } from '../report/write-report.ts';
import { parseCommandLine, runCommand } from './terminal.ts';

const usage = 'usage: pnpm report:merge [--out DIR] PATH... (each PATH a claims.json, or a folder holding some)';

await runCommand(async () => {
  const { values, positionals } = parseCommandLine(usage, { allowPositionals: true, options: { out: { type: 'string' } } });
  if (positionals.length === 0) throw new BadInputError(usage);
  const missing = positionals.filter((p) => !existsSync(p));
  if (missing.length) throw new BadInputError(`no such file or folder: ${missing.join(', ')}; ${usage}`);
  // Every catalogue app (LAB_APPS narrows it, as for pnpm verify) must have sent a report.
  const expected = catalogue().map((e) => e.name);
  const out = path.resolve(values.out ?? reportsDir);
  const files = (await findReports(positionals)).filter((f) => path.resolve(f) !== path.join(out, 'claims.json'));
  if (files.length === 0) {
    process.stderr.write(`no claims.json under ${positionals.join(', ')}\n`);
    return 1;
  }
  const reports = await Promise.all(files.map(async (f) => asClaimsReport(JSON.parse(await readFile(f, 'utf8')), f)));
  const merged = mergeReports(reports, expected);
  const written = await writeReport(merged, out);
  process.stdout.write(
    `merged ${files.length} report(s), apps ${merged.apps.map((a) => a.app).join(', ')}, into ${path.relative(process.cwd(), out) || '.'}: ${written.files.map((f) => path.basename(f)).join(', ')}\n`,
  );
  for (const problem of written.pageProblems) process.stderr.write(`index.html: ${problem}\n`);
  // An app whose job failed sends no report: the claims resting on it are not decided, and the
  // merge fails, so a green merge always covers every app.
  if (merged.noReportFrom?.length) {
    const waiting = merged.tutorialClaims.filter((c) => c.verdict === 'not checked yet' && c.detail.startsWith('no report from'));
    process.stderr.write(
      `no report from ${merged.noReportFrom.join(', ')}: ${waiting.length} claim(s) that name ${merged.noReportFrom.length > 1 ? 'them' : 'it'}, or every app, are not checked\n`,
    );
    return 1;
  }
  return 0;
});
