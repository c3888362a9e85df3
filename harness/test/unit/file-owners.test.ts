// The owners of an image's files are read from its layers: the uid and gid each layer's tar
// records, for the file the final filesystem keeps (the measurement behind the `--chown` claim).
import { PassThrough } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { fileOwners } from '../../src/inspect/file-owners.ts';
import { mergeLayers } from '../../src/inspect/filesystem.ts';
import { scanLayer } from '../../src/inspect/layer-scan.ts';

/** One layer: a tar whose entries carry these owners, as BuildKit writes them. */
async function layer(entries: { name: string; uid: number; type?: 'file' | 'directory' }[]): Promise<PassThrough> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const e of entries) {
    const body = e.type === 'directory' ? Buffer.alloc(0) : Buffer.from('x');
    pack.entry({ name: e.name, type: e.type ?? 'file', uid: e.uid, gid: e.uid, mode: 0o644, mtime: new Date(0), size: body.length }, body);
  }
  pack.finalize();
  await ended;
  const stream = new PassThrough();
  stream.end(Buffer.concat(chunks));
  return stream;
}

describe('file owners, from the layers', () => {
  it("reads each entry's uid and gid from its layer", async () => {
    const scan = await scanLayer(
      await layer([
        { name: 'app/', uid: 0, type: 'directory' },
        { name: 'app/server.js', uid: 65532 },
      ]),
      { gzip: false },
    );
    expect(scan.entries.map((e) => [e.path, e.uid, e.gid])).toEqual([
      ['/app', 0, 0],
      ['/app/server.js', 65532, 65532],
    ]);
  });

  it("counts the owners below a folder in the final filesystem: an upper layer's copy replaces a lower one's", async () => {
    const lower = await scanLayer(
      await layer([
        { name: 'app/', uid: 0, type: 'directory' },
        { name: 'app/a.js', uid: 1000 },
        { name: 'app/b.js', uid: 1000 },
        { name: 'etc/passwd', uid: 0 },
      ]),
      { gzip: false },
    );
    const upper = await scanLayer(
      await layer([
        { name: 'app/b.js', uid: 0 },
        { name: 'app/dist/', uid: 0, type: 'directory' },
        { name: 'app/dist/c.js', uid: 0 },
      ]),
      { gzip: false },
    );
    const files = [...mergeLayers([lower.entries, upper.entries]).values()];
    expect(fileOwners(files, '/app')).toEqual({ dir: '/app', files: 4, byUid: { '1000': 1, '0': 3 } });
    expect(fileOwners(files, '/srv')).toEqual({ dir: '/srv', files: 0, byUid: {} });
  });

  it('counts a file whose layer recorded no owner as unknown, not as root', () => {
    expect(fileOwners([{ path: '/app/x', type: 'file', size: 1, mode: 0o644, layer: 0 }], '/app/')).toEqual({ dir: '/app/', files: 1, byUid: { unknown: 1 } });
  });
});
