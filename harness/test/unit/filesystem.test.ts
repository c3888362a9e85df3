import { describe, expect, it } from 'vitest';
import { mergeLayers, normaliseEntryName, type LayerEntry } from '../../src/inspect/filesystem.ts';

const file = (path: string, size = 1): LayerEntry => ({ path, type: 'file', size, mode: 0o644 });
const dir = (path: string): LayerEntry => ({ path, type: 'directory', size: 0, mode: 0o755 });

describe('the final filesystem of an image', () => {
  it('normalises tar entry names to absolute paths', () => {
    expect(normaliseEntryName('./usr/bin/')).toBe('/usr/bin');
    expect(normaliseEntryName('usr/bin/node')).toBe('/usr/bin/node');
  });

  it('keeps the layer that last wrote each file', () => {
    const files = mergeLayers([[dir('/app'), file('/app/a', 1)], [file('/app/a', 2)]]);
    expect(files.get('/app/a')).toMatchObject({ size: 2, layer: 1 });
    expect(files.get('/app')).toMatchObject({ layer: 0 });
  });

  it('applies a whiteout to the file and everything below it', () => {
    const files = mergeLayers([[dir('/src'), file('/src/a.ts'), file('/src/lib/b.ts'), file('/srcx')], [file('/.wh.src')]]);
    expect([...files.keys()]).toEqual(['/srcx']);
  });

  it('applies an opaque whiteout: the folder stays, its lower contents go', () => {
    const files = mergeLayers([
      [dir('/cache'), file('/cache/old')],
      [dir('/cache'), file('/cache/.wh..wh..opq'), file('/cache/new')],
    ]);
    expect([...files.keys()].sort()).toEqual(['/cache', '/cache/new']);
  });
});
