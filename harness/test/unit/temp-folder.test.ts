// The harness's temp folders: named for the process that made them, removed whole when filling
// them fails, and, when that process was killed, removed by the next run's sweep.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filledTempFolder, removeDeadTempFolders, tempFolder } from '../../src/temp-folder.ts';
import { testFolder } from '../support/temp-folder.ts';

describe("the harness's temp folders", () => {
  it('are named lab-<what>.<pid>-XXXXXX in the OS temp dir', async () => {
    const dir = await testFolder('lab-temp-names-');
    expect(path.basename(await tempFolder('build', dir))).toMatch(new RegExp(`^lab-build\\.${process.pid}-[A-Za-z0-9]{6}$`));
  });

  it('are removed when filling them fails, and the error goes on', async () => {
    let made = '';
    const failed = await filledTempFolder('fill-fails', async (dir) => {
      made = dir;
      await mkdir(path.join(dir, 'half'));
      throw new Error('the copy failed');
    }).catch((error: Error) => error.message);
    expect(failed).toBe('the copy failed');
    expect(path.dirname(made)).toBe(tmpdir());
    expect(existsSync(made)).toBe(false);
  });

  it("of a process that is gone are removed by the sweep; a live process's, this one's and others' names stay", async () => {
    const dir = await testFolder('lab-temp-sweep-');
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const names = [
      `lab-build.${gone}-AbC123`,
      `lab-by-number.${process.ppid}-AbC123`,
      `lab-build.${process.pid}-AbC123`,
      'forge-bases-AbC123',
      'lab-build-AbC123',
    ];
    for (const name of names) await mkdir(path.join(dir, name, 'context'), { recursive: true });
    expect(await removeDeadTempFolders(dir)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(names.slice(1).sort());
  });
});
