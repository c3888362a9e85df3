// The inspection cache is keyed by image id and by the inspector's version: a change to how
// images are read is never answered from an entry an older inspector wrote.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectCacheFile, inspectorVersion, sourcesDigest } from '../../src/inspect/cache-key.ts';

describe('the inspection cache key', () => {
  it('holds the image id and the inspector version', () => {
    expect(inspectCacheFile('/cache', 'sha256:abc')).toBe(`/cache/inspect/${inspectorVersion}/abc.json`);
  });

  it('moves with any change to the inspector sources', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lab-inspector-'));
    try {
      await writeFile(path.join(dir, 'image.ts'), 'export const a = 1;\n');
      const before = sourcesDigest(dir);
      expect(sourcesDigest(dir)).toBe(before);
      await writeFile(path.join(dir, 'image.ts'), 'export const a = 2;\n');
      expect(sourcesDigest(dir)).not.toBe(before);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
