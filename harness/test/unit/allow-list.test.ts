// The allow-list over hand-made file lists: base files, globs, folders, and a node_modules folder
// that may hold exactly a lockfile's production closure, as pnpm lays it out.
import { describe, expect, it } from 'vitest';
import { disallowedFiles, nodeModulesOwner, storeDirPackage } from '../../src/checks/allow-list/disallowed.ts';
import type { AllowFacts } from '../../src/contract/app-facts.ts';
import type { FileRecord } from '../../src/inspect/filesystem.ts';

const file = (path: string, layer = 1, type: FileRecord['type'] = 'file'): FileRecord => ({ path, type, size: 1, mode: 0o644, layer });
const dir = (path: string, layer = 1) => file(path, layer, 'directory');

const nm = { dir: '/app/node_modules', names: ['express', 'ms', '@types/x'], storeDirs: ['express@5.3.0', 'ms@2.1.3', '@types+x@1.0.0'] };
const facts: AllowFacts = { base: 'gcr.io/distroless/static-debian13:nonroot', baseFiles: ['/etc', '/etc/passwd', '/usr', '/usr/share'], nodeModules: nm };
const spec = { paths: ['/usr/local/bin/node', '/app/dist/**/*.js'], nodeModules: { dir: '/app/node_modules', lockfile: 'pnpm-lock.yaml' } };

describe('the allow-list', () => {
  it("allows the base image's files, what the globs name, and the folders that hold them", () => {
    const files = [
      dir('/etc', 0),
      file('/etc/passwd', 0),
      dir('/usr/local'),
      dir('/usr/local/bin'),
      file('/usr/local/bin/node'),
      dir('/app'),
      dir('/app/dist'),
      file('/app/dist/main.js'),
      dir('/dev'),
      dir('/proc'),
      dir('/sys'),
    ];
    expect(disallowedFiles(spec, files, facts)).toEqual([]);
  });

  it('reports anything else with its layer; an empty folder only when nothing allows it', () => {
    const files = [file('/usr/local/bin/node'), file('/app/dist/main.ts', 5), dir('/app/src', 4), file('/dev/null-device', 3)];
    expect(disallowedFiles(spec, files, facts).map((d) => `${d.what} @${d.layer}`)).toEqual(['/app/dist/main.ts @5', '/app/src @4', '/dev/null-device @3']);
  });

  it('allows exactly the closure in node_modules, and names a package outside it once, with its layer', () => {
    const files = [
      file('/app/node_modules/.modules.yaml', 4),
      file('/app/node_modules/.pnpm-workspace-state-v1.json', 4),
      file('/app/node_modules/.pnpm/lock.yaml', 4),
      file('/app/node_modules/express', 4, 'symlink'),
      file('/app/node_modules/.pnpm/express@5.3.0/node_modules/express/index.js', 4),
      file('/app/node_modules/.pnpm/express@5.3.0/node_modules/ms', 4, 'symlink'),
      file('/app/node_modules/.pnpm/node_modules/ms', 4, 'symlink'),
      file('/app/node_modules/.pnpm/@types+x@1.0.0/node_modules/@types/x/index.d.ts', 4),
      dir('/app/node_modules/@types', 4),
      file('/app/node_modules/@types/x', 4, 'symlink'),
      // Outside the closure:
      file('/app/node_modules/.pnpm/esbuild@0.25.0/node_modules/esbuild/package.json', 6),
      file('/app/node_modules/.pnpm/esbuild@0.25.0/node_modules/esbuild/bin/esbuild', 6),
      file('/app/node_modules/.pnpm/node_modules/tsx', 6, 'symlink'),
      file('/app/node_modules/.bin/tsc', 6),
      file('/app/node_modules/@types/node', 6, 'symlink'),
    ];
    expect(disallowedFiles(spec, files, facts)).toEqual([
      { what: 'package esbuild@0.25.0 at /app/node_modules/.pnpm/esbuild@0.25.0', layer: 6, paths: 2 },
      { what: 'package tsx at /app/node_modules/.pnpm/node_modules/tsx', layer: 6, paths: 1 },
      { what: 'package .bin/tsc at /app/node_modules/.bin/tsc', layer: 6, paths: 1 },
      { what: 'package @types/node at /app/node_modules/@types/node', layer: 6, paths: 1 },
    ]);
  });

  it("reads pnpm's folder names back to packages", () => {
    expect(storeDirPackage('@types+node@24.19.2')).toBe('@types/node@24.19.2');
    expect(storeDirPackage('vitest@5.1.1_@types+node@24.19.2')).toBe('vitest@5.1.1_@types+node@24.19.2');
    expect(nodeModulesOwner('.pnpm', nm)).toBeUndefined();
    expect(nodeModulesOwner('@types', nm)).toBeUndefined();
    expect(nodeModulesOwner('.pnpm/ms@2.1.3/node_modules/ms/index.js', nm)).toEqual({ id: 'ms@2.1.3', folder: '.pnpm/ms@2.1.3', allowed: true });
  });
});
