// The tutorial's figures, typed once (tutorial/figures.ts): they are the tutorial's own (its
// size table read from its text), an app's row reaches the report and the contract's reduction
// check from there, and no catalogue entry types them again.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import { MB } from '../../src/catalogue/types.ts';
import { suiteFor } from '../../src/suite.ts';
import { tutorialPath } from '../../src/tutorial-path.ts';
import { exampleSizes, graphic, inMB, sizeTable, tutorialSizesOf } from '../../src/tutorial/figures.ts';
import { rowHolds } from '../../src/tutorial/verdicts.ts';
import type { AppFacts } from '../../src/contract/app-facts.ts';

const at = tutorialPath();
const tutorial = at && existsSync(at) ? readFileSync(at, 'utf8') : '';

/** The size table's rows as the tutorial prints them: its cells' words, four to a row. */
function tableOfTutorial(text: string): Record<string, { singleBytes: number; multiBytes: number; reductionPercent: number }> {
  const body = text.slice(text.indexOf('### Size Comparison Examples'));
  const cells = [...body.slice(body.indexOf('<tbody>'), body.indexOf('</tbody>')).matchAll(/<span[^>]*>([^<]+)<\/span>/g)].map((m) => m[1]!.trim());
  const bytes = (words: string) => Number.parseFloat(words) * (words.endsWith('GB') ? 1_000 * MB : MB);
  const rows: ReturnType<typeof tableOfTutorial> = {};
  for (let i = 0; i + 3 < cells.length; i += 4)
    rows[cells[i]!] = { singleBytes: bytes(cells[i + 1]!), multiBytes: bytes(cells[i + 2]!), reductionPercent: Number.parseFloat(cells[i + 3]!) };
  return rows;
}

describe("the tutorial's figures", () => {
  it("are its size table's, row by row", (context) => {
    if (!tutorial) return context.skip('the tutorial is not beside the repository and LAB_TUTORIAL names no file');
    const typed = Object.fromEntries(Object.values(sizeTable).map(({ row, ...sizes }) => [row, sizes]));
    expect(typed).toEqual(tableOfTutorial(tutorial));
  });

  it("are the examples' and the graphic's, as their comments word them", (context) => {
    if (!tutorial) return context.skip('the tutorial is not beside the repository and LAB_TUTORIAL names no file');
    const gb = (bytes: number) => `${inMB(bytes) / 1_000} GB`;
    const [one, two, three, four, five] = [exampleSizes[1], exampleSizes[2], exampleSizes[3], exampleSizes[4], exampleSizes[5]];
    for (const words of [
      `${gb(graphic.singleBytes)}</span>`,
      `${inMB(graphic.multiBytes)} MB</span>`,
      `${graphic.reductionPercent}% Size Reduction!`,
      `# Image size: ~${gb(one.singleBytes)}`,
      `# Image size: ~${inMB(one.multiBytes)} MB (${one.reductionPercent}% reduction!)`,
      `# Final size: ~${inMB(two.multiBytes)} MB (vs ${inMB(two.singleAtLeastBytes)}+ MB single stage)`,
      `# Final size: ~${inMB(three.multiBytes)} MB (vs ${inMB(three.singleAtLeastBytes)}+ MB with golang image!)`,
      `# Size: ~${inMB(five.multiBytes)} MB (vs ${inMB(five.singleAtLeastBytes)}+ MB with full JDK)`,
    ]) {
      expect(tutorial, words).toContain(words);
    }
    // Its arrow is stored mis-encoded (UTF-8 read as another charset): whatever stands between the sizes.
    expect(tutorial).toMatch(new RegExp(`# Size reduction: ~${inMB(four.singleBytes)} MB \\S+ ~${inMB(four.multiBytes)} MB`));
  });

  it('give an app its row, with the section it is in, and nothing for an app the table has no row for', () => {
    expect(tutorialSizesOf('node-api')).toEqual({
      section: 'Size Comparison Examples: Node.js',
      singleBytes: 1_100 * MB,
      multiBytes: 150 * MB,
      reductionPercent: 86,
    });
    expect(tutorialSizesOf('selftest')).toBeUndefined();
  });

  it('are typed in no catalogue entry', () => {
    for (const entry of entries) expect(Object.keys(entry), entry.name).not.toContain('tutorial');
  });

  it("set the contract's reduction for an app without a budget of its own: node-api fails at 85%", () => {
    const nodeApi = entries.find((e) => e.name === 'node-api')!;
    const reduction = suiteFor(nodeApi).contract.find((c) => c.id === 'reduction');
    expect(reduction, 'node-api has a reduction check').toBeDefined();
    // The reduction reads the two sizes only.
    const at = (single: number, multi: number) =>
      reduction!.evaluate({
        single: { facts: { uncompressedBytes: single } },
        multi: { facts: { uncompressedBytes: multi, layers: [] } },
      } as unknown as AppFacts);
    expect(at(1_000 * MB, 150 * MB)).toMatchObject({ ok: false, expected: '>= 86% smaller than single-stage' });
    expect(at(1_000 * MB, 140 * MB).ok).toBe(true);
  });

  it("decide a row's README line as the table's claims decide it: at most its size, at least its reduction", () => {
    const node = tutorialSizesOf('node-api')!;
    expect(rowHolds(node, 1_411 * MB, 137 * MB)).toBe(true);
    expect(rowHolds(node, 1_411 * MB, 151 * MB)).toBe(false);
    expect(rowHolds(node, 1_000 * MB, 145 * MB)).toBe(false);
  });
});
