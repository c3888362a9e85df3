// The size table's column "the tutorial's recipe as written", claims.md's list of recipes, and
// claims.json's `recipes` field as the schema takes it.
import { describe, expect, it } from 'vitest';
import { inlineText } from '../../src/report/html-page.ts';
import { claimsReportProblems } from '../../src/report/schema.ts';
import { recipeCell, recipesHtml, recipesMarkdown, withRecipeColumn } from '../../src/report/recipe-column.ts';
import type { RecipeResult } from '../../src/recipes/types.ts';
import { tutorialSizesOf } from '../../src/tutorial/figures.ts';
import type { AppReport } from '../../src/report/claims-model.ts';

const MB = 1_000_000;
const id = `sha256:${'a'.repeat(64)}`;
const recipes: RecipeResult[] = [
  {
    id: 'example-1-1',
    kind: 'dockerfile',
    source: { section: 'Example 1: Simple Node.js App', where: 'block 1 of 3' },
    text: 'FROM node:18\nCMD ["node"]',
    bases: [{ ref: 'node:18', origin: 'forged', id }],
    outcome: {
      kind: 'measured',
      measure: {
        tag: 'example-1-1:latest',
        imageId: id,
        uncompressedBytes: 1100 * MB,
        compressedBytes: 400 * MB,
        packages: { os: 400, osSource: 'dpkg status', language: [{ ecosystem: 'npm', count: 200 }] },
        user: '',
        nonRoot: false,
        buildMs: 1000,
        stop: { exitedBeforeStop: false, exitCode: 137, ms: 10_300, killed: true },
      },
    },
  },
  {
    id: 'example-1-2',
    kind: 'dockerfile',
    source: { section: 'Example 1: Simple Node.js App', where: 'block 2 of 3' },
    text: 'FROM node:18 AS builder\nFROM node:18-alpine',
    bases: [{ ref: 'node:18-alpine', origin: 'absent' }],
    outcome: { kind: 'not-built-here', reason: 'not built here: node:18-alpine needs a registry' },
  },
  {
    id: 'analyzing-1-line-2',
    kind: 'image-command',
    source: { section: 'Analyzing Image Layers', where: 'block 1 of 1, line 2' },
    text: 'docker history myapp:latest',
    bases: [],
    outcome: { kind: 'failed', error: 'No such image: myapp:latest' },
  },
];

describe("the size table's recipe column", () => {
  it("shows each Dockerfile of the app's example: single- or multi-stage, with its figures and base or why not", () => {
    expect(recipeCell({ app: 'node-api' }, recipes)).toBe(
      "Example 1 single-stage: 1.10 GB (400.0 MB gzip'd) on node:18 aaaaaaaaaaaa forged; Example 1 multi-stage: not built here: node:18-alpine needs a registry",
    );
    expect(recipeCell({ app: 'react-spa' }, recipes)).toBe('(no Dockerfile found in Example 2)');
    expect(recipeCell({ app: 'selftest' }, recipes)).toBe('(no example in the tutorial)');
  });

  it('finds the example of an app whose tutorial figures come from the size table (a real report: no example number in its section)', () => {
    // The report's apps carry the size table's section ("Size Comparison Examples: Node.js"):
    // reading the example's number from it left every cell "(no example in the tutorial)".
    expect(tutorialSizesOf('node-api')?.section).toBe('Size Comparison Examples: Node.js');
    const apps: Pick<AppReport, 'app' | 'tutorial'>[] = [{ app: 'node-api', tutorial: tutorialSizesOf('node-api') }];
    const cell = withRecipeColumn(['app', 'a', 'b', 'c'], [['node-api', '', '', '']], apps, recipes).rows[0]![4];
    expect(cell).toMatch(/^Example 1 single-stage: 1\.10 GB/);
  });

  it("goes after the lab's sizes, and only into reports whose run ran the recipes", () => {
    const header = ['app', 'single-stage', 'multi-stage', 'compressed', 'reduction'];
    const rows = [['node-api', '1.4 GB', '137 MB', '50 MB', '90%']];
    const apps = [{ app: 'node-api' }];
    expect(withRecipeColumn(header, rows, apps, undefined)).toEqual({ header, rows });
    const withColumn = withRecipeColumn(header, rows, apps, recipes);
    expect(withColumn.header[4]).toBe("the tutorial's recipe as written");
    expect(withColumn.rows[0]?.[4]).toMatch(/^Example 1 single-stage: 1\.10 GB/);
    expect(withColumn.rows[0]?.[5]).toBe('90%');
  });

  it("lists every recipe in claims.md with the engine's error quoted", () => {
    expect(recipesMarkdown(undefined)).toEqual([]);
    // A pipe in the engine's words is escaped once (by the table), not twice.
    expect(recipesMarkdown([{ ...recipes[2]!, outcome: { kind: 'failed', error: 'a | b' } }]).join('\n')).toContain('fails as written: a \\| b |');
    expect(recipesMarkdown(recipes).join('\n')).toContain(
      '| Analyzing Image Layers (block 1 of 1, line 2) | image-command | fails as written: No such image: myapp:latest |',
    );
  });

  it('lists them in index.html too, escaped by the page, and not at all without them', () => {
    expect(recipesHtml(undefined, (t) => t)).toBe('');
    const html = recipesHtml([{ ...recipes[2]!, outcome: { kind: 'failed', error: 'no <stage>' } }], (t) => t.replace(/</g, '&lt;'));
    expect(html).toContain('<td>fails as written: no &lt;stage></td>');
  });

  it("shows the engine's `quoted` words as code on the page, not as literal backticks (the page check's fault)", () => {
    const html = recipesHtml([{ ...recipes[2]!, outcome: { kind: 'failed', error: 'the attribute `version` is obsolete' } }], inlineText);
    expect(html).toContain('the attribute <code>version</code> is obsolete');
    expect(html).not.toContain('`');
  });
});

describe("claims.json's recipes", () => {
  const report = { schemaVersion: 2, generatedAt: '2026-12-07T16:00:00.000Z', engine: '26.1.5', apps: [], tutorialClaims: [], lessons: [] };

  it('are taken by the schema', () => {
    expect(claimsReportProblems({ ...report, recipes })).toEqual([]);
  });

  it('are refused with an outcome the schema does not know', () => {
    const bad = [{ ...recipes[2]!, outcome: { kind: 'skipped' } }];
    expect(claimsReportProblems({ ...report, recipes: bad }).join('\n')).toMatch(/\/recipes\/0\/outcome/);
  });
});
