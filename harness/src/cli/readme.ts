// `pnpm readme`: renders the figure sections of the root README and of every app's README again
// from the committed figures/*.json, after a change to how they are rendered; measuring again is
// `pnpm verify` and `pnpm bench`.
import { rerenderReadme } from '../report/readme-tables.ts';
import { parseCommandLine, runCommand } from './terminal.ts';

await runCommand(async () => {
  // It takes nothing: an argument meant for another command is refused before a README is touched.
  parseCommandLine('usage: pnpm readme (no arguments)', { options: {} });
  const changed = await rerenderReadme();
  process.stdout.write(changed.length ? `rendered again: ${changed.join(', ')}\n` : 'every README already shows what figures/*.json render to\n');
});
