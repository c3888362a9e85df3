// Whether a run's figures go into tracked files (figures/*.json and the README sections they
// render to). A user's `pnpm verify` or `pnpm bench` writes reports/ only, so a fresh clone is as
// clean after its first command as before it; recording the figures is a maintainer's explicit
// step (`--record`, over the whole catalogue: the root README shows every app). Either way
// readme-figures.test.ts holds every README to the committed figures (CI's check that they match).
import { BadInputError } from '../bad-input.ts';
import type { BenchFigures, SizeFigures } from '../catalogue/figure-files.ts';
import { updateReadme, type SectionName } from './readme-tables.ts';

const recordedBy: Record<SectionName, string> = { sizes: 'pnpm verify --record', bench: 'pnpm bench --record' };
const tables: Record<SectionName, string> = { sizes: 'size tables', bench: 'bench tables' };

/** Refuses `--record` on a run narrowed by --app or LAB_APPS, before anything is measured. */
export function checkRecordable(record: boolean, selected: string[], catalogueNames: string[]): void {
  if (!record) return;
  const left = catalogueNames.filter((name) => !selected.includes(name));
  if (left.length)
    throw new BadInputError(`--record records the figures of every app, and this run leaves out ${left.join(', ')}: drop --app and LAB_APPS, or drop --record`);
}

export interface FiguresDecision {
  /** Whether figures/<section>.json and the READMEs are written. */
  record: boolean;
  /** The line the command prints about it. */
  line: string;
}

/** What becomes of a run's figures (null: the run did not measure every app), and the line that says so. */
export function figuresDecision(section: SectionName, figures: SizeFigures | BenchFigures | null, record: boolean): FiguresDecision {
  const files = `figures/${section}.json, README.md and each app's README`;
  if (!record)
    return {
      record: false,
      line: `READMEs: left as they are (this run wrote reports/ only; \`${recordedBy[section]}\`, over every app, records the ${tables[section]} in ${files})`,
    };
  if (!figures) return { record: false, line: `READMEs: left as they are: --record needs every app measured, and an app was not (see above)` };
  return { record: true, line: `READMEs: ${tables[section]} recorded (${files})` };
}

/** Records the figures into the tracked files when asked (`recordInto`: the writer, a test's spy); the line to print. */
export async function keepFigures(
  section: SectionName,
  figures: SizeFigures | BenchFigures | null,
  record: boolean,
  recordInto: (section: SectionName, figures: SizeFigures | BenchFigures) => Promise<void> = updateReadme,
): Promise<string> {
  const decision = figuresDecision(section, figures, record);
  if (decision.record) await recordInto(section, figures!);
  return decision.line;
}
