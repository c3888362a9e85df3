// `pnpm readme`: renders the README's figure tables again from the committed figures/*.json,
// after a change to how they are rendered; measuring again is `pnpm verify` and `pnpm bench`.
import { rerenderReadme } from '../report/readme.ts';

const changed = await rerenderReadme();
process.stdout.write(`README.md: ${changed.length ? `${changed.join(' and ')} rendered again` : 'already what figures/*.json render to'}\n`);
