// browser: where a service asks, headless Chromium loads the app, follows its links and deep
// links, with no console errors or failed requests; reads the session of browser/session.ts.
import type { BrowserFacts } from '../browser/session.ts';
import type { RunFacts } from '../contract/app-facts.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

/** One step of a browser session; every step ends with `expectText` visible on the page. */
export type BrowserStep =
  /** Loads a path as a new page: `/` first, a deep link later. */
  | { goto: string; expectText: string }
  /** Clicks the link with this text: the URL must become `expectPath` without a page load. */
  | { click: string; expectPath: string; expectText: string };

export interface BrowserCheck {
  /** Requests sent to the app before the browser opens it: data the page is to show (an item to list). */
  setup?: { method: 'POST' | 'PUT'; path: string; json: unknown }[];
  steps: BrowserStep[];
  /**
   * Requests the browser answers itself with this JSON (a glob over the URL): for an API the
   * image does not contain, so the page can be checked on its own. Real APIs are not stubbed.
   */
  stubs?: { url: string; json: unknown }[];
  /** URLs (substrings) the page must have requested, each answered 2xx: the app's API call, say. */
  expectRequests?: string[];
}

declare module '../catalogue/types.ts' {
  interface Service {
    /** A real browser (headless Chromium) drives the app in the production image. */
    browser?: BrowserCheck;
  }
}

function stepsOf(check: BrowserCheck): string {
  return check.steps.map((s) => ('goto' in s ? `open ${s.goto}` : `click "${s.click}" -> ${s.expectPath}`)).join(', ');
}

export function checkBrowser(check: BrowserCheck, facts: BrowserFacts | undefined, run: RunFacts | undefined): Verdict {
  const expected = `${stepsOf(check)}, each showing its text; no console errors, no failed requests${check.expectRequests?.length ? `; requested and answered 2xx: ${check.expectRequests.join(', ')}` : ''}`;
  if (!facts) return verdict(false, expected, `not run: ${(run?.error ?? 'no browser facts').split('\n')[0]}`, run?.error);
  if (facts.error !== undefined) return verdict(false, expected, `the browser did not run: ${facts.error.split('\n')[0]}`, facts.error);
  const problems: string[] = [];
  const failed = facts.steps.find((s) => !s.ok);
  if (failed) problems.push(`step "${failed.step}" failed at ${failed.url ?? '?'}: ${failed.error ?? ''}`);
  else if (facts.steps.length < check.steps.length) problems.push(`only ${facts.steps.length} of ${check.steps.length} steps ran`);
  if (facts.consoleErrors.length) problems.push(`console errors: ${facts.consoleErrors.slice(0, 3).join(' | ')}`);
  if (facts.failedRequests.length) problems.push(`failed requests: ${facts.failedRequests.slice(0, 3).join(' | ')}`);
  for (const wanted of check.expectRequests ?? []) {
    const answered = facts.requests.filter((r) => r.url.includes(wanted));
    if (!answered.some((r) => r.status !== undefined && r.status >= 200 && r.status < 300)) {
      problems.push(
        answered.length ? `${wanted} requested but answered ${answered.map((r) => r.status ?? 'nothing').join(', ')}` : `${wanted} never requested`,
      );
    }
  }
  const screenshots = facts.steps
    .map((s) => s.screenshot)
    .filter(Boolean)
    .join(', ');
  return verdict(
    problems.length === 0,
    expected,
    problems.length ? problems.join('; ') : `${facts.steps.length} steps passed, ${facts.requests.length} requests, screenshots: ${screenshots}`,
    `requests: ${facts.requests.map((r) => `${r.url} ${r.status ?? '-'}${r.stubbed ? ' (stubbed)' : ''}`).join(', ')}; screenshots: ${screenshots}`,
  );
}

export const browser: ContractModule = {
  kind: 'contract',
  id: 'browser',
  fixtures: ['console-error'],
  checks: (entry) => {
    const check = entry.service?.browser;
    if (!check) return [];
    return [
      {
        id: 'browser',
        title: 'a real browser loads the app, follows its links and deep links, with no console errors or failed requests',
        evaluate: (f) => checkBrowser(check, f.run?.browser, f.run),
      },
    ];
  },
};
