// The catalogue is found by its files, its entries say only where they depart from the
// conventions, and presets say once what entries share.
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineApp } from '../../src/catalogue/define-app.ts';
import { appsDir, discoverEntries } from '../../src/catalogue/discover.ts';
import { entries } from '../../src/catalogue/index.ts';
import { nothingToRunFetchOrBuild, without } from '../../src/catalogue/presets.ts';

const source = { name: 'x', title: 'x', limits: { uncompressedBytes: { limit: 1 }, compressedBytes: { limit: 1 } }, deny: [] };

describe('the catalogue, found by its files', () => {
  it('has one entry per apps/*.ts, named for its file, in file-name order', () => {
    const files = readdirSync(appsDir).filter((f) => f.endsWith('.ts'));
    expect(entries.map((e) => `${e.name}.ts`)).toEqual([...files].sort());
  });

  describe('refuses an entry file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'lab-discover-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('whose default export is not defineApp({ ... }) (so it was never type-checked as an entry)', async () => {
      await writeFile(path.join(dir, 'plain.ts'), "export default { name: 'plain' };\n");
      await expect(discoverEntries(dir)).rejects.toThrow(/plain\.ts: its default export must be defineApp\(\{ \.\.\. \}\)/);
      await rm(path.join(dir, 'plain.ts'));
    });

    it('named for another app', async () => {
      await writeFile(path.join(dir, 'other.ts'), `export { default } from ${JSON.stringify(pathToFileURL(path.join(appsDir, 'selftest.ts')).href)};\n`);
      await expect(discoverEntries(dir)).rejects.toThrow(/other\.ts: the entry's name is 'selftest'; an entry file is named for its app \(selftest\.ts\)/);
    });
  });
});

describe('defineApp', () => {
  it('derives the build context, the Dockerfiles and the stage names from the name', () => {
    const entry = defineApp({
      ...source,
      development: { mounts: [], probePath: '/', edit: { file: 'a', search: 'b', replace: 'c' }, reloadWithinMs: { limit: 1 } },
      test: { failingTest: { file: 'f', contents: '' }, expectInError: 'e' },
    });
    expect(entry).toMatchObject({
      context: 'apps/x',
      dockerfiles: { single: 'dockerfiles/x/single.Dockerfile', multi: 'dockerfiles/x/multi.Dockerfile' },
      productionTarget: 'production',
      development: { target: 'development' },
      test: { target: 'test' },
    });
  });

  it('keeps what departs from the convention', () => {
    expect(
      defineApp({ ...source, context: 'apps/go-api', productionTarget: 'toolbox', dockerfiles: { multi: 'dockerfiles/y/multi.Dockerfile' } }),
    ).toMatchObject({
      context: 'apps/go-api',
      productionTarget: 'toolbox',
      dockerfiles: { single: 'dockerfiles/x/single.Dockerfile', multi: 'dockerfiles/y/multi.Dockerfile' },
    });
  });

  it('refuses what restates the convention, naming it', () => {
    expect(() => defineApp({ ...source, context: 'apps/x' })).toThrow(
      "catalogue entry x: context 'apps/x' is the convention (catalogue/define-app.ts); leave it out",
    );
    expect(() => defineApp({ ...source, productionTarget: 'production', dockerfiles: { single: 'dockerfiles/x/single.Dockerfile' } })).toThrow(
      "catalogue entry x: dockerfiles.single 'dockerfiles/x/single.Dockerfile', productionTarget 'production' are the convention (catalogue/define-app.ts); leave them out",
    );
  });
});

describe('presets', () => {
  it('less what an image needs, and only what the preset holds', () => {
    expect(without(nothingToRunFetchOrBuild, '**/bin/busybox')).not.toContain('**/bin/busybox');
    expect(without(nothingToRunFetchOrBuild, '**/bin/busybox')).toHaveLength(nothingToRunFetchOrBuild.length - 1);
    expect(() => without(nothingToRunFetchOrBuild, '**/bin/busybx')).toThrow(/without\(\): \*\*\/bin\/busybx not in the preset/);
  });

  it('are what seven entries share: every entry but the self-test denies shells, fetchers, apt, dpkg, git and C build tools (toolbox ships busybox)', () => {
    for (const entry of entries.filter((e) => e.name !== 'selftest')) {
      const expected = entry.name === 'toolbox' ? without(nothingToRunFetchOrBuild, '**/bin/busybox') : nothingToRunFetchOrBuild;
      expect(entry.deny, entry.name).toEqual(expect.arrayContaining(expected));
    }
  });
});
