// `pnpm fork APP DIR [--no-git] [--name NAME] [--source URL] [--description TEXT]`: writes APP
// of the catalogue into DIR as a repository of its own (see harness/src/fork/fork.ts). Needs no
// Docker engine.
import path from 'node:path';
import { entries } from '../catalogue/index.ts';
import { validateCatalogue } from '../catalogue/load.ts';
import { BadInputError } from '../bad-input.ts';
import { forkApp } from '../fork/fork.ts';
import { parseCommandLine, runCommand } from './terminal.ts';

const usage = 'usage: pnpm fork APP DIR [--no-git] [--name NAME] [--source URL] [--description TEXT]';

// A refusal, a folder that is not empty, a fork that would point back here: the message says it all.
await runCommand(async () => {
  const { values, positionals } = parseCommandLine(usage, {
    allowPositionals: true,
    options: {
      'no-git': { type: 'boolean', default: false },
      name: { type: 'string' },
      source: { type: 'string' },
      description: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const [app, dir] = positionals;
  if (!app || !dir || positionals.length > 2) throw new BadInputError(usage);
  const catalogue = validateCatalogue(entries);
  const entry = catalogue.find((e) => e.name === app);
  if (!entry) throw new BadInputError(`no app ${app} in the catalogue (it has ${catalogue.map((e) => e.name).join(', ')})`);
  // pnpm runs scripts from the repository's root: a relative DIR means the caller's folder.
  const callerDir = process.env.INIT_CWD ?? process.cwd();
  const target = path.resolve(callerDir, dir);
  const result = await forkApp(entry, catalogue, {
    dir: target,
    git: !values['no-git'],
    ...(values.name ? { name: values.name } : {}),
    ...(values.source ? { source: values.source } : {}),
    ...(values.description ? { description: values.description } : {}),
  });
  const { identity } = result;
  process.stdout.write(
    [
      `forked ${app} into ${result.dir}: ${result.files.length} files${result.commit ? `, one commit (${result.commit.slice(0, 12)})` : ''}`,
      `  image title ${identity.title}, source ${identity.source || '(none: pass --source URL or add a git remote, or CI sets it)'} (from the ${identity.from})`,
      ...(result.removedScripts.length ? [`  package.json scripts left out (they ran files that stay here): ${result.removedScripts.join(', ')}`] : []),
      `  next: its README.md says how to build, test and run each target (cd ${path.relative(callerDir, result.dir) || '.'})`,
      '',
    ].join('\n'),
  );
  return 0;
});
