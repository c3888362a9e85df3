// `pnpm readme:figures [CLAIMS_JSON]`: takes the README's figures from a claims report
// (reports/claims.json by default), keeps them in docs/figures.json and writes README.md's
// tables between their markers. Run it after `pnpm verify` (or `pnpm report:merge`) on all apps.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromRepo, reportsDir } from '../paths.ts';
import { figuresOf, readmeBlocks, withBlocks } from '../report/readme-figures.ts';
import { asClaimsReport } from '../report/schema.ts';

const source = path.resolve(process.argv[2] ?? path.join(reportsDir, 'claims.json'));
const report = asClaimsReport(JSON.parse(await readFile(source, 'utf8')), source);
const figures = figuresOf(report);
const readme = fromRepo('README.md');
await writeFile(fromRepo('docs/figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
await writeFile(readme, withBlocks(await readFile(readme, 'utf8'), readmeBlocks(figures)));
process.stdout.write(`README.md and docs/figures.json: figures of ${figures.apps.map((a) => a.app).join(', ')} from ${path.relative(process.cwd(), source)}\n`);
