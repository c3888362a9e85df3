// CI plumbing: prints the catalogue's app names as one JSON array, for the workflow's matrix
// (`fromJSON(needs.apps.outputs.apps)` in .github/workflows/ci.yml), so the matrix is the
// catalogue's and an added entry file adds its job. Needs no install: discover.ts imports
// nothing outside Node.
import { entries } from '../catalogue/discover.ts';

process.stdout.write(`${JSON.stringify(entries.map((entry) => entry.name))}\n`);
