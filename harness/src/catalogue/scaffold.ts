// `pnpm new-app NAME --like APP`: a new app as a copy of one that follows the conventions, in the
// three places an app is (its folder, its Dockerfiles' folder, its entry file), with APP's name
// made NAME in every text file. The entry keeps APP's budgets as a start: they are NAME's once it
// is measured; the tutorial's row and the loosenings of APP's own limits are left out.
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BadInputError } from '../bad-input.ts';
import { leftOutOfCopies } from '../paths.ts';
import { conventionalPaths } from './define-app.ts';
import type { AppEntry } from './types.ts';

/** Where the entry files are, repository-relative. */
export const entriesDir = 'harness/src/catalogue/apps';

/** A name an app can take: the image lab/NAME, the folders apps/NAME and dockerfiles/NAME, a package name. */
const appName = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The three places of an app, repository-relative. */
export function placesOf(name: string): { folder: string; dockerfiles: string; entry: string } {
  const { context, dockerfiles } = conventionalPaths(name);
  return { folder: context, dockerfiles: path.dirname(dockerfiles.multi), entry: `${entriesDir}/${name}.ts` };
}

/** Refuses, in one line, a NAME or an APP the scaffold cannot take (before anything is written). */
export function checkScaffold(name: string, like: AppEntry | undefined, likeName: string, catalogue: AppEntry[], root: string): void {
  if (!appName.test(name))
    throw new BadInputError(`'${name}' cannot name an app: lower-case letters and digits in words joined by single hyphens (e.g. orders-api)`);
  if (name === 'all') throw new BadInputError("'all' cannot name an app: CI's matrix uses it for the job that runs every app");
  const existing = Object.values(placesOf(name)).filter((place) => existsSync(path.join(root, place)));
  const taken = catalogue.some((e) => e.name === name) ? `the catalogue has ${name} already` : existing[0] && `${existing[0]} exists`;
  if (taken) throw new BadInputError(`${name} is taken (${taken}): choose another name`);
  const conventional = catalogue.filter((e) => followsConvention(e)).map((e) => e.name);
  if (!like) throw new BadInputError(`--like ${likeName}: not in the catalogue; name one of ${conventional.join(', ')}`);
  if (!followsConvention(like)) {
    throw new BadInputError(
      `--like ${like.name}: its build context (${like.context}) or Dockerfiles are not its own folders, so a copy would share them; name one of ${conventional.join(', ')}`,
    );
  }
}

function followsConvention(entry: AppEntry): boolean {
  const convention = conventionalPaths(entry.name);
  return (
    entry.context === convention.context &&
    entry.dockerfiles.single === convention.dockerfiles.single &&
    entry.dockerfiles.multi === convention.dockerfiles.multi
  );
}

/** The entry file's text for NAME, from APP's: names made NAME, its own header, no tutorial row, no loosenings. */
export function entryText(likeText: string, like: string, name: string): string {
  let text = renamed(likeText, like, name);
  text = text.replace(/^  tutorial: \{.*\},\n/m, '');
  // In single or double quotes: the formatter picks double ones for a title with an apostrophe.
  text = text.replace(/^  title: (?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"),$/m, `  title: '${name}: started from ${like} (say here what it shows)',`);
  text = withoutLoosened(text);
  // The header comment described APP: the lines above `export default`.
  return text.replace(
    /(?:^\/\/.*\n)+(?=(?:const [^\n]*\n\n)*export default defineApp\()/m,
    `// ${name}: started from ${like} with \`pnpm new-app ${name} --like ${like}\`. Its limits and measured\n// figures are ${like}'s until ${name} is measured (README.md, "Adding an app").\n`,
  );
}

/** Writes the three places of NAME as a copy of APP under root; returns what it wrote, repository-relative. */
export async function scaffoldApp(root: string, like: string, name: string): Promise<string[]> {
  const from = placesOf(like);
  const to = placesOf(name);
  const written: string[] = [];
  for (const folder of ['folder', 'dockerfiles'] as const) {
    await cp(path.join(root, from[folder]), path.join(root, to[folder]), { recursive: true, filter: (src) => !leftOutOfCopies.has(path.basename(src)) });
    written.push(...(await renameInside(path.join(root, to[folder]), like, name)).map((file) => path.join(to[folder], file)));
  }
  await writeFile(path.join(root, to.entry), entryText(await readFile(path.join(root, from.entry), 'utf8'), like, name), { flag: 'wx' });
  written.push(to.entry);
  return written;
}

function renamed(text: string, like: string, name: string): string {
  return text.replaceAll(like, name);
}

/** Makes APP NAME in every text file under dir (a binary, with a NUL byte, is left as it is), and in file names. */
async function renameInside(dir: string, like: string, name: string): Promise<string[]> {
  const files: string[] = [];
  for (const dirent of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!dirent.isFile()) continue;
    const file = path.join(dirent.parentPath, dirent.name);
    const content = await readFile(file);
    if (!content.includes(0)) await writeFile(file, renamed(content.toString('utf8'), like, name));
    let final = file;
    if (dirent.name.includes(like)) {
      final = path.join(dirent.parentPath, renamed(dirent.name, like, name));
      await rename(file, final);
    }
    files.push(path.relative(dir, final));
  }
  return files.sort();
}

/** The text without any `loosened: { ... }` record (with its trailing comma): a record of APP's limits, not NAME's. */
function withoutLoosened(text: string): string {
  for (let at = text.search(/\n\s*loosened: \{/); at !== -1; at = text.search(/\n\s*loosened: \{/)) {
    let depth = 0;
    let end = text.indexOf('{', at);
    for (let quote: string | null = null; end < text.length; end++) {
      const c = text[end]!;
      if (quote) {
        if (c === '\\') end++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    const after = text[end + 1] === ',' ? end + 2 : end + 1;
    text = text.slice(0, at) + text.slice(after);
  }
  return text;
}
