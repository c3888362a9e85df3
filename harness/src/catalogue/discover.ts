// The catalogue's entries, found by their files: every apps/NAME.ts is one app, so adding an app
// adds a file and edits no list. Their order is their file names' (code point order), which the
// report, the figures and the CI matrix keep. Imports nothing outside Node, so CI's matrix job
// (tasks/ci-matrix.ts) runs it before any install.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDefinedApp } from './define-app.ts';
import type { AppEntry } from './types.ts';

/** The folder of the entry files. */
export const appsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'apps');

/** The entry of each NAME.ts in dir, in file-name order; one whose export or name is wrong is refused, naming its file. */
export async function discoverEntries(dir: string = appsDir): Promise<AppEntry[]> {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const name = path.basename(file, '.ts');
      const { default: entry } = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: unknown };
      if (!isDefinedApp(entry))
        throw new Error(`${path.join(dir, file)}: its default export must be defineApp({ ... }) (catalogue/define-app.ts), so the entry is type-checked`);
      if (entry.name !== name)
        throw new Error(
          `${path.join(dir, file)}: the entry's name is '${entry.name}'; an entry file is named for its app (${entry.name}.ts), or the app for its file ('${name}')`,
        );
      return entry;
    }),
  );
}

/** Every entry, validated by no one yet (catalogue/index.ts validates them). */
export const entries: AppEntry[] = await discoverEntries();
