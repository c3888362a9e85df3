// Opens reports/index.html in headless Chromium, as a reader would from the file system: it
// must render its charts with no console errors and no request leaving the page, and a
// screenshot of the whole page is saved beside it.
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../browser/chromium.ts';
import { writeFileAtomic } from '../write-atomic.ts';
import { pageFaultsInPage, twoFrames } from './page-faults.ts';

/** The widths the page must read right at: a narrow laptop window and a wide screen. */
export const pageWidths = [800, 1400] as const;

export interface PageCheck {
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
  /** Requests for anything but the page itself (there must be none: the page is self-contained). */
  requests: string[];
  /** Charts Chart.js drew (the page's script records the count on <body data-charts>). */
  charts: number;
  /** Canvases on the page: each must hold a chart. */
  canvases: number;
  title: string;
  /** What reads wrong at each width (page-faults.ts), "at 800 px: ..." sentences. */
  faults: string[];
}

export async function checkPage(htmlPath: string, screenshotPath: string): Promise<PageCheck> {
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    const url = pathToFileURL(htmlPath).href;
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    const charts = Number((await page.locator('body').getAttribute('data-charts', { timeout: 10_000 })) ?? 0);
    const canvases = await page.locator('canvas').count();
    const faults: string[] = [];
    for (const width of pageWidths) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(twoFrames);
      faults.push(...(await page.evaluate(pageFaultsInPage)).map((f) => `at ${width} px: ${f}`));
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.evaluate(twoFrames);
    // Whole or not at all, as the report's other files (write-atomic.ts).
    await writeFileAtomic(screenshotPath, await page.screenshot({ fullPage: true }));
    return { errors, requests, charts, canvases, title: await page.title(), faults };
  } finally {
    await browser.close();
  }
}

/** What is wrong with a checked page, as sentences; empty when it rendered cleanly. */
export function pageProblems(check: PageCheck): string[] {
  return [
    ...check.errors.map((e) => `the page logged an error: ${e}`),
    ...check.requests.map((r) => `the page requested ${r} (it must need nothing outside itself)`),
    ...(check.charts !== check.canvases ? [`${check.canvases} canvases but ${check.charts} charts drawn`] : []),
    ...(check.charts === 0 ? ['no chart was drawn'] : []),
    ...check.faults,
  ];
}
