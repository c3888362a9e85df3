// A real browser against a running image: Debian's Chromium, driven by playwright-core (which
// cannot download a browser of its own here). It records what a person would notice: console
// errors (a CSP violation is one), failed requests, and whether a click on a link loaded a new
// page or was handled by the app's router; and it saves a screenshot of every step.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { BrowserCheck, BrowserStep } from '../catalogue/check-options.ts';
import { launchChromium, type Browser } from './chromium.ts';
import { shared } from '../engine/timing-lock.ts';

export interface BrowserSession {
  /** Absolute URL of a path of the app under test. */
  url: (path: string) => string;
  /** Screenshots go to `<screenshotDir>/<name>-<step>.png`. */
  screenshotDir: string;
  name: string;
}

function describeStep(step: BrowserStep): string {
  return 'goto' in step ? `open ${step.goto}` : `click "${step.click}"`;
}

async function runStep(page: Page, session: BrowserSession, step: BrowserStep, navigations: () => number): Promise<void> {
  if ('goto' in step) {
    const response = await page.goto(session.url(step.goto), { waitUntil: 'load', timeout: 15_000 });
    if (!response || response.status() !== 200) throw new Error(`the page answered ${response?.status() ?? 'nothing'}`);
  } else {
    const before = navigations();
    await page.getByRole('link', { name: step.click, exact: true }).click({ timeout: 10_000 });
    await page.waitForURL((url) => url.pathname === step.expectPath, { timeout: 10_000 });
    if (navigations() !== before) throw new Error('the click loaded a new page: the link was not handled by the client-side router');
  }
  await page.getByText(step.expectText, { exact: false }).first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** A headless Chromium session against the running image. */
export interface BrowserFacts {
  error?: string;
  steps: { step: string; ok: boolean; url?: string; error?: string; screenshot?: string }[];
  /** console.error messages and uncaught page errors (a CSP violation is one). */
  consoleErrors: string[];
  /** Requests that failed (no answer) or were answered 4xx/5xx, with why. */
  failedRequests: string[];
  /** Every request the page made: URL, status (if answered) and whether the browser stubbed it. */
  requests: { url: string; status?: number; stubbed: boolean; navigation: boolean }[];
}

/** Runs the steps in one page and reports everything the check needs; never throws. A browser is a core's work: never beside another run's timing. */
export function browse(check: Pick<BrowserCheck, 'steps' | 'stubs'>, session: BrowserSession): Promise<BrowserFacts> {
  return shared(() => browseNow(check, session));
}

async function browseNow(check: Pick<BrowserCheck, 'steps' | 'stubs'>, session: BrowserSession): Promise<BrowserFacts> {
  const facts: BrowserFacts = { steps: [], consoleErrors: [], failedRequests: [], requests: [] };
  let launched: Browser | undefined;
  try {
    launched = await launchChromium({ width: 1024, height: 700 });
    const page = launched.context.pages()[0] ?? (await launched.context.newPage());
    const stubbed = new Set<string>();
    for (const stub of check.stubs ?? []) {
      await page.route(stub.url, async (route) => {
        stubbed.add(route.request().url());
        await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(stub.json), headers: { 'access-control-allow-origin': '*' } });
      });
    }
    let navigationCount = 0;
    page.on('console', (message) => {
      if (message.type() === 'error') facts.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => facts.consoleErrors.push(`uncaught: ${error.message}`));
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.frame() === page.mainFrame()) navigationCount++;
    });
    page.on('requestfailed', (request) => facts.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`));
    const recording: Promise<void>[] = [];
    page.on('requestfinished', (request) => {
      recording.push(
        request.response().then((response) => {
          const status = response?.status();
          facts.requests.push({
            url: request.url(),
            ...(status !== undefined ? { status } : {}),
            stubbed: stubbed.has(request.url()),
            navigation: request.isNavigationRequest(),
          });
          if (status !== undefined && status >= 400) facts.failedRequests.push(`${request.url()}: HTTP ${status}`);
        }),
      );
    });

    await mkdir(session.screenshotDir, { recursive: true });
    for (const [index, step] of check.steps.entries()) {
      const name = describeStep(step);
      const screenshot = path.join(session.screenshotDir, `${session.name}-${index + 1}.png`);
      try {
        await runStep(page, session, step, () => navigationCount);
        await page.screenshot({ path: screenshot });
        facts.steps.push({ step: name, ok: true, url: page.url(), screenshot });
      } catch (error) {
        await page.screenshot({ path: screenshot }).catch(() => undefined);
        facts.steps.push({ step: name, ok: false, url: page.url(), error: (error as Error).message.split('\n')[0] ?? 'failed', screenshot });
        break;
      }
    }
    // Let the last responses' handlers record them.
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
    await Promise.allSettled(recording);
    // And what the browser kept of the page's console: an event that had not reached the handlers
    // above when the page was read (a loaded machine) is still an error the page made.
    const seen = new Set(facts.consoleErrors);
    const kept = [
      ...(await page.consoleMessages({ filter: 'all' }).catch(() => [])).filter((m) => m.type() === 'error').map((m) => m.text()),
      ...(await page.pageErrors({ filter: 'all' }).catch(() => [])).map((e) => `uncaught: ${e.message}`),
    ];
    for (const text of kept) {
      if (seen.has(text)) continue;
      facts.consoleErrors.push(text);
      seen.add(text);
    }
  } catch (error) {
    facts.error = (error as Error).message;
  } finally {
    await launched?.close();
  }
  return facts;
}
