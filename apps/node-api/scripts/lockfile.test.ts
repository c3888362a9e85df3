// The app's own pnpm-lock.yaml (what the Docker build installs from) must be exactly what
// `pnpm deploy` derives from the workspace lockfile (what the workspace tested). Skipped where
// there is no workspace: in the image's test stage and in a fork of the app on its own.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { deriveLockfile, findWorkspaceRoot, lockfilePath } from './lockfile.ts';

const workspaceRoot = findWorkspaceRoot();

describe.skipIf(workspaceRoot === undefined)('pnpm-lock.yaml', () => {
  it('matches the workspace lockfile (else run `pnpm --filter node-api lockfile`)', { timeout: 60_000 }, async () => {
    const committed = await readFile(lockfilePath, 'utf8').catch(() => '(missing)');
    const derived = await deriveLockfile(workspaceRoot ?? '');
    // Compare a summary first, so a mismatch names the packages instead of dumping 50 kB of YAML.
    const keys = (text: string) => text.split('\n').filter((line) => /^ {2}'?[@\w]/.test(line)).sort();
    expect(keys(committed)).toEqual(keys(derived));
    expect(committed === derived, 'pnpm-lock.yaml differs from the derived one beyond its package list').toBe(true);
  });
});
