// The app's own pnpm-lock.yaml (what the Docker build installs from) must be exactly what
// `pnpm deploy` derives from the workspace lockfile (what the workspace tested). Skipped where
// there is no workspace: in the image's test stage and in a fork of the app on its own.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appName, deriveLockfile, findWorkspaceRoot, lockfilePath } from './lockfile.ts';

const workspaceRoot = findWorkspaceRoot();

describe.skipIf(workspaceRoot === undefined)('pnpm-lock.yaml', () => {
  // pnpm deploy resolves the workspace: a minute was not enough when turbo ran it beside the
  // other packages' tests and typecheck with a fifth of a core for all (scripts/under-load --share 0.2).
  it(`matches the workspace lockfile (else run \`pnpm --filter ${appName} lockfile\`)`, { timeout: 120_000 }, async () => {
    const committed = await readFile(lockfilePath, 'utf8').catch(() => '(missing)');
    const derived = await deriveLockfile(workspaceRoot ?? '');
    // Compare a summary first, so a mismatch names the packages instead of dumping 50 kB of YAML.
    const keys = (text: string) => text.split('\n').filter((line) => /^ {2}'?[@\w]/.test(line)).sort();
    expect(keys(committed)).toEqual(keys(derived));
    expect(committed === derived, 'pnpm-lock.yaml differs from the derived one beyond its package list').toBe(true);
  });
});

// The images install with the pnpm their Dockerfiles pin; a different major writes a different
// lockfile, so the pins follow the workspace's packageManager.
describe.skipIf(workspaceRoot === undefined)('the Dockerfiles pin the workspace pnpm', () => {
  it.each(['multi.Dockerfile', 'single.Dockerfile'])('%s', async (dockerfile) => {
    const root = workspaceRoot ?? '';
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { packageManager?: string };
    const wanted = /^pnpm@([^+]+)/.exec(manifest.packageManager ?? '')?.[1];
    const text = await readFile(join(root, 'dockerfiles', appName, dockerfile), 'utf8');
    const pinned = /PNPM_VERSION=(\S+)|pnpm@(\d[^\s"]*)/.exec(text);
    expect(pinned?.[1] ?? pinned?.[2]).toBe(wanted);
  });
});
