// The contract files run two at a time, apps.test.ts first, and a few alone in a project of their
// own after them (vitest.config.ts): each file named to run alone exists and runs in no other
// project, and the order puts apps.test.ts, the longest, before every other file. Two at a time
// is honest only with every timing under the timing lock (timing-lock.test.ts shows it between
// processes; the measure functions that time take it).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.ts';
import { startRank } from '../contract/sequencer.ts';

type Project = { test: { name: string; include?: string[]; exclude?: string[]; fileParallelism?: boolean; maxWorkers?: number } };
const projects = (config.test?.projects ?? []) as Project[];
const project = (name: string) => projects.find((p) => p.test.name === name)!.test;
const harness = path.resolve(import.meta.dirname, '../..');

describe('the contract files', () => {
  it('that run alone exist, run one at a time, and are left out of the other project, which runs two at a time', () => {
    const alone = project('contract-alone');
    expect(alone.fileParallelism).toBe(false);
    expect(alone.include!.length).toBeGreaterThan(0);
    for (const file of alone.include!) {
      expect(existsSync(path.join(harness, file)), file).toBe(true);
      expect(project('contract').exclude).toContain(file);
    }
    expect(project('contract').maxWorkers).toBe(2);
    expect(project('contract').fileParallelism).not.toBe(false);
  });

  it('start with apps.test.ts, then the others in vitest order', () => {
    const rank = (file: string) => startRank(`${harness}/test/contract/${file}`);
    expect(rank('apps.test.ts')).toBeLessThan(rank('checks-fail.test.ts'));
    expect(rank('checks-fail.test.ts')).toBe(rank('fork.test.ts'));
  });
});
