// Every link of the README, docs/ and the app and Dockerfile READMEs stays in the repository: one
// that leaves it (the tutorial beside it, ../shared/...) is broken in a clone and on the web.
// Relative links must also name a file or folder that is there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRepo, repoRoot } from '../../src/paths.ts';

function markdownUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const full = path.join(dir, e.name);
    return e.isDirectory() ? markdownUnder(full) : e.name.endsWith('.md') ? [full] : [];
  });
}

/** The relative targets of a markdown file's links and images, anchors and queries cut. */
function relativeLinks(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g), ...markdown.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]!);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#')).map((t) => t.replace(/[#?].*$/, ''));
}

const files = [fromRepo('README.md'), ...markdownUnder(fromRepo('docs')), ...markdownUnder(fromRepo('apps')), ...markdownUnder(fromRepo('dockerfiles'))];

describe('links in the documentation', () => {
  it('are read from a markdown link, a reference and an image, not from a URL or an anchor', () => {
    expect(relativeLinks('[a](../x.md#y) ![i](img.png "t") [b](https://e.org/) [c](#here)\n[r]: docs/z.md\n')).toEqual(['../x.md', 'img.png', 'docs/z.md']);
  });

  it.each(files.map((f) => [path.relative(repoRoot, f), f] as const))('%s: every relative link stays in the repository and is there', (_name, file) => {
    for (const target of relativeLinks(readFileSync(file, 'utf8'))) {
      const resolved = target.startsWith('/') ? path.join(repoRoot, target) : path.resolve(path.dirname(file), target);
      expect(path.relative(repoRoot, resolved).startsWith('..'), `${target} leaves the repository`).toBe(false);
      expect(existsSync(resolved), `${target} is not there`).toBe(true);
    }
  });
});
