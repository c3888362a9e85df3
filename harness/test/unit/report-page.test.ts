// reports/index.html, opened from the file system in headless Chromium (Debian's, driven by
// playwright-core): it renders every chart with no console error and no request leaving the
// page, reads right at 800 and 1400 px (nothing cut, nothing spilling, no raw JSON, no literal
// backticks, every character drawn, no axis labels over each other), and a screenshot is saved
// beside it. The page fixture holds what went wrong on a real report: a long TLS finding, ✅ and
// ❌ in the tutorial's quotes, `code`, java's exit 143, a found leak, browser screenshots, and
// two claims on python's 900 MB with opposite verdicts; and the tutorial's recipes in each state
// a run gives them (measured, fails as written, not built here), beside the lab's in the lessons.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { chromiumPath, launchChromium } from '../../src/browser/chromium.ts';
import nodeApi from '../../src/catalogue/apps/node-api.ts';
import { checkSignals } from '../../src/checks/signals.ts';
import type { ClaimsReport } from '../../src/report/claims-model.ts';
import { disagreements } from '../../src/report/disagreements.ts';
import { exitCodeNote } from '../../src/exit-code.ts';
import { chartJsBundle, escapeHtml, inlineText, pageData, renderPage, scriptJson } from '../../src/report/html-page.ts';
import { MB } from '../../src/catalogue/types.ts';
import { markdownReport, terminalSummary } from '../../src/report/claims-report.ts';
import { builtSummary } from '../../src/report/built-images.ts';
import { checkPage, pageProblems } from '../../src/report/page-check.ts';
import { claimsReport, writeReport, type Written } from '../../src/report/write-report.ts';
import { check, fixtureCatalogue, fixtureEngine, fixtureReport, goApiReport, nodeApiReport, pythonApiReport } from './support/report-fixture.ts';
import { spawningTestTimeoutMs } from '../../src/limits.ts';
import { fixtureRecipes } from './support/recipe-fixture.ts';

/** A 1x1 PNG: a screenshot the browser check took. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// node-api's TLS finding as CI's report of 7 December 2026 holds it (the page cut it at 400 characters: "the cha").
const tlsFound =
  "node v24.21.0: bundle tls.getCACertificates('system'), what OpenSSL reads (SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt), 148 certificates; Node's default CA list (what https and fetch use) (121): verified www.google.com <- GTS CA 1C3 <- GTS Root R1; the image's CA bundle (148): verified www.google.com <- GTS CA 1C3 <- GTS Root R1; live registry.npmjs.org:443: refused, as it should be: the chain presented here ends at CN=sandboxing-egress-ca, which is not in Debian's list (this machine's outgoing TLS is intercepted by a proxy)";

/** The report the page is checked on; `shots`: where the browser check's screenshots are (the first one is written there). */
function pageReport(shots: string): ClaimsReport {
  const node = nodeApiReport();
  node.facts!.run!.stop = { ms: 225, exitCode: 143, killed: false };
  node.contract = [
    ...node.contract.filter((c) => c.id !== 'signals'),
    { ...check('tls', true, tlsFound), title: "its node runtime verifies TLS with the image's CA bundle" },
    // What the signals check itself writes of a 143, as java-api's stop measures.
    { ...check('signals', true, checkSignals(nodeApi, node.facts!).found), title: '`docker stop` ends it in time, without SIGKILL' },
    { ...check('version-endpoint', true, '{"version":"1.2.3","revision":"c0ffee"}'), title: 'GET /version reports the VERSION build arg' },
    {
      ...check('browser', true, `2 steps passed, 5 requests, screenshots: ${path.join(shots, 'node-api-1.png')}, ${path.join(shots, 'node-api-2.png')}`),
      title: 'a real browser loads the app',
    },
  ];
  node.claims = [
    ...node.claims.filter((c) => c.id !== 'build-arg-leak'),
    {
      ...check('build-arg-leak', true, 'it shows: image config history[19].created_by: RUN |2 NPM_TOKEN=<the value> /bin/sh -c echo'),
      title: "finding: the same token as a build arg (ARG NPM_TOKEN) shows in the image's history",
    },
  ];
  // The tutorial's recipes in each state (measured on a stand-in, fails as written, not built here): the lessons show all three.
  return claimsReport(
    [node, goApiReport(), pythonApiReport()],
    fixtureEngine,
    [...fixtureCatalogue, 'python-api'],
    '2026-11-27T10:00:00.000Z',
    [],
    fixtureRecipes(),
  );
}

/** A run where node-api's multi-stage build failed (its single-stage image was built) and a check of go-api failed. */
function failedRun(): ClaimsReport {
  const broken = nodeApiReport({ error: 'build of lab/node-api:multi failed: docker buildx build exited with code 1: npm ERR! 404' });
  broken.built = { single: builtSummary(broken.facts!.single) };
  delete broken.facts;
  delete broken.packages;
  broken.contract = [];
  broken.claims = [];
  const go = goApiReport();
  go.contract = go.contract.map((c) => (c.id === 'healthy' ? check('healthy', false, 'never healthy: not healthy within 5000 ms (status: starting)') : c));
  return fixtureReport([broken, go]);
}

describe('the page, as text', () => {
  let dir: string;
  let html: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lab-page-text-'));
    await writeFile(path.join(dir, 'node-api-1.png'), png);
    const report = pageReport(dir);
    html = renderPage(report, '', new Map([[path.join(dir, 'node-api-1.png'), `data:image/png;base64,${png.toString('base64')}`]]));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('names the engine in words, not as JSON', () => {
    expect(html).toContain('on Docker 26.1.5 (API 1.45), classic image store (overlay2), buildx 0.13.1, Compose 2.26.1.');
    expect(html).not.toContain('&quot;apiVersion&quot;');
  });

  it('shows a finding whole: the TLS text is not cut', () => {
    expect(html).toContain(escapeHtml("which is not in Debian's list (this machine's outgoing TLS is intercepted by a proxy)"));
  });

  it('renders `code` as code and draws ✅ and ❌ as marks', () => {
    expect(inlineText('✅ Use `npm ci` ❌')).toBe(`${inlineText('✅').trim()} Use <code>npm ci</code> ${inlineText('❌').trim()}`);
    expect(inlineText('✅')).toMatch(/^<svg [^>]*aria-label="good"/);
    expect(inlineText('```dockerfile\nFROM x\n```')).not.toContain('`');
    expect(html).toContain('<code>docker stop</code> ends it in time');
  });

  it("shows the browser check's screenshots as images, and says which were not kept", () => {
    expect(html).toContain(`<img src="data:image/png;base64,${png.toString('base64')}" alt="screenshot node-api-1.png">`);
    expect(html).toContain('screenshot node-api-2.png (not kept with this report)');
    expect(html).not.toContain(`${dir}/node-api-`);
  });

  it('never shows a found leak as a green "yes"', () => {
    const row = html.split('<tr>').find((r) => r.includes('finding: the same token'))!;
    expect(row).toContain('<span class="badge finding">shown</span>');
    expect(row).not.toContain('holds');
  });

  it("explains an exit code counted as a clean stop (java's 143)", () => {
    expect(exitCodeNote(143)).toMatch(/^exit code 143 = 128 \+ 15: the process ended on SIGTERM, the signal `docker stop` sends/);
    expect(exitCodeNote(0)).toBeUndefined();
    expect(exitCodeNote(1)).toBeUndefined();
    // The facts' stop row says it whole; the signals check's finding says it short.
    const stopRow = html.split('<tr>').find((r) => r.includes('<b>stop</b>'))!;
    expect(stopRow).toContain('exit code 143 = 128 + 15');
    const row = html.split('<tr>').find((r) => r.includes('<code>docker stop</code> ends it in time'))!;
    expect(row).toContain('exited with code 143 (128 + SIGTERM');
    // The tutorial's claim decided by the signals check says why too, in the page and the Markdown.
    const why =
      '143 (128 + SIGTERM: the process ended on the signal by its default action, with no handler calling exit(0), as the JVM does; counted as a clean stop)';
    const claimRow = html.split('<tr>').find((r) => r.includes('exec-form-cmd'))!;
    expect(claimRow).toContain(`node-api signals: exited with code ${why}`);
    const markdownRow = markdownReport(pageReport(dir))
      .split('\n')
      .find((l) => l.includes('exec-form-cmd'))!;
    expect(markdownRow).toContain(`node-api signals: exited with code ${why}`);
  });

  it('says why two claims on the same figure disagree (table-python holds, example-4-sizes does not, on 900 MB)', () => {
    // On the tutorial's own python:3.11 (on today's python:3.13 the before is labelled, not decided).
    const onPython311 = claimsReport(
      [nodeApiReport(), goApiReport(), pythonApiReport({ bases: [{ ref: 'python:3.11', origin: 'pulled' }] })],
      fixtureEngine,
      [...fixtureCatalogue, 'python-api'],
      '2026-11-27T10:00:00.000Z',
    );
    const verdicts = onPython311.tutorialClaims;
    const html = renderPage(onPython311, '');
    expect(verdicts.find((v) => v.id === 'table-python')?.verdict).toBe('holds');
    expect(verdicts.find((v) => v.id === 'example-4-sizes')?.verdict).toBe('does not hold');
    const notes = disagreements(verdicts);
    expect(notes.get('example-4-sizes')).toBe(
      "`table-python` holds on the same 900 MB, 180 MB: the rules differ. This claim also asks: single-stage image within 25% of 900.0 MB when it stands on the tutorial's python:3.11. `table-python` asks: at least 80% smaller.",
    );
    expect(notes.get('table-python')).toContain('`example-4-sizes` does not hold on the same 900 MB, 180 MB');
    expect(html).toContain(inlineText(notes.get('example-4-sizes')!));
  });

  it('a failed run: a banner that says what failed and what was built, no size charts, "not measured" and the built image (not "not built")', () => {
    const failed = renderPage(failedRun(), '');
    expect(failed).toContain('<b>This run failed: 1 of 2 apps could not be measured and 1 check failed.</b>');
    expect(failed).toContain(
      'node-api</a> could not be measured: build of lab/node-api:multi failed: docker buildx build exited with code 1: npm ERR! 404 (single-stage built (1.41 GB), multi-stage not built)</li>',
    );
    expect(failed).toContain('never healthy: not healthy within 5000 ms');
    // The size table and the app's section keep the single-stage image: tag, id, size.
    const sizeRow = failed.split('<tr>').find((r) => r.includes('href="#app-node-api"') && r.includes('not measured'))!;
    expect(sizeRow).toContain('<span class="badge fails">not measured</span></td><td>1.41 GB</td><td>not built</td>');
    const built = `single-stage: lab/node-api:single (sha256:${'ab'.repeat(6)}), 1.41 GB, 493.0 MB compressed, built in 12.3 s`;
    expect(failed).toContain(`<h4>Built before it failed</h4><ul class="built"><li>${built}</li><li>multi-stage: not built</li></ul>`);
    const markdown = markdownReport(failedRun());
    expect(markdown).toMatch(/\| node-api \| 1\.41 GB +\| not built +\|/);
    expect(markdown).toContain(`Built before it failed:\n\n- ${built}\n- multi-stage: not built\n`);
    expect(terminalSummary(failedRun())).toContain(
      `  node-api: build of lab/node-api:multi failed: docker buildx build exited with code 1: npm ERR! 404\n    ${built}\n    multi-stage: not built`,
    );
    // A failure before any build kept nothing: "not measured", never a guess of "not built".
    const early = failedRun();
    delete early.apps[0]!.built;
    expect(markdownReport(early)).not.toContain('not built');
    // Its single-stage image is charted, the multi-stage one has no bar (and no reduction).
    expect(pageData(failedRun()).sizes.find((s) => s.app === 'node-api')).toMatchObject({ single: 1_411 * MB, multi: null, reduction: null });
    const builtOnly = renderPage(fixtureReport([failedRun().apps[0]!]), '');
    expect(builtOnly).toContain('<canvas id="sizes"');
    const none = renderPage(fixtureReport([early.apps[0]!]), '');
    expect(none).not.toContain('<canvas id="sizes"');
    expect(none).not.toContain('<canvas id="reductions"');
    expect(none).toContain('No app was measured in this run');
    expect(renderPage(fixtureReport(), '')).not.toContain('This run failed');
  });

  it("sets each example's recipe beside the lab's, in every state: measured, fails as written, not built here", () => {
    const section = html.slice(html.indexOf('<h2 id="lessons">'), html.indexOf('<h2 id="recipes">'));
    expect(section.match(/<section class="lesson"/g)).toHaveLength(10);
    for (const [id, state] of [
      ['example-4', 'measured'],
      ['minimal-base', 'fails'],
      ['example-3', 'waits'],
    ])
      expect(section).toMatch(new RegExp(`id="lesson-${id}">.*?Its recipe, as written <span class="badge ${state}">`, 's'));
    expect(section).toContain('<b>Why they differ:</b>');
  });

  it('escapes what it quotes, and data cannot end its script element', () => {
    expect(escapeHtml('<q a="1">&\'')).toBe('&lt;q a=&quot;1&quot;&gt;&amp;&#39;');
    expect(scriptJson({ x: '</script><!--' })).toBe('{"x":"\\u003c/script\\u003e\\u003c!--"}');
  });

  it('a page with a chart that failed names the problem', () => {
    expect(
      pageProblems({
        errors: ['console: boom'],
        requests: ['https://cdn.example/chart.js'],
        charts: 3,
        canvases: 4,
        title: '',
        faults: ['at 800 px: the page is 900 px wide'],
      }),
    ).toEqual([
      'the page logged an error: console: boom',
      'the page requested https://cdn.example/chart.js (it must need nothing outside itself)',
      '4 canvases but 3 charts drawn',
      'at 800 px: the page is 900 px wide',
    ]);
  });
});

describe('the page, in Chromium', { timeout: spawningTestTimeoutMs }, () => {
  let dir: string;
  let written: Written;
  beforeAll(async () => {
    if (!existsSync(chromiumPath()))
      throw new Error(`no Chromium at ${chromiumPath()}: run scripts/bootstrap (it installs Debian's chromium), or set LAB_CHROMIUM`);
    dir = await mkdtemp(path.join(tmpdir(), 'lab-page-'));
    await writeFile(path.join(dir, 'node-api-1.png'), png);
    written = await writeReport(pageReport(dir), dir);
  }, spawningTestTimeoutMs);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders every chart, with no console error, no request outside the page, and reads right at 800 and 1400 px', () => {
    expect(written.pageProblems).toEqual([]);
  });

  it(
    'a failed run reads right too',
    async () => {
      const failed = await writeReport(failedRun(), path.join(dir, 'failed'));
      expect(failed.pageProblems).toEqual([]);
    },
    spawningTestTimeoutMs,
  );

  it(
    'finds every fault it looks for on a page that has them',
    async () => {
      const bad = path.join(dir, 'bad');
      await mkdir(bad, { recursive: true });
      // The sizes chart as it was drawn: a log axis with Chart.js's own labels, 320 px high.
      const page = `<!doctype html><html><head><meta charset="utf-8"><style>body { font: 14px sans-serif; margin: 0; } td { border: 1px solid; }</style></head><body>
<p>on {"version":"26.1.5","apiVersion":"1.45"}</p><p>as \`docker images\` shows them</p><p>✅ Good</p>
<div style="width: 1000px">wide</div>
<table><tr><td style="max-width: 60px; overflow: hidden; white-space: nowrap">a cell too narrow for its text</td></tr></table>
<div style="height: 320px; width: 700px"><canvas id="sizes"></canvas></div>
<script>${await chartJsBundle()}</script>
<script>Chart.defaults.animation = false; new Chart(document.getElementById('sizes'), { type: 'bar', data: { labels: ['a', 'b', 'c'], datasets: [{ data: [1.9, 137, 1470] }] }, options: { maintainAspectRatio: false, scales: { y: { type: 'logarithmic' } } } }); document.body.setAttribute('data-charts', '1');</script>
</body></html>`;
      await writeFile(path.join(bad, 'index.html'), page);
      const { faults } = await checkPage(path.join(bad, 'index.html'), path.join(bad, 'index.png'));
      const at800 = faults.filter((f) => f.startsWith('at 800 px: ')).map((f) => f.slice('at 800 px: '.length));
      expect(at800).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^the page is 1000 px wide in a 800 px window/),
          expect.stringMatching(/^<td> "a cell too narrow for its text": its text spills out of its cell/),
          expect.stringMatching(/^raw JSON in the text: "\{"version":"26.1.5"/),
          expect.stringMatching(/^a literal backtick in the text: /),
          expect.stringMatching(/^"✅" \(U\+2705\) has no glyph in sans-serif: it shows as a box/),
          expect.stringMatching(/^chart sizes, axis y: labels "[\d,]+" and "[\d,]+" are [\d.]+ px apart \(12 px text\): they overlap/),
        ]),
      );
      expect(faults.some((f) => f.startsWith('at 1400 px: raw JSON'))).toBe(true);
    },
    spawningTestTimeoutMs,
  );

  it(
    'draws every chart it shows when no app could be measured (no empty canvas)',
    async () => {
      const broken = nodeApiReport({ error: 'build of lab/node-api:single failed: no result within 600 s (time limit)' });
      delete broken.facts;
      delete broken.packages;
      const empty = await writeReport(fixtureReport([broken]), path.join(dir, 'unmeasured'));
      expect(empty.pageProblems).toEqual([]);
    },
    spawningTestTimeoutMs,
  );

  it(
    "lays each example's three sides out readably: side by side at 1400 px, none narrower than 200 px at 800 px",
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.context.newPage();
        await page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
        const layout = async (width: number) => {
          await page.setViewportSize({ width, height: 900 });
          return page.$$eval('.lesson-sides', (rows) =>
            rows.map((row) =>
              Array.from(row.children).map((side) => ({ top: Math.round(side.getBoundingClientRect().top), width: side.getBoundingClientRect().width })),
            ),
          );
        };
        for (const width of [800, 1400]) {
          const rows = await layout(width);
          expect(rows).toHaveLength(10);
          for (const sides of rows) {
            expect(sides).toHaveLength(3);
            expect(Math.min(...sides.map((s) => s.width)), `at ${width} px`).toBeGreaterThanOrEqual(200);
            if (width === 1400) expect(new Set(sides.map((s) => s.top)).size).toBe(1);
          }
        }
      } finally {
        await browser.close();
      }
    },
    spawningTestTimeoutMs,
  );

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
