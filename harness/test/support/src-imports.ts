// The imports among harness/src's files, read from their text: what import-floors.test.ts holds
// to floors, and what measure-once.test.ts follows from the modules that measure.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRepo } from '../../src/paths.ts';

export const src = fromRepo('harness/src');
export const srcFiles = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

/** Each file's relative imports and re-exports (static, dynamic and type-only), as src-relative paths. */
export const srcImports = new Map(
  srcFiles.map((file) => {
    const text = readFileSync(path.join(src, file), 'utf8');
    const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm)].map((m) => m[1]!);
    return [file, [...new Set(specifiers.map((s) => path.normalize(path.join(path.dirname(file), s))))].filter((f) => srcFiles.includes(f))];
  }),
);

/** `roots` and every file they import, directly or not. */
export function importClosure(roots: string[]): Set<string> {
  const seen = new Set(roots);
  const next = [...roots];
  for (let file = next.pop(); file !== undefined; file = next.pop()) {
    for (const imported of srcImports.get(file) ?? []) {
      if (seen.has(imported)) continue;
      seen.add(imported);
      next.push(imported);
    }
  }
  return seen;
}
