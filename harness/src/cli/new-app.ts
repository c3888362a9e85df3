// `pnpm new-app NAME --like APP`: a new app, as a copy of APP in its three places (apps/NAME,
// dockerfiles/NAME, the entry file catalogue/apps/NAME.ts; catalogue/scaffold.ts). Needs no
// Docker engine; nothing else is edited: the catalogue, the contract tests and CI's matrix find
// the entry by its file.
import { BadInputError } from '../bad-input.ts';
import { entries } from '../catalogue/discover.ts';
import { checkScaffold, placesOf, scaffoldApp } from '../catalogue/scaffold.ts';
import { repoRoot } from '../paths.ts';
import { parseCommandLine, runCommand } from './terminal.ts';

const usage = 'usage: pnpm new-app NAME --like APP';

await runCommand(async () => {
  const { values, positionals } = parseCommandLine(usage, {
    allowPositionals: true,
    options: { like: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const [name] = positionals;
  if (!name || positionals.length > 1 || !values.like)
    throw new BadInputError(
      `${!name ? 'name the new app' : positionals.length > 1 ? `one NAME, not ${positionals.join(' ')}` : 'say which app to start from with --like APP'}; ${usage}`,
    );
  checkScaffold(
    name,
    entries.find((e) => e.name === values.like),
    values.like,
    entries,
    repoRoot,
  );
  const written = await scaffoldApp(repoRoot, values.like, name);
  const places = placesOf(name);
  process.stdout.write(
    [
      `wrote ${name} from ${values.like}: ${places.folder}/, ${places.dockerfiles}/ (${written.length - 1} files) and ${places.entry}`,
      `  next: make it ${name}'s own (its README, title and what it serves), \`pnpm install\` if it has a package.json,`,
      `  then \`pnpm verify --app ${name}\`, set its limits from what it measured, \`pnpm verify --record\` and`,
      '  `node harness/src/tasks/budget-baseline.ts` (README.md, "Adding an app")',
      '',
    ].join('\n'),
  );
  return 0;
});
