// Where the tutorial is read from: LAB_TUTORIAL when set, else shared/tutorial/ beside the
// repository or beside the folder of worktrees, else nowhere (its test skips, saying so).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tutorialFileName, tutorialPath } from '../../src/tutorial-path.ts';

describe('tutorialPath', () => {
  const top = mkdtempSync(path.join(tmpdir(), 'lab-tutorial-'));
  const repo = path.join(top, 'wt', 'repo');
  mkdirSync(repo, { recursive: true });
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('is LAB_TUTORIAL when set, resolved', () => {
    expect(tutorialPath({ LAB_TUTORIAL: 'elsewhere/t.md' }, repo)).toBe(path.resolve('elsewhere/t.md'));
  });

  it('is nowhere when no shared/ folder holds it', () => {
    expect(tutorialPath({}, repo)).toBeUndefined();
  });

  it('is found beside the folder of worktrees, and beside the repository first', () => {
    const outer = path.join(top, 'shared/tutorial');
    mkdirSync(outer, { recursive: true });
    writeFileSync(path.join(outer, tutorialFileName), '# t\n');
    expect(tutorialPath({}, repo)).toBe(path.join(outer, tutorialFileName));
    const beside = path.join(top, 'wt/shared/tutorial');
    mkdirSync(beside, { recursive: true });
    writeFileSync(path.join(beside, tutorialFileName), '# t\n');
    expect(tutorialPath({}, repo)).toBe(path.join(beside, tutorialFileName));
  });
});
