import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import tar from 'tar-stream';
import { readLayer } from '../../src/inspect/file-contents.ts';

async function layerTar(): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name: 'etc/ssl/certs/ca-certificates.crt' }, 'the bundle\n');
  pack.entry({ name: 'etc/ssl/certs/copy.crt', type: 'link', linkname: 'etc/ssl/certs/ca-certificates.crt' });
  pack.entry({ name: 'usr/bin/node' }, 'not wanted');
  pack.entry({ name: 'usr/local/share/ca-certificates/.wh.old.crt' }, '');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('reading files of a layer', () => {
  for (const [kind, encode] of [
    ['a plain tar (classic image store)', (b: Buffer) => b],
    ["a gzip'd blob (containerd image store)", gzipSync],
  ] as const) {
    it(`reads the wanted files, hard links and whiteouts of ${kind}`, async () => {
      const read = await readLayer(new PassThrough().end(encode(await layerTar())), (path) => path.startsWith('/etc/ssl/'));
      expect(read.entries.map((e) => e.path)).toEqual([
        '/etc/ssl/certs/ca-certificates.crt',
        '/etc/ssl/certs/copy.crt',
        '/usr/local/share/ca-certificates/.wh.old.crt',
      ]);
      expect(read.contents.get('/etc/ssl/certs/ca-certificates.crt')?.toString()).toBe('the bundle\n');
      expect(read.links.get('/etc/ssl/certs/copy.crt')).toBe('/etc/ssl/certs/ca-certificates.crt');
    });
  }
});
