// reports/index.html, opened from the file system in headless Chromium (Debian's, driven by
// playwright-core): it renders every chart with no console error and no request leaving the
// page, and a screenshot is saved beside it.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../src/browser/chromium.ts';
import { escapeHtml, scriptJson } from '../../src/report/html-page.ts';
import { pageProblems } from '../../src/report/page-check.ts';
import { writeReport, type Written } from '../../src/report/write-report.ts';
import { fixtureReport, nodeApiReport } from './support/report-fixture.ts';
import { spawningTestTimeoutMs } from '../../src/limits.ts';

describe('the page, as text', () => {
  it('escapes what it quotes, and data cannot end its script element', () => {
    expect(escapeHtml('<q a="1">&\'')).toBe('&lt;q a=&quot;1&quot;&gt;&amp;&#39;');
    expect(scriptJson({ x: '</script><!--' })).toBe('{"x":"\\u003c/script\\u003e\\u003c!--"}');
  });

  it('a page with a chart that failed names the problem', () => {
    expect(pageProblems({ errors: ['console: boom'], requests: ['https://cdn.example/chart.js'], charts: 3, canvases: 4, title: "", faults: ["at 800 px: the page is 900 px wide"] })).toEqual([
      'the page logged an error: console: boom',
      'the page requested https://cdn.example/chart.js (it must need nothing outside itself)',
      '4 canvases but 3 charts drawn',
    ]);
  });
});

describe('the page, in Chromium', { timeout: spawningTestTimeoutMs }, () => {
  let dir: string;
  let written: Written;
  beforeAll(async () => {
    if (!existsSync(chromiumPath())) throw new Error(`no Chromium at ${chromiumPath()}: run scripts/bootstrap (it installs Debian's chromium), or set LAB_CHROMIUM`);
    dir = await mkdtemp(path.join(tmpdir(), 'lab-page-'));
    written = await writeReport(fixtureReport(), dir);
  }, spawningTestTimeoutMs);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders every chart, with no console error and no request outside the page', () => {
    expect(written.pageProblems).toEqual([]);
  });

  it('draws every chart it shows when no app could be measured (no empty canvas)', async () => {
    const broken = nodeApiReport({ error: 'build of lab/node-api:single failed: no result within 600 s (time limit)' });
    delete broken.facts;
    delete broken.packages;
    const empty = await writeReport(fixtureReport([broken]), path.join(dir, 'unmeasured'));
    expect(empty.pageProblems).toEqual([]);
  }, spawningTestTimeoutMs);

  it('saves a screenshot beside the page', async () => {
    expect(written.files.map((f) => path.basename(f))).toEqual(['claims.json', 'claims.md', 'index.html', 'index.png']);
    const png = await readFile(path.join(dir, 'index.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect((await stat(path.join(dir, 'index.png'))).size).toBeGreaterThan(50_000);
  });

  it('holds Chart.js itself: nothing is loaded from anywhere else', async () => {
    const html = await readFile(path.join(dir, 'index.html'), 'utf8');
    expect(html).toContain('Chart.js v4');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });
});
