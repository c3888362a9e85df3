// reports/index.html: the claims report as one page that opens from the file system with no
// network: Chart.js (from the workspace's node_modules) is inlined into it with the data it
// draws, and everything else is plain HTML tables. Charts: sizes (single, multi and the
// tutorial's, per app), reductions, the largest layers of each image with the instruction that
// made each, package counts and the verdicts of the tutorial's claims.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describeEngine } from '../engine/engine-facts.ts';
import { reductionPercent } from '../size-reduction.ts';
import type { LayerFacts } from '../inspect/image.ts';
import type { ClaimVerdict } from './claims-model.ts';
import { claimsAndAdvice, verdictCounts } from './claims-model.ts';
import type { AppReport, ClaimsReport } from './claims-model.ts';
import { formatBytes, formatMs } from '../format.ts';
import { disagreements } from './disagreements.ts';
import { describeMeasuredOn, findingsWords } from './measured-on.ts';
import { exitCodeNote } from '../exit-code.ts';
import { builtLines, builtSizeCells, builtWords } from './built-images.ts';
import { screenshotPattern } from './screenshots.ts';
import { recipesHtml, withRecipeColumn } from './recipe-column.ts';
import { lessonsHtml, lessonsStyle } from './lessons-render.ts';

/** Chart.js's browser bundle (UMD, minified), as the package ships it. */
export async function chartJsBundle(): Promise<string> {
  const main = fileURLToPath(import.meta.resolve('chart.js'));
  return readFile(path.join(path.dirname(main), 'chart.umd.min.js'), 'utf8');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON that is safe inside a <script> element (no "</script>", no HTML comment openers). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

type Measured = AppReport & { facts: NonNullable<AppReport['facts']> };

const largestCount = 6;

function largest(layers: LayerFacts[]): LayerFacts[] {
  return [...layers].sort((a, b) => b.uncompressedBytes - a.uncompressedBytes).slice(0, largestCount);
}

/** What the page's script draws: small, so the page stays small whatever the report holds. */
export interface PageData {
  /** An image a failed app's run did not build is null (no bar). */
  sizes: {
    app: string;
    single: number | null;
    multi: number | null;
    tutorialSingle: number | null;
    tutorialMulti: number | null;
    reduction: number | null;
    tutorialReduction: number | null;
  }[];
  layers: { id: string; app: string; image: 'single' | 'multi'; labels: string[]; bytes: number[] }[];
  packages: { app: string; singleOs: number; multiOs: number; singleLanguage: number; multiLanguage: number }[];
  verdicts: { holds: number; doesNotHold: number; notChecked: number };
}

export function pageData(report: ClaimsReport): PageData {
  const measured = report.apps.filter((a): a is Measured => Boolean(a.facts));
  const counts = verdictCounts(report.tutorialClaims);
  return {
    // A failed app's images that were built are charted too (report/built-images.ts).
    sizes: report.apps.flatMap((a) => {
      const single = a.facts?.single.facts.uncompressedBytes ?? a.built?.single?.uncompressedBytes ?? null;
      const multi = a.facts?.multi.facts.uncompressedBytes ?? a.built?.multi?.uncompressedBytes ?? null;
      if (single === null && multi === null) return [];
      return [
        {
          app: a.app,
          single,
          multi,
          tutorialSingle: a.tutorial?.singleBytes ?? null,
          tutorialMulti: a.tutorial?.multiBytes ?? null,
          reduction: single !== null && multi !== null ? +reductionPercent(single, multi).toFixed(1) : null,
          tutorialReduction: a.tutorial?.reductionPercent ?? null,
        },
      ];
    }),
    layers: measured.flatMap((a) =>
      (['multi', 'single'] as const).map((image) => {
        const top = largest(a.facts[image].facts.layers);
        return {
          id: `layers-${a.app}-${image}`,
          app: a.app,
          image,
          labels: top.map((l) => `#${l.index} ${l.instruction.replace(/\s+/g, ' ').slice(0, 70)}`),
          bytes: top.map((l) => l.uncompressedBytes),
        };
      }),
    ),
    packages: measured.flatMap((a) =>
      a.packages
        ? [
            {
              app: a.app,
              singleOs: a.packages.single.os,
              multiOs: a.packages.multi.os,
              singleLanguage: a.packages.single.language.reduce((n, l) => n + l.count, 0),
              multiLanguage: a.packages.multi.language.reduce((n, l) => n + l.count, 0),
            },
          ]
        : [],
    ),
    verdicts: { holds: counts.holds, doesNotHold: counts['does not hold'], notChecked: counts['not checked yet'] },
  };
}

const e = escapeHtml;

// The machine has no emoji font: the tutorial's ✅ and ❌ are drawn as inline SVG marks.
const marks: Record<string, string> = {
  '✅': '<svg class="mark" viewBox="0 0 16 16" role="img" aria-label="good"><rect width="16" height="16" rx="3" fill="#16a34a"/><path d="M4 8.5l2.5 2.5 5.5-6" stroke="#fff" stroke-width="2.2" fill="none"/></svg>',
  '❌': '<svg class="mark" viewBox="0 0 16 16" role="img" aria-label="bad"><path d="M3.5 3.5l9 9M12.5 3.5l-9 9" stroke="#dc2626" stroke-width="2.6" stroke-linecap="round"/></svg>',
};

/** Text as the tutorial and the checks write it: escaped, `code` as code, ✅/❌ as drawn marks. */
export function inlineText(text: string): string {
  return e(text.replace(/```[\w-]*/g, ''))
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/`/g, '')
    .replace(/✅|❌/gu, (m) => marks[m]!);
}

/** Screenshot files (absolute paths) and the data: URIs the page shows them by; a path not here was not kept with the report. */
export type Screenshots = Map<string, string>;

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A check's finding, with every screenshot it names shown as an image. */
function foundHtml(found: string, screenshots: Screenshots): string {
  // A body the app answered (GET /version's JSON, say) is shown as what it is: code.
  if (/^[[{]/.test(found.trim()) && isJson(found)) return `<code>${e(found)}</code>`;
  return found
    .split(screenshotPattern)
    .map((part, i) => {
      // The commas between two screenshots go: the images line up as a strip.
      if (i % 2 === 0) return i > 0 && /^[,\s]*$/.test(part) ? ' ' : inlineText(part);
      const uri = screenshots.get(part);
      const name = path.basename(part);
      return uri
        ? `<a class="shot" href="${uri}" title="${e(name)}"><img src="${uri}" alt="screenshot ${e(name)}"></a>`
        : `<span class="muted">screenshot ${e(name)} (not kept with this report)</span>`;
    })
    .join('');
}

function table(header: string[] | null, rows: string[][], className = ''): string {
  const head = header ? `<thead><tr>${header.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>` : '';
  return `<table${className ? ` class="${className}"` : ''}>${head}<tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const verdictClass: Record<ClaimVerdict['verdict'], string> = { holds: 'holds', 'does not hold': 'fails', 'not checked yet': 'waits' };

function claimsTable(verdicts: ClaimVerdict[]): string {
  const notes = disagreements(verdicts);
  const order: ClaimVerdict['verdict'][] = ['does not hold', 'holds', 'not checked yet'];
  const sorted = [...verdicts].sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict));
  return table(
    ['claim', 'the tutorial says', 'verdict', 'measured, or why not', 'decided by'],
    sorted.map((v) => [
      `<code>${e(v.id)}</code><div class="muted">${e(v.section)}</div>`,
      `<q>${inlineText(v.quote)}</q>${v.figure ? `<div><b>${e(v.figure)}</b></div>` : ''}${v.reading ? `<div class="muted">read as: ${inlineText(v.reading)}</div>` : ''}`,
      `<span class="badge ${verdictClass[v.verdict]}">${e(v.verdict)}</span>`,
      `${inlineText(v.detail)}${notes.has(v.id) ? `<div class="note">${inlineText(notes.get(v.id)!)}</div>` : ''}${v.cause ? `<div class="note">One cause with other findings: ${inlineText(v.cause)}</div>` : ''}<div class="muted">measured on: ${inlineText(describeMeasuredOn(v))}</div>`,
      `<span class="muted">${inlineText(v.decidedBy)}</span>`,
    ]),
    'claims',
  );
}

function layerTable(layers: LayerFacts[]): string {
  return table(
    ['layer', 'instruction', 'size', 'compressed'],
    largest(layers).map((l) => [String(l.index), `<code>${e(l.instruction)}</code>`, e(formatBytes(l.uncompressedBytes)), e(formatBytes(l.compressedBytes))]),
  );
}

function packagesText(counts: NonNullable<AppReport['packages']>['single']): string {
  const language = counts.language.map((l) => `${l.count} ${l.ecosystem}`).join(', ') || 'none';
  return `${counts.os} OS (${counts.osSource}); ${language}`;
}

/** A check's badge: a finding (the tutorial's wrong way shown to do harm, a leak) is never a green "yes". */
function checkBadge(check: AppReport['contract'][number]): string {
  if (check.title.startsWith('finding:')) return check.ok ? '<span class="badge finding">shown</span>' : '<span class="badge fails">not shown</span>';
  return `<span class="badge ${check.ok ? 'holds' : 'fails'}">${check.ok ? 'yes' : 'no'}</span>`;
}

/** Why the app's stop counts as clean though its exit code is not 0 (java's 143), as a note; '' otherwise. */
function stopNote(a: AppReport): string {
  const stop = a.facts?.run?.stop;
  const note = stop && !stop.killed ? exitCodeNote(stop.exitCode) : undefined;
  return note ? `<div class="note">${inlineText(note)}</div>` : '';
}

function appSection(a: AppReport, screenshots: Screenshots): string {
  const parts = [`<section class="app" id="app-${e(a.app)}"><h3>${e(a.app)}</h3><p class="muted">${e(a.title)}</p>`];
  if (a.error) parts.push(`<p><span class="badge fails">could not be measured</span></p><pre>${e(a.error)}</pre>`);
  if (a.built)
    parts.push(
      `<h4>Built before it failed</h4><ul class="built">${builtLines(a)
        .map((l) => `<li>${e(l)}</li>`)
        .join('')}</ul>`,
    );
  if (a.facts) {
    const { single, multi } = a.facts;
    const run = a.facts.run;
    const health = multi.facts.config.healthcheck;
    const facts: string[][] = [
      [
        'images',
        `${e(single.tag)} ${e(formatBytes(single.facts.uncompressedBytes))} &rarr; ${e(multi.tag)} ${e(formatBytes(multi.facts.uncompressedBytes))} (${e(formatBytes(multi.facts.compressedBytes))} compressed)`,
      ],
      [
        'user',
        `USER <code>${e(multi.facts.config.user || '(root)')}</code>${run?.uid !== undefined ? `; the running process: uid ${run.uid}${run.gid !== undefined ? `, gid ${run.gid}` : ''}` : ''}`,
      ],
      [
        'health',
        health
          ? `<code>HEALTHCHECK ${e(health.test.join(' '))}</code>${run?.healthyMs !== undefined ? `; healthy after ${e(formatMs(run.healthyMs))}` : ''}${run?.httpReadyMs !== undefined ? `; first 200 after ${e(formatMs(run.httpReadyMs))}` : ''}`
          : 'no HEALTHCHECK',
      ],
      [
        'stop',
        run?.stop
          ? `<code>docker stop</code>: ${run.stop.killed ? 'killed (SIGKILL)' : `exit ${run.stop.exitCode}`} after ${e(formatMs(run.stop.ms))}${stopNote(a)}`
          : 'not stopped (no service)',
      ],
      ...(a.packages ? [['packages', `single-stage: ${e(packagesText(a.packages.single))}<br>multi-stage: ${e(packagesText(a.packages.multi))}`]] : []),
    ];
    parts.push(
      table(
        null,
        facts.map(([k, v]) => [`<b>${e(k!)}</b>`, v!]),
        'facts',
      ),
    );
    for (const image of ['multi', 'single'] as const) {
      parts.push(
        `<h4>Largest layers of the ${image}-stage image (${e(a.facts[image].tag)})</h4>`,
        `<div class="chart small"><canvas id="layers-${e(a.app)}-${image}" role="img" aria-label="largest layers of ${e(a.app)} ${image}-stage"></canvas></div>`,
        layerTable(a.facts[image].facts.layers),
      );
    }
  }
  if (a.bases.length) {
    parts.push(
      '<h4>Base images</h4>',
      table(
        ['image', 'origin', 'id'],
        a.bases.map((b) => [`<code>${e(b.ref)}</code>`, e(b.origin), `<code>${e((b.digest ?? b.id ?? 'not present').slice(0, 80))}</code>`]),
      ),
    );
  }
  const checks = [...a.contract, ...a.claims];
  if (checks.length) {
    parts.push(
      `<h4>The lab's checks: ${checks.filter((c) => c.ok).length} of ${checks.length} pass</h4>`,
      table(
        ['check', 'passed', 'found'],
        checks.map((c) => [inlineText(c.title), checkBadge(c), foundHtml(c.found, screenshots)]),
        'checks',
      ),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

const style = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 16px 24px; color: #1f2937; overflow-wrap: anywhere; }
h1 { font-size: 22px; } h2 { margin-top: 32px; border-bottom: 1px solid #e5e7eb; } h3 { margin-top: 28px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid #e5e7eb; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; overflow-wrap: normal; }
code { font-size: 12px; overflow-wrap: anywhere; background: #f3f4f6; padding: 0 3px; border-radius: 3px; } q { quotes: "\\201C" "\\201D"; white-space: pre-wrap; }
pre { white-space: pre-wrap; background: #f9fafb; padding: 8px; }
.muted { color: #6b7280; font-size: 12px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; white-space: nowrap; }
.holds { background: #d1fae5; color: #065f46; } .fails { background: #fee2e2; color: #991b1b; } .waits { background: #f3f4f6; color: #4b5563; } .finding { background: #fef3c7; color: #92400e; }
.banner { border: 2px solid #dc2626; background: #fef2f2; padding: 8px 12px; border-radius: 6px; }
.note { margin-top: 4px; padding-left: 8px; border-left: 3px solid #f59e0b; font-size: 12px; }
.mark { width: 1em; height: 1em; vertical-align: -0.15em; }
.shot img { width: 160px; border: 1px solid #d1d5db; margin: 4px 4px 0 0; vertical-align: top; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 16px; }
.chart { position: relative; height: 320px; min-width: 0; } .chart.small { height: 220px; }
table.facts td:first-child { width: 90px; }
table.claims th:nth-child(1) { width: 14%; } table.claims th:nth-child(2) { width: 24%; } table.claims th:nth-child(3) { width: 90px; } table.claims th:nth-child(5) { width: 18%; }
table.checks th:nth-child(2) { width: 80px; }
`;

/** The script that draws the charts from the embedded data (Chart.js is loaded before it). */
const drawScript = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var mb = function (b) { return b === null ? null : +(b / 1e6).toFixed(2); };
  var size = function (v) { return v >= 1000 ? (v / 1000).toFixed(2) + ' GB' : v.toFixed(1) + ' MB'; };
  Chart.defaults.animation = false;
  if (data.sizes.length) new Chart(document.getElementById('sizes'), {
    type: 'bar',
    data: {
      labels: data.sizes.map(function (s) { return s.app; }),
      datasets: [
        { label: 'single-stage (measured)', data: data.sizes.map(function (s) { return mb(s.single); }), backgroundColor: '#ef4444' },
        { label: 'single-stage (tutorial)', data: data.sizes.map(function (s) { return mb(s.tutorialSingle); }), backgroundColor: '#fca5a5' },
        { label: 'multi-stage (measured)', data: data.sizes.map(function (s) { return mb(s.multi); }), backgroundColor: '#16a34a' },
        { label: 'multi-stage (tutorial)', data: data.sizes.map(function (s) { return mb(s.tutorialMulti); }), backgroundColor: '#86efac' }
      ]
    },
    options: {
      maintainAspectRatio: false,
      // Only 1, 2 and 5 of each power of ten are labelled: Chart.js's own choice puts 700 and 1,000 a line apart.
      scales: { y: { type: 'logarithmic', title: { display: true, text: 'MB (log scale)' }, ticks: { autoSkip: false, callback: function (v) { var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9)); return [1, 2, 5].some(function (x) { return Math.abs(m - x) < 1e-6; }) ? (v >= 1000 ? v / 1000 + ' GB' : v + ' MB') : ''; } } } },
      plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + size(c.parsed.y); } } } }
    }
  });
  new Chart(document.getElementById('verdicts'), {
    type: 'doughnut',
    data: {
      labels: ['holds', 'does not hold', 'not checked yet'],
      datasets: [{ data: [data.verdicts.holds, data.verdicts.doesNotHold, data.verdicts.notChecked], backgroundColor: ['#10b981', '#ef4444', '#d1d5db'] }]
    },
    options: { maintainAspectRatio: false, plugins: { title: { display: true, text: "The tutorial's claims" } } }
  });
  if (data.sizes.length) new Chart(document.getElementById('reductions'), {
    type: 'bar',
    data: {
      labels: data.sizes.map(function (s) { return s.app; }),
      datasets: [
        { label: 'reduction (measured)', data: data.sizes.map(function (s) { return s.reduction; }), backgroundColor: '#2563eb' },
        { label: 'reduction (tutorial)', data: data.sizes.map(function (s) { return s.tutorialReduction; }), backgroundColor: '#93c5fd' }
      ]
    },
    options: { maintainAspectRatio: false, scales: { y: { min: 0, max: 100, title: { display: true, text: '% smaller than single-stage' } } } }
  });
  if (data.packages.length) {
    new Chart(document.getElementById('packages'), {
      type: 'bar',
      data: {
        labels: data.packages.map(function (p) { return p.app; }),
        datasets: [
          { label: 'OS packages, single-stage', data: data.packages.map(function (p) { return p.singleOs; }), backgroundColor: '#f97316' },
          { label: 'OS packages, multi-stage', data: data.packages.map(function (p) { return p.multiOs; }), backgroundColor: '#fdba74' },
          { label: 'language packages, single-stage', data: data.packages.map(function (p) { return p.singleLanguage; }), backgroundColor: '#7c3aed' },
          { label: 'language packages, multi-stage', data: data.packages.map(function (p) { return p.multiLanguage; }), backgroundColor: '#c4b5fd' }
        ]
      },
      options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true, title: { display: true, text: 'packages' } } } }
    });
  }
  data.layers.forEach(function (l) {
    var canvas = document.getElementById(l.id);
    if (!canvas) return;
    new Chart(canvas, {
      type: 'bar',
      data: { labels: l.labels, datasets: [{ label: 'MB', data: l.bytes.map(mb), backgroundColor: l.image === 'multi' ? '#16a34a' : '#ef4444' }] },
      options: {
        indexAxis: 'y', maintainAspectRatio: false,
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return size(c.parsed.x); } } } },
        scales: { x: { title: { display: true, text: 'MB' } }, y: { ticks: { font: { size: 10 } } } }
      }
    });
  });
  document.body.setAttribute('data-charts', String(Object.keys(Chart.instances).length));
})();
`;

/** What failed in this run, said at the top: apps not measured and checks that failed. */
function failureBanner(report: ClaimsReport): string {
  const unmeasured = report.apps.filter((a) => a.error);
  const failed = report.apps.flatMap((a) => [...a.contract, ...a.claims].filter((c) => !c.ok).map((c) => ({ app: a.app, check: c })));
  if (!unmeasured.length && !failed.length) return '';
  const lines = [
    ...unmeasured.map(
      (a) =>
        `<li><a href="#app-${e(a.app)}">${e(a.app)}</a> could not be measured: ${e((a.error ?? '').split('\n')[0] ?? '')}${a.built ? ` (${e(builtWords(a))})` : ''}</li>`,
    ),
    ...failed.map(
      ({ app, check }) => `<li><a href="#app-${e(app)}">${e(app)}</a>: ${inlineText(check.title)} &mdash; ${inlineText(check.found.split('\n')[0] ?? '')}</li>`,
    ),
  ];
  const what = [
    unmeasured.length ? `${unmeasured.length} of ${report.apps.length} apps could not be measured` : '',
    failed.length ? `${failed.length} check${failed.length > 1 ? 's' : ''} failed` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return `<div class="banner" role="alert"><b>This run failed: ${what}.</b><ul>${lines.join('')}</ul></div>`;
}

/** The whole page, with Chart.js (`chartJs`, the UMD bundle's text) inlined. */
export function renderPage(report: ClaimsReport, chartJs: string, screenshots: Screenshots = new Map()): string {
  const counts = verdictCounts(report.tutorialClaims);
  const data = pageData(report);
  const sizeRows = report.apps.map((a) => {
    if (!a.facts) {
      const tutorial = a.tutorial ? e(`${formatBytes(a.tutorial.singleBytes)} -> ${formatBytes(a.tutorial.multiBytes)} (${a.tutorial.reductionPercent}%)`) : '';
      const built = builtSizeCells(a);
      // What was built is shown beside the badge; an image not built says so.
      if (built) return [`<a href="#app-${e(a.app)}">${e(a.app)}</a> <span class="badge fails">not measured</span>`, ...built.map(e), tutorial];
      return [`<a href="#app-${e(a.app)}">${e(a.app)}</a>`, '<span class="badge fails">not measured</span>', '', '', '', tutorial];
    }
    const single = a.facts.single.facts.uncompressedBytes;
    const multi = a.facts.multi.facts;
    return [
      `<a href="#app-${e(a.app)}">${e(a.app)}</a>`,
      e(formatBytes(single)),
      e(formatBytes(multi.uncompressedBytes)),
      e(formatBytes(multi.compressedBytes)),
      e(`${reductionPercent(single, multi.uncompressedBytes).toFixed(1)}%`),
      a.tutorial
        ? e(`${formatBytes(a.tutorial.singleBytes)} -> ${formatBytes(a.tutorial.multiBytes)} (${a.tutorial.reductionPercent}%)`)
        : '<span class="muted">no figure</span>',
    ];
  });
  const sizeTable = withRecipeColumn(['app', 'single-stage', 'multi-stage', 'compressed', 'reduction', 'tutorial'], sizeRows, report.apps, report.recipes, e);
  // "</script" cannot occur in the bundle as shipped, but a later version must not end the element early.
  const bundle = chartJs.replace(/<\/script/gi, '<\\/script');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>Multi-stage builds: the tutorial's claims, measured</title>
<style>${style}${lessonsStyle}</style>
</head>
<body>
<h1>Multi-stage builds: the tutorial's claims, measured</h1>
<p class="muted">Generated ${e(report.generatedAt)} by <code>pnpm verify</code> on ${e(describeEngine(report.engine))}. Sizes are uncompressed (as <code>docker images</code> shows them) unless marked compressed (gzip'd layers, as a registry stores them).</p>${report.noReportFrom?.length ? `\n<p><span class="badge waits">No report from ${e(report.noReportFrom.join(', '))}: the claims that name ${report.noReportFrom.length > 1 ? 'them' : 'it'}, or every app, are not checked.</span></p>` : ''}
<p><b>${counts.claims} claims of the tutorial:</b> <span class="badge holds">${counts.holds} hold</span> <span class="badge fails">${counts['does not hold']} do not hold${counts.findings === counts['does not hold'] ? '' : ` (${e(findingsWords(counts))})`}</span> <span class="badge waits">${counts['not checked yet']} not checked yet</span> &mdash; <a href="#claims">every claim with its verdict</a>${counts.advice ? `; <a href="#advice">${counts.advice} point${counts.advice === 1 ? '' : 's'} of the lab's own advice</a>` : ''}</p>
${failureBanner(report)}
<h2>Image sizes: single-stage, multi-stage and the tutorial's</h2>
<div class="charts">${data.sizes.length ? '<div class="chart"><canvas id="sizes" role="img" aria-label="image sizes per app"></canvas></div>' : '<p class="banner">No app was measured in this run, and no image was built: there are no sizes to chart.</p>'}<div class="chart"><canvas id="verdicts" role="img" aria-label="verdicts of the tutorial&#39;s claims"></canvas></div></div>
${table(sizeTable.header, sizeTable.rows)}
${data.sizes.length ? `<div class="charts"><div class="chart"><canvas id="reductions" role="img" aria-label="size reduction per app"></canvas></div>${data.packages.length ? '<div class="chart"><canvas id="packages" role="img" aria-label="packages per image"></canvas></div>' : ''}</div>` : ''}
${lessonsHtml(report.lessons, inlineText)}${recipesHtml(report.recipes, inlineText)}<h2 id="claims">The tutorial's claims</h2>
<p class="muted">A claim that does not hold is a finding about the tutorial, shown with the measured number; it does not fail the run. Claims about apps not measured in this run wait, with the reason.</p>
${claimsTable(claimsAndAdvice(report.tutorialClaims).claims)}
${
  counts.advice
    ? `<h2 id="advice">The lab's own advice</h2>
<p class="muted">Points the tutorial never makes, read into its words by the lab: a reading that does not hold is advice on what to do instead, not a finding about the tutorial.</p>
${claimsTable(claimsAndAdvice(report.tutorialClaims).advice)}
`
    : ''
}<h2>Per app: layers, packages, user, health, stop, base images</h2>
${report.apps.map((a) => appSection(a, screenshots)).join('\n')}
<script>${bundle}</script>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${drawScript}</script>
</body>
</html>
`;
}
