// `node harness/src/tasks/budget-baseline.ts`: after a limit was tightened, or a budget added,
// writes harness/src/catalogue/budget-baseline.json again with every limit at its tightest. It
// never loosens a baseline: a looser limit keeps its baseline and says why in the entry
// (`loosened`), which harness/test/unit/catalogue.test.ts checks.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../write-atomic.ts';

import { entries } from '../catalogue/index.ts';
import { baselineFile, ratchetBaseline } from '../catalogue/budgets.ts';
import { fromRepo } from '../paths.ts';

const file = fromRepo(baselineFile);
const current = JSON.parse(await readFile(file, 'utf8')) as { about: string; apps: Record<string, Record<string, number>> };
const apps = ratchetBaseline(entries, current.apps);
const changed = entries.flatMap((e) =>
  Object.entries(apps[e.name] ?? {})
    .filter(([name, value]) => current.apps[e.name]?.[name] !== value)
    .map(([name, value]) => `${e.name} ${name}: ${current.apps[e.name]?.[name] ?? 'new'} -> ${value}`),
);
await writeFileAtomic(file, `${JSON.stringify({ ...current, apps }, null, 2)}\n`);
process.stdout.write(changed.length ? `${changed.join('\n')}\n` : 'the baseline already holds every limit at its tightest\n');
