// The README's layout table stays true: it names every folder of harness/src (a new one is
// described where a reader looks first), and every path it names exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRepo } from '../../src/paths.ts';

/** The first column of the table in the README's "## Layout" section: the paths it names. */
function layoutPaths(readme: string): string[] {
  const section = readme.split(/^## Layout$/m)[1]?.split(/^## /m)[0] ?? '';
  const block = section.split('```')[1] ?? '';
  return block
    .split('\n')
    .filter((line) => /^\S/.test(line))
    .map((line) => line.split(/\s+/)[0]!);
}

const paths = layoutPaths(readFileSync(fromRepo('README.md'), 'utf8'));

describe("the README's layout table", () => {
  it('is found', () => {
    expect(paths.length).toBeGreaterThan(10);
  });

  it('names every folder of harness/src', () => {
    const folders = readdirSync(fromRepo('harness/src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    const named = new Set(paths.flatMap((p) => /^harness\/src\/([^/<*]+)\//.exec(p)?.[1] ?? []));
    expect(folders.filter((folder) => !named.has(folder))).toEqual([]);
  });

  it('names only paths that exist (a placeholder such as <app> or *.ts: its folder)', () => {
    const missing = paths.filter((p) => {
      const fixed = p.split(/[<*]/)[0]!;
      return !existsSync(fromRepo(fixed.endsWith('/') || !fixed.includes('/') ? fixed : path.dirname(fixed)));
    });
    expect(missing).toEqual([]);
  });
});
