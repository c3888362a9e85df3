// The inspection cache is pruned at the end of a run: an image's facts go once the engine lacks
// the image, a layer's scan once no image on the engine has the layer; the rest stays.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectCacheFile, inspectLayersDir } from '../../src/inspect/cache-key.ts';
import { pruneInspectCache } from '../../src/inspect/prune-cache.ts';

const id = (c: string) => c.repeat(64);

describe('pruning the inspection cache', () => {
  it('removes the facts of images and the scans of layers the engine no longer holds, and nothing else', async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'inspect-prune-'));
    try {
      const layers = inspectLayersDir(cacheDir);
      await mkdir(layers, { recursive: true });
      for (const c of ['a', 'b']) {
        await writeFile(inspectCacheFile(cacheDir, `sha256:${id(c)}`), '{}');
        await writeFile(inspectCacheFile(cacheDir, id(c)).replace(/\.json$/, '.size.json'), '1');
      }
      for (const c of ['1', '2', '3']) await writeFile(path.join(layers, `${id(c)}.json`), '{"entries":[]}');
      // Not an entry of either kind: left alone.
      await writeFile(path.join(layers, 'notes.txt'), 'x');

      const removed = await pruneInspectCache(cacheDir, { images: new Set([id('a')]), layers: new Set([id('1'), id('3')]) });

      expect(removed).toEqual({ files: 3, bytes: '{}'.length + '1'.length + '{"entries":[]}'.length });
      expect((await readdir(path.dirname(layers))).sort()).toEqual([`${id('a')}.json`, `${id('a')}.size.json`, 'layers']);
      expect((await readdir(layers)).sort()).toEqual([`${id('1')}.json`, `${id('3')}.json`, 'notes.txt']);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('is nothing to do where the cache has no folder yet', async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), 'inspect-prune-'));
    try {
      expect(await pruneInspectCache(cacheDir, { images: new Set(), layers: new Set() })).toEqual({ files: 0, bytes: 0 });
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
