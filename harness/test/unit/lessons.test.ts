// The report as teaching material: each example of the tutorial with its claim, its own recipe's
// result and the lab's side by side, and the sentence a learner needs. The data (tutorial/lessons.ts)
// against the tutorial, the claims and the catalogue; the model in each state a recipe comes to
// (measured on a stand-in, fails as written, not built here, not run) over fixtures; and the
// three renderings (claims.md, the page, claims.json).
import { describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import { checkModules } from '../../src/checks/registry.ts';
import { readRecipes, tutorialAbsence } from '../../src/recipes/read.ts';
import { markdownReport } from '../../src/report/claims-report.ts';
import { inlineText, renderPage } from '../../src/report/html-page.ts';
import { labResult, lessonRecipes, lessonReports, type LessonReport } from '../../src/report/lessons-model.ts';
import { lessonsHtml, lessonsMarkdown } from '../../src/report/lessons-render.ts';
import { claimsReportProblems } from '../../src/report/schema.ts';
import { claimsReport } from '../../src/report/write-report.ts';
import { mergeReports } from '../../src/report/merge.ts';
import { tutorialClaims } from '../../src/tutorial/claims.ts';
import { tutorialPath } from '../../src/tutorial-path.ts';
import { lessons } from '../../src/tutorial/lessons.ts';
import { fixtureCatalogue, fixtureEngine, goApiReport, nodeApiReport, pythonApiReport } from './support/report-fixture.ts';
import { fixtureRecipes } from './support/recipe-fixture.ts';

const catalogue = [...fixtureCatalogue, 'python-api'];
const report = (recipes = fixtureRecipes()) =>
  claimsReport([nodeApiReport(), goApiReport(), pythonApiReport()], fixtureEngine, catalogue, '2026-12-07T19:00:00.000Z', [], recipes);
const lesson = (r: { lessons: LessonReport[] }, id: string) => r.lessons.find((l) => l.id === id)!;

describe("the lessons' data", () => {
  it('covers every numbered example of the tutorial once, each with its own id', () => {
    const ids = lessons.map((l) => l.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(lessons.filter((l) => /^Example \d+:/.test(l.section)).map((l) => Number(/\d+/.exec(l.section)![0]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("names claims the tutorial's list has, apps the catalogue has and checks the suite has", () => {
    const claimIds = new Set(tutorialClaims.map((c) => c.id));
    const apps = new Set(entries.map((e) => e.name));
    const checks = new Set(checkModules.map((m) => m.id));
    for (const l of lessons) {
      expect(
        l.claims.filter((id) => !claimIds.has(id)),
        l.id,
      ).toEqual([]);
      expect(apps.has(l.lab.app), l.id).toBe(true);
      expect(
        l.lab.checks.filter((id) => !checks.has(id)),
        l.id,
      ).toEqual([]);
    }
  });

  it('has one sentence each, and what to change where the recipe is known to fail as written', () => {
    for (const l of lessons) {
      expect(l.differs.trim().split(/(?<=[a-z0-9)])\. /).length, `${l.id}: one sentence`).toBe(1);
      if (l.failsBecause) expect(l.failsBecause.split(/(?<=[a-z0-9)`])\. /).length, `${l.id}: one sentence`).toBe(1);
    }
  });

  it("finds each lesson's recipes in the tutorial as written", (context) => {
    const skip = tutorialAbsence(tutorialPath());
    if (skip) return context.skip(skip);
    const recipes = readRecipes().map((r) => ({ ...r, bases: [], outcome: { kind: 'ran' as const, output: [] } }));
    for (const l of lessons) expect(lessonRecipes(l, recipes).length, `${l.id} (${l.section} ${l.blocks?.join(', ') ?? ''})`).toBeGreaterThan(0);
    // Best Practices holds four blocks: the lesson takes its third (the base images) only.
    expect(
      lessonRecipes(
        lessons.find((l) => l.id === 'minimal-base')!,
        recipes,
      ).map((r) => r.source.where),
    ).toEqual(['block 3 of 4']);
  });
});

describe('a lesson, in each state its recipe comes to', () => {
  it('measured on a stand-in: the figures and the base, beside the lab measured, with why they differ', () => {
    const l = lesson(report(), 'example-4');
    expect(l.tutorial.state).toBe('measured');
    expect(l.tutorial.builds).toEqual([
      expect.objectContaining({ what: 'multi-stage Dockerfile (block 1 of 1)', state: 'measured', uncompressedBytes: 162_000_000 }),
    ]);
    expect(l.tutorial.builds[0]!.result).toMatch(/^measured: 162\.0 MB \(58\.9 MB gzip'd\)/);
    expect(l.tutorial.builds[0]!.bases).toBe('python:3.11 222222222222 forged, python:3.11-slim 333333333333 forged');
    expect(l.lab).toMatchObject({
      app: 'python-api',
      dockerfile: 'dockerfiles/python-api/multi.Dockerfile',
      state: 'measured',
      result: 'single-stage 1.18 GB, multi-stage 51.5 MB, 95.6% smaller',
    });
    expect(l.lab.bases).toEqual(['python:3.13-slim (forged)']);
    expect(l.why).toBe(lessons.find((x) => x.id === 'example-4')!.differs);
    expect(l.whyIs).toBe('why they differ');
    expect(l.claims.map((c) => c.id)).toEqual(['example-4-sizes', 'example-4-build-dependencies', 'example-4-compiled-in-builder']);
  });

  it('half measured (the single-stage on node:18, the multi-stage needs node:18-alpine): measured, each build with its own state', () => {
    const l = lesson(report(), 'example-1');
    expect(l.tutorial.state).toBe('measured');
    expect(l.tutorial.builds.map((b) => [b.what, b.state])).toEqual([
      ['single-stage Dockerfile (block 1 of 3)', 'measured'],
      ['multi-stage Dockerfile (block 2 of 3)', 'not built here'],
    ]);
    expect(l.lab.checks.map((c) => [c.id, c.ok])).toEqual([
      ['size', true],
      ['reduction', true],
      ['target-test', true],
    ]);
  });

  it("fails as written: the engine's words quoted, and the sentence says what to change", () => {
    const l = lesson(report(), 'minimal-base');
    expect(l.section).toBe('Best Practices: 3. Use Minimal Base Images');
    expect(l.tutorial.state).toBe('fails as written');
    expect(l.tutorial.builds.map((b) => b.result)).toEqual([
      'fails as written: failed to solve: dockerfile parse error on line 6: FROM requires either one or three arguments',
    ]);
    expect(l.why).toMatch(/^A Dockerfile comment must be a line of its own/);
    expect(l.whyIs).toBe('what to change');
    const debugging = lesson(report(), 'debugging');
    expect(debugging.tutorial.builds[0]).toMatchObject({ what: '`docker build --target=test .`', state: 'fails as written' });
    // A failure the data does not explain still says it fails, never "they differ by design".
    const unexplained = lessonReports([], [], fixtureRecipes(), [{ ...lessons.find((x) => x.id === 'debugging')!, failsBecause: undefined }]);
    expect(unexplained[0]!.why).toMatch(/^The tutorial's recipe fails as written/);
  });

  it('not built here: the base it needs a registry for', () => {
    const l = lesson(report(), 'example-3');
    expect(l.tutorial.state).toBe('not built here');
    expect(l.tutorial.builds.map((b) => b.result)).toEqual(['not built here: alpine:latest needs a registry (and golang:1.21-alpine)']);
    expect(l.why).toMatch(/^The tutorial's after is alpine:latest/);
  });

  it('commands that only ran (no Dockerfile built): "ran", never "measured"', () => {
    const ran = fixtureRecipes()
      .filter((r) => r.id === 'debugging-1-line-9')
      .map((r) => ({ ...r, outcome: { kind: 'ran' as const, output: ['done'] } }));
    expect(lessonReports([], [], ran, [lessons.find((x) => x.id === 'debugging')!])[0]!.tutorial.state).toBe('ran');
  });

  it('not run (a narrowed run), and the lab not measured or not in the run, say so', () => {
    // A narrowed run keeps the examples of its apps only: node-api's (1, 7, the best practice, debugging).
    const narrowed = claimsReport([nodeApiReport()], fixtureEngine, catalogue, '2026-12-07T19:00:00.000Z');
    expect(narrowed.lessons.map((x) => x.id)).toEqual(['example-1', 'example-7', 'minimal-base', 'debugging']);
    expect(lesson(narrowed, 'example-1').tutorial).toEqual({ state: 'not run', builds: [], note: expect.stringMatching(/^not run in this run/) });
    // With the recipes run, every example is there, an app the run did not measure said so.
    const l = lesson(claimsReport([nodeApiReport()], fixtureEngine, catalogue, '2026-12-07T19:00:00.000Z', [], fixtureRecipes()), 'example-4');
    expect(l.tutorial.state).toBe('measured');
    expect(l.lab).toMatchObject({ state: 'not in this run', result: 'not measured in this run (a narrowed run: --app or LAB_APPS)', checks: [] });
    const broken = nodeApiReport({ error: 'build of lab/node-api:multi failed: npm ERR! 404\nmore' });
    delete broken.facts;
    expect(labResult('node-api', ['size'], broken)).toMatchObject({
      state: 'not measured',
      result: 'not measured: build of lab/node-api:multi failed: npm ERR! 404',
    });
  });
});

describe('the lessons of a merged report', () => {
  it("are decided again on every app, on the newest recipes any report holds (CI's per-app reports hold none)", () => {
    const withRecipes = claimsReport([nodeApiReport()], fixtureEngine, catalogue, '2026-12-07T18:00:00.000Z', [], fixtureRecipes());
    const perApp = claimsReport([pythonApiReport()], fixtureEngine, catalogue, '2026-12-07T19:00:00.000Z');
    const merged = mergeReports([perApp, withRecipes], catalogue);
    expect(lesson(merged, 'example-4').tutorial.state).toBe('measured');
    expect(lesson(merged, 'example-4').lab.state).toBe('measured');
    expect(lesson(merged, 'example-1').lab.state).toBe('measured');
    expect(lesson(mergeReports([perApp], catalogue), 'example-4').tutorial.state).toBe('not run');
    expect(mergeReports([perApp], catalogue).lessons.map((x) => x.id)).toEqual(['example-4']);
  });
});

describe('the lessons, rendered', () => {
  it('claims.md: per example, the three sides in a table and the sentence under it', () => {
    const md = markdownReport(report());
    expect(md).toContain("## Each example: the tutorial's recipe beside the lab's");
    const section = md.slice(md.indexOf('### Example 1: Simple Node.js App'), md.indexOf('### Example 2'));
    expect(section).toMatch(
      /\| its recipe, as written: \*\*measured\*\* \| single-stage Dockerfile \(block 1 of 3\): measured: 1\.09 GB .* \(on node:18 111111111111 forged\); multi-stage Dockerfile \(block 2 of 3\): not built here: node:18-alpine needs a registry \(and node:18\) \|/,
    );
    expect(section).toMatch(
      /\| the lab's recipe: \*\*measured\*\* \| node-api \(`dockerfiles\/node-api\/multi\.Dockerfile`\): single-stage 1\.41 GB, multi-stage 137\.1 MB, 90\.3% smaller, on node:24-slim \(forged\); its checks: the size check: yes;/,
    );
    expect(section).toContain("**Why they differ:** The tutorial's before stands on node:18");
    expect(md).toContain('**What to change:** A Dockerfile comment must be a line of its own');
    expect(md).toContain(
      '| its recipe, as written: **fails as written** | Dockerfile (block 3 of 4): fails as written: failed to solve: dockerfile parse error',
    );
    expect(md).toContain('| its recipe, as written: **not built here** |');
    expect(lessonsMarkdown([])).toEqual([]);
  });

  it('the page: a card per example with a badge per side, `code` as code and no literal backtick', () => {
    const html = lessonsHtml(report().lessons, inlineText);
    expect(html).toContain('<section class="lesson" id="lesson-example-1"><h3>Example 1: Simple Node.js App</h3>');
    for (const state of ['measured', 'fails', 'waits']) expect(html).toContain(`<span class="badge ${state}">`);
    expect(html).toContain(
      '<li><code>docker build --target=test .</code>: fails as written: failed to solve: target stage &quot;test&quot; could not be found</li>',
    );
    expect(html).toContain('<code>FROM node:18  # Too large</code> hands FROM four words');
    expect(html).not.toContain('`');
    expect(renderPage(report(), '')).toContain('<h2 id="lessons">');
  });

  it('claims.json: the lessons and the schema version, taken by the schema; an unknown state or no version refused', () => {
    const json = JSON.parse(JSON.stringify(report()));
    expect(json.schemaVersion).toBe(2);
    expect(json.lessons).toHaveLength(lessons.length);
    expect(claimsReportProblems(json)).toEqual([]);
    json.lessons[0].tutorial.state = 'sort of';
    delete json.schemaVersion;
    expect(claimsReportProblems(json)).toEqual([
      "(the report): must have required property 'schemaVersion'",
      '/lessons/0/tutorial/state: must be equal to one of the allowed values',
    ]);
  });
});
