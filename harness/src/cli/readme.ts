// `pnpm readme`: renders the figure sections of the root README and of every app's README again
// from the committed figures/*.json, after a change to how they are rendered; measuring again is
// `pnpm verify` and `pnpm bench`.
import { rerenderReadme } from '../report/readme.ts';

const changed = await rerenderReadme();
process.stdout.write(changed.length ? `rendered again: ${changed.join(', ')}\n` : 'every README already shows what figures/*.json render to\n');
