// A user's `pnpm verify` or `pnpm bench` leaves the tree as it was: the figures of a run go into
// tracked files (figures/*.json, the READMEs) only when a maintainer asks, with --record over
// every app. The decision, and the real writer given figures that differ from the committed ones.
import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { BadInputError } from '../../src/bad-input.ts';
import type { SizeFigures } from '../../src/report/figures.ts';
import { figureReadmes, figuresPath } from '../../src/report/readme-tables.ts';
import { checkRecordable, figuresDecision, keepFigures } from '../../src/report/record-figures.ts';

const committed = async () => JSON.parse(await readFile(figuresPath('sizes'), 'utf8')) as SizeFigures;
/** Figures unlike the committed ones: recording them would change figures/sizes.json and every README. */
const fresh = async (): Promise<SizeFigures> => {
  const figures = await committed();
  return { ...figures, generatedAt: '2031-01-01T00:00:00.000Z', apps: figures.apps.map((a) => ({ ...a, multiBytes: a.multiBytes + 1 })) };
};

describe('recording figures', () => {
  it('a run without --record keeps its figures out of the tracked files, and says how to record them', async () => {
    const figures = await fresh();
    expect(figuresDecision('sizes', figures, false)).toEqual({
      record: false,
      line: "READMEs: left as they are (this run wrote reports/ only; `pnpm verify --record`, over every app, records the size tables in figures/sizes.json, README.md and each app's README)",
    });
    expect(figuresDecision('bench', null, false).line).toContain('`pnpm bench --record`, over every app, records the bench tables in figures/bench.json');
  });

  it('--record records the figures of a run over every app, and only those', async () => {
    expect(figuresDecision('sizes', await fresh(), true)).toEqual({
      record: true,
      line: "READMEs: size tables recorded (figures/sizes.json, README.md and each app's README)",
    });
    // An app whose build failed leaves no figures: nothing is recorded, and the line says why.
    expect(figuresDecision('sizes', null, true)).toEqual({
      record: false,
      line: 'READMEs: left as they are: --record needs every app measured, and an app was not (see above)',
    });
  });

  it('the writer leaves figures/sizes.json and every README alone unless asked', async () => {
    const files = [figuresPath('sizes'), ...figureReadmes().map((r) => r.file)];
    const before = await Promise.all(files.map(async (f) => ({ text: await readFile(f, 'utf8'), mtimeMs: (await stat(f)).mtimeMs })));
    const line = await keepFigures('sizes', await fresh(), false);
    expect(line).toMatch(/^READMEs: left as they are/);
    const after = await Promise.all(files.map(async (f) => ({ text: await readFile(f, 'utf8'), mtimeMs: (await stat(f)).mtimeMs })));
    expect(after).toEqual(before);
  });

  it('asked, it hands the figures to the recorder', async () => {
    const recordInto = vi.fn(async () => undefined);
    const figures = await fresh();
    await keepFigures('sizes', figures, false, recordInto);
    expect(recordInto).not.toHaveBeenCalled();
    await keepFigures('sizes', figures, true, recordInto);
    expect(recordInto).toHaveBeenCalledExactlyOnceWith('sizes', figures);
  });

  it('--record on a run narrowed by --app or LAB_APPS is refused before anything is measured', () => {
    const all = ['selftest', 'node-api', 'go-api'];
    expect(() => checkRecordable(true, ['go-api'], all)).toThrow(BadInputError);
    expect(() => checkRecordable(true, ['go-api'], all)).toThrow(
      '--record records the figures of every app, and this run leaves out selftest, node-api: drop --app and LAB_APPS, or drop --record',
    );
    expect(() => checkRecordable(true, all, all)).not.toThrow();
    expect(() => checkRecordable(false, ['go-api'], all)).not.toThrow();
  });
});
