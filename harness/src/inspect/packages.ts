// How many packages an image holds, for the report ("Fewer packages = smaller attack surface"):
// OS packages as dpkg records them (/var/lib/dpkg/status, or distroless's status.d with one
// file per package), and language packages by the folders their package managers leave
// (node_modules packages, Python distributions, jars, Go modules in the module cache). Read
// from the image's files, without running it; cached per image id.
import { mkdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../write-atomic.ts';
import path from 'node:path';
import type { FileRecord } from './filesystem.ts';
import type { ImageFacts } from './image.ts';
import { readImageFiles } from './file-contents.ts';
import { cacheDir } from '../paths.ts';
import { isDpkgDatabase, osPackagesOf, type OsPackages } from './dpkg.ts';

export interface LanguagePackages {
  /** "npm", "python", "java" or "go". */
  ecosystem: string;
  count: number;
}

/** OS packages (0 where the image has no dpkg database: scratch, a bare binary) and language packages. */
export interface PackageCounts extends OsPackages {
  language: LanguagePackages[];
}

const matchers: { ecosystem: string; test: RegExp }[] = [
  // A package's own package.json, right under a node_modules folder (pnpm's .pnpm/<dir>/node_modules/<name> included).
  { ecosystem: 'npm', test: /\/node_modules\/(?:@[^/]+\/)?[^/@.][^/]*\/package\.json$/ },
  // One .dist-info (or .egg-info) per installed Python distribution.
  { ecosystem: 'python', test: /\/(?:site|dist)-packages\/[^/]+\.(?:dist|egg)-info\/(?:METADATA|PKG-INFO)$/ },
  { ecosystem: 'java', test: /\.jar$/ },
  // The module cache keeps one .zip per downloaded module version.
  { ecosystem: 'go', test: /\/pkg\/mod\/cache\/download\/.+\/@v\/[^/]+\.zip$/ },
];

/** Language packages by the files their package managers leave, from the image's file list. */
export function languagePackages(files: Pick<FileRecord, 'path' | 'type'>[]): LanguagePackages[] {
  const counts = new Map<string, number>();
  for (const file of files) {
    if (file.type !== 'file') continue;
    const hit = matchers.find((m) => m.test.test(file.path));
    if (hit) counts.set(hit.ecosystem, (counts.get(hit.ecosystem) ?? 0) + 1);
  }
  return matchers.flatMap((m) => (counts.has(m.ecosystem) ? [{ ecosystem: m.ecosystem, count: counts.get(m.ecosystem)! }] : []));
}

/**
 * Counts of OS and language packages of an inspected image: the OS count from what the
 * inspection read on its pass (ImageFacts.osPackages); facts made without it (a fixture) read
 * the dpkg database from the image.
 */
export async function countPackages(image: ImageFacts): Promise<PackageCounts> {
  const language = languagePackages(image.files);
  if (image.osPackages) return { ...image.osPackages, language };
  const cacheFile = path.join(cacheDir, 'inspect', `${image.id.replace(/^sha256:/, '')}.packages.json`);
  const cached = await readFile(cacheFile, 'utf8').catch(() => undefined);
  if (cached) return JSON.parse(cached) as PackageCounts;
  const hasDatabase = image.files.some((f) => isDpkgDatabase(f.path) && f.type === 'file');
  const read = hasDatabase ? await readImageFiles(image.id, isDpkgDatabase) : [];
  const texts = read.flatMap((f) => (f.content ? [{ path: f.path, text: f.content.toString('utf8') }] : []));
  const counts: PackageCounts = { ...osPackagesOf(texts), language };
  await mkdir(path.dirname(cacheFile), { recursive: true });
  await writeFileAtomic(cacheFile, JSON.stringify(counts));
  return counts;
}
