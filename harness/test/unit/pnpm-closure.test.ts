// The production closure read from a lockfile by pnpm's own libraries, held against what pnpm
// itself lists (`pnpm ls --prod`) for node-api, and against a fixture with a dev dependency.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installsOn, productionClosure } from '../../src/inspect/pnpm-closure.ts';
import { fromRepo } from '../../src/paths.ts';
import { spawningTestTimeoutMs } from '../../src/limits.ts';

describe('the production closure of a pnpm lockfile', { timeout: spawningTestTimeoutMs }, () => {
  it('is, for node-api, the packages `pnpm ls --prod` lists', async () => {
    const closure = await productionClosure(fromRepo('apps/node-api/pnpm-lock.yaml'));
    expect(closure.direct).toEqual(['express', 'express-static-gzip']);
    // The JSON tree of node-api alone (the parseable list also names the workspace root's tools).
    type Tree = { path?: string; dependencies?: Record<string, Tree> };
    const [project] = JSON.parse(
      execFileSync('pnpm', ['ls', '--prod', '--depth', 'Infinity', '--json'], { cwd: fromRepo('apps/node-api'), encoding: 'utf8' }),
    ) as Tree[];
    const listed: string[] = [];
    const walk = (tree: Tree) => {
      for (const dependency of Object.values(tree.dependencies ?? {})) {
        // <store>/.pnpm/<store dir>/node_modules/<name>
        listed.push(dependency.path!.split(`${path.sep}.pnpm${path.sep}`)[1]!.split(path.sep)[0]!);
        walk(dependency);
      }
    };
    walk(project!);
    expect(closure.packages.map((p) => p.storeDir).sort()).toEqual([...new Set(listed)].sort());
    expect(closure.packages.map((p) => p.name)).not.toContain('typescript');
  });

  it('leaves out dev dependencies', async () => {
    const closure = await productionClosure(fromRepo('harness/test/fixtures/docker/leaks-package/pnpm-lock.yaml'));
    expect(closure).toEqual({ direct: ['ms'], packages: [{ depPath: 'ms@2.1.3', name: 'ms', version: '2.1.3', storeDir: 'ms@2.1.3' }] });
  });

  it('with devDependencies, is the full install (what Example 6 copies), less what pnpm skips on the platform', async () => {
    const lockfile = fromRepo('apps/node-api/pnpm-lock.yaml');
    const linux = { os: 'linux', cpu: 'x64', libc: 'glibc' };
    const prod = await productionClosure(lockfile);
    const full = await productionClosure(lockfile, { devDependencies: true, platform: linux });
    expect(full.direct).toEqual(expect.arrayContaining(['express', 'typescript', 'vitest']));
    expect(full.packages.map((p) => p.name)).toEqual(expect.arrayContaining(['typescript', 'vitest', ...prod.packages.map((p) => p.name)]));
    // Another platform's native builds, and what only they pull in, are not installed here.
    expect(full.packages.map((p) => p.name)).not.toContain('@oxlint/binding-darwin-arm64');
    expect(full.packages.every((p) => installsOn(p, linux))).toBe(true);
  });

  it('a package restricted to other platforms does not install (os, cpu, libc; "!" excludes)', () => {
    const linux = { os: 'linux', cpu: 'x64', libc: 'glibc' };
    expect(installsOn({}, linux)).toBe(true);
    expect(installsOn({ platforms: { os: ['darwin'] } }, linux)).toBe(false);
    expect(installsOn({ platforms: { os: ['!win32'] } }, linux)).toBe(true);
    expect(installsOn({ platforms: { os: ['linux'], cpu: ['x64'], libc: ['musl'] } }, linux)).toBe(false);
  });
});
