// The catalogue: one entry per app, one file per entry under apps/ (found by discover.ts, in
// file-name order). The contract tests, `pnpm verify`'s report, the bench and the CI matrix are
// all generated from it.
import { BadInputError } from '../bad-input.ts';
import { entries } from './discover.ts';
import { validateCatalogue } from './load.ts';
import type { AppEntry } from './types.ts';

export { entries };

let validated: AppEntry[] | undefined;

/** The validated catalogue; LAB_APPS=a,b narrows it (one CI job per app). */
export function catalogue(): AppEntry[] {
  validated ??= validateCatalogue(entries);
  const only = process.env.LAB_APPS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!only?.length) return validated;
  const unknown = only.filter((name) => !validated!.some((e) => e.name === name));
  if (unknown.length)
    throw new BadInputError(
      `LAB_APPS names ${unknown.join(', ')}, which the catalogue does not have: set it to some of ${validated.map((e) => e.name).join(', ')} (comma-separated), or unset it`,
    );
  return validated.filter((e) => only.includes(e.name));
}

/** The apps named (a command's --app), in catalogue order; none named: catalogue(), LAB_APPS and all. */
export function selectApps(names: string[]): AppEntry[] {
  if (names.length === 0) return catalogue();
  validated ??= validateCatalogue(entries);
  const unknown = names.filter((name) => !validated!.some((e) => e.name === name));
  if (unknown.length) throw new BadInputError(`--app ${unknown.join(', ')}: not in the catalogue; name one of ${validated.map((e) => e.name).join(', ')}`);
  return validated.filter((e) => names.includes(e.name));
}

export type { AppEntry } from './types.ts';
