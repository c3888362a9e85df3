// nothing-of-the-build: no path of the production image's final filesystem matches the entry's
// deny globs (compilers, package managers, dev dependencies, sources, tests), each hit named with
// the layer that put it there.
import picomatch from 'picomatch';
import type { AppEntry } from '../catalogue/types.ts';
import type { ImageFacts } from '../inspect/image.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';
import { layersOf } from './layers.ts';

declare module '../catalogue/types.ts' {
  interface AppEntry {
    /**
     * Paths that must not exist in the production image's filesystem: compilers, package
     * managers, dev dependencies, sources, tests. Glob syntax: `*` within a path segment,
     * `**` across segments; absolute paths, e.g. "/usr/local/bin/npm", "/app/src/**".
     */
    deny: string[];
  }
}

/** Paths of the image that a deny pattern matches, with the layer that put them there. */
export function deniedFiles(entry: AppEntry, image: ImageFacts): { path: string; pattern: string; layer: number }[] {
  const matchers = entry.deny.map((pattern) => ({ pattern, test: picomatch(pattern, { dot: true }) }));
  const hits: { path: string; pattern: string; layer: number; directory: boolean }[] = [];
  for (const file of image.files) {
    const hit = matchers.find((m) => m.test(file.path));
    if (hit) hits.push({ path: file.path, pattern: hit.pattern, layer: file.layer, directory: file.type === 'directory' });
  }
  // A folder is named only when nothing denied lies below it: "/src/app.ts" says "/src" already.
  const holding = new Set(hits.map((h) => h.path.slice(0, h.path.lastIndexOf('/'))));
  const named = hits.filter((h) => !h.directory || !holding.has(h.path));
  return named.map(({ directory: _directory, ...hit }) => hit);
}

export function checkNothingOfTheBuild(entry: AppEntry, image: ImageFacts): Verdict {
  const hits = deniedFiles(entry, image);
  const shown = hits.slice(0, 10).map((h) => `${h.path} (matches ${h.pattern}, layer ${h.layer})`);
  return verdict(
    hits.length === 0,
    `none of: ${entry.deny.join(', ')}`,
    hits.length === 0 ? 'none present' : `${hits.length} denied path(s): ${shown.join('; ')}${hits.length > 10 ? '; ...' : ''}`,
    `put there by:\n${layersOf(
      image,
      hits.map((h) => h.layer),
    )}`,
  );
}

export const nothingOfTheBuild: ContractModule = {
  kind: 'contract',
  id: 'nothing-of-the-build',
  fixtures: ['leaks-sources'],
  checks: (entry) => [
    {
      id: 'nothing-of-the-build',
      title: 'no compilers, package managers, dev dependencies, sources or tests',
      evaluate: (f) => checkNothingOfTheBuild(entry, f.multi.facts),
    },
  ],
};
