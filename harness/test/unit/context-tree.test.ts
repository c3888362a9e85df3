// The build context as the harness serves it to BuildKit: fsutil's walk order, the
// .dockerignore the frontend sends as exclude patterns (with `!` exceptions), follow paths
// (how the frontend fetches one file), extra host files, and never the Dockerfile.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextPaths, walkContext, type ContextSource, type TreeFilter } from '../../src/engine/context-tree.ts';
import { goFileMode } from '../../src/engine/file-sync.ts';

async function paths(source: ContextSource, filter: TreeFilter = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of walkContext(source, filter)) out.push(entry.path);
  return out;
}

describe('the build context', () => {
  let root: string;
  let app: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'lab-ctx-'));
    app = path.join(root, 'app');
    await mkdir(path.join(app, 'src/lib'), { recursive: true });
    await mkdir(path.join(app, 'node_modules/x'), { recursive: true });
    await writeFile(path.join(app, 'src/index.ts'), 'export {};');
    await writeFile(path.join(app, 'src/lib/a.ts'), '');
    await writeFile(path.join(app, 'src.txt'), '');
    await writeFile(path.join(app, 'B.md'), '');
    await writeFile(path.join(app, 'node_modules/x/index.js'), '');
    await writeFile(path.join(root, 'extra'), 'x');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('is walked as fsutil walks it: names in byte order, each folder before what it holds', async () => {
    expect(await paths({ dir: app })).toEqual(['B.md', 'node_modules', 'node_modules/x', 'node_modules/x/index.js', 'src', 'src/index.ts', 'src/lib', 'src/lib/a.ts', 'src.txt']);
  });

  it('leaves out what the .dockerignore patterns exclude, keeps `!` exceptions and the folders that lead to them', async () => {
    expect(await contextPaths({ dir: app }, ['node_modules', '*.md'])).toEqual(['src', 'src/index.ts', 'src/lib', 'src/lib/a.ts', 'src.txt']);
    expect(await contextPaths({ dir: app }, ['*', '!src/lib'])).toEqual(['src', 'src/lib', 'src/lib/a.ts']);
  });

  it('sends only the follow paths (and a symlink’s target) when asked for one file', async () => {
    await symlink('src/index.ts', path.join(app, 'link.ts'));
    expect(await paths({ dir: app }, { followPaths: ['src.txt', 'missing.dockerignore'] })).toEqual(['src.txt']);
    expect(await paths({ dir: app }, { followPaths: ['link.ts'] })).toEqual(['link.ts', 'src', 'src/index.ts']);
  });

  it('places extra host files at their destinations, subject to the same patterns', async () => {
    const source = { dir: app, extraFiles: { 'bin/tool': path.join(root, 'extra'), 'src/extra.ts': path.join(root, 'extra') } };
    expect(await contextPaths(source, ['node_modules', '*.md'])).toEqual(['bin', 'bin/tool', 'src', 'src/extra.ts', 'src/index.ts', 'src/lib', 'src/lib/a.ts', 'src.txt']);
    expect(await contextPaths(source, ['node_modules', '*.md', 'bin'])).not.toContain('bin/tool');
  });

  it("sends modes as Go's os.FileMode, the type in its own bits", async () => {
    const modes = new Map<string, number>();
    await symlink('src.txt', path.join(app, 'link'));
    for await (const entry of walkContext({ dir: app })) modes.set(entry.path, goFileMode(entry.stats));
    expect(modes.get('src')! >>> 0).toBe(((1 << 31) | 0o755) >>> 0);
    expect(modes.get('src.txt')! & 0o777).toBe(0o644);
    expect(modes.get('link')! & (1 << 27)).toBe(1 << 27);
  });
});
