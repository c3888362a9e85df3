// Package counts from an image's files: dpkg's status database (or distroless's status.d), and
// the folders language package managers leave.
import { describe, expect, it } from 'vitest';
import { installedPackages } from '../../src/inspect/dpkg.ts';
import { languagePackages } from '../../src/inspect/packages.ts';

describe('OS packages', () => {
  it('counts the stanzas dpkg records as installed, not those removed with their config left', () => {
    const status = [
      'Package: base-files\nStatus: install ok installed\nVersion: 13.8',
      'Package: gcc-14\nStatus: deinstall ok config-files\nVersion: 14.2.0',
      'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nDescription: GNU C Library\n multi-line',
    ].join('\n\n');
    expect(installedPackages(`${status}\n`)).toEqual(['base-files', 'libc6']);
  });

  it("reads distroless's status.d entries (no Status line: each is installed)", () => {
    expect(installedPackages('Package: tzdata\nVersion: 2025b-4\nArchitecture: all\n')).toEqual(['tzdata']);
    expect(installedPackages('6d3b...  usr/share/doc/tzdata/copyright\n')).toEqual([]);
  });
});

describe('language packages', () => {
  const file = (path: string) => ({ path, type: 'file' as const });
  it('counts npm packages (pnpm layout and scoped ones), Python distributions, jars and Go modules', () => {
    const files = [
      file('/app/node_modules/.pnpm/express@5.3.0/node_modules/express/package.json'),
      file('/app/node_modules/.pnpm/express@5.3.0/node_modules/express/lib/package.json'),
      file('/app/node_modules/.pnpm/@types+node@24.0.0/node_modules/@types/node/package.json'),
      file('/usr/local/lib/node_modules/npm/package.json'),
      file('/app/.venv/lib/python3.13/site-packages/msgspec-0.19.0.dist-info/METADATA'),
      file('/app/.venv/lib/python3.13/site-packages/msgspec-0.19.0.dist-info/RECORD'),
      file('/app/lib/spring-core-7.0.0.jar'),
      file('/go/pkg/mod/cache/download/golang.org/x/net/@v/v0.30.0.zip'),
      { path: '/app/node_modules/ms/package.json', type: 'symlink' as const },
    ];
    expect(languagePackages(files)).toEqual([
      { ecosystem: 'npm', count: 3 },
      { ecosystem: 'python', count: 1 },
      { ecosystem: 'java', count: 1 },
      { ecosystem: 'go', count: 1 },
    ]);
    expect(languagePackages([file('/go-api')])).toEqual([]);
  });
});
