import { describe, expect, it } from 'vitest';
import { spaHostExpectations } from '../../src/catalogue/spa-host.ts';
import { checkBrowser, type BrowserCheck } from '../../src/checks/browser.ts';
import { checkBuildArg, type BuildArgClaim } from '../../src/checks/build-arg.ts';
import { checkHttp, type HttpExpectation } from '../../src/checks/http.ts';
import type { BrowserFacts, BuildArgFacts, HttpAnswer } from '../../src/contract/app-facts.ts';

const deepLink = spaHostExpectations.find((e) => e.path === '/about')!;
const missingAsset = spaHostExpectations.find((e) => e.path === '/assets/nope.js')!;
const hashedAsset = spaHostExpectations.find((e) => typeof e.path !== 'string')!;

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
};

function answer(overrides: Partial<HttpAnswer> = {}): HttpAnswer {
  return {
    path: '/about',
    status: 200,
    headers: { 'cache-control': 'no-cache', 'content-type': 'text/html; charset=utf-8', ...securityHeaders },
    bodyStart: '<!doctype html>',
    contains: true,
    ...overrides,
  };
}

describe('HTTP expectations', () => {
  it('pass an answer that meets them', () => {
    expect(checkHttp(deepLink, answer(), {})).toMatchObject({ ok: true });
  });

  it('fail a deep link the server answers 404, saying so', () => {
    const verdict = checkHttp(deepLink, answer({ status: 404, contains: false }), {});
    expect(verdict.ok).toBe(false);
    expect(verdict.expected).toContain('GET /about answers 200');
    expect(verdict.found).toMatch(/^status 404; body without "<div id=\\"root\\"><\/div>"/);
  });

  it('fail a missing asset answered with index.html (the fallback caught it)', () => {
    const verdict = checkHttp(missingAsset, answer({ path: '/assets/nope.js', status: 200, containsLacked: true }), {});
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toContain('status 200');
    expect(verdict.found).toContain('body contains "<div id=\\"root\\"></div>"');
  });

  it('fail a hashed asset without immutable caching or gzip, naming the headers', () => {
    const verdict = checkHttp(
      hashedAsset,
      answer({
        path: '/assets/index-x.js',
        headers: { 'cache-control': 'max-age=3600', 'content-type': 'text/javascript', vary: 'Accept-Encoding', 'x-content-type-options': 'nosniff' },
      }),
      {},
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toContain('cache-control: "max-age=3600"');
    expect(verdict.found).toContain('no content-encoding header');
    expect(verdict.expected).toContain('GET /assets/index-x.js (accept-encoding: gzip) answers 200');
  });

  it('fail a CSP that allows inline scripts', () => {
    const verdict = checkHttp(deepLink, answer({ headers: { ...answer().headers, 'content-security-policy': "default-src 'self' 'unsafe-inline'" } }), {});
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toContain("content-security-policy: \"default-src 'self' 'unsafe-inline'\"");
  });

  it('fail with the reason when nothing answered', () => {
    const expectation: HttpExpectation = { title: 't', path: { from: '/', pattern: '/assets/.*\\.js' }, status: 200 };
    const verdict = checkHttp(expectation, { path: '(found in /)', error: 'GET / names nothing that matches /\\/assets\\/.*\\.js/' }, {});
    expect(verdict).toMatchObject({ ok: false, found: 'no answer: GET / names nothing that matches /\\/assets\\/.*\\.js/' });
    expect(verdict.expected).toContain('the first //assets/.*\\.js/ in /');
  });
});

const check: BrowserCheck = {
  steps: [
    { goto: '/', expectText: 'widget' },
    { click: 'About', expectPath: '/about', expectText: 'About' },
  ],
  expectRequests: ['/items'],
};

function browser(overrides: Partial<BrowserFacts> = {}): BrowserFacts {
  return {
    steps: [
      { step: 'open /', ok: true, url: 'http://localhost:1/', screenshot: 'reports/browser/x-1.png' },
      { step: 'click "About"', ok: true, url: 'http://localhost:1/about', screenshot: 'reports/browser/x-2.png' },
    ],
    consoleErrors: [],
    failedRequests: [],
    requests: [{ url: 'http://localhost:1/items', status: 200, stubbed: false, navigation: false }],
    ...overrides,
  };
}

describe('the browser check', () => {
  it('passes a clean session, naming its screenshots', () => {
    const verdict = checkBrowser(check, browser(), {});
    expect(verdict.ok).toBe(true);
    expect(verdict.found).toContain('reports/browser/x-2.png');
  });

  it('fails a click that loaded a new page instead of a client-side route change', () => {
    const facts = browser({
      steps: [
        browser().steps[0]!,
        {
          step: 'click "About"',
          ok: false,
          url: 'http://localhost:1/about',
          error: 'the click loaded a new page: the link was not handled by the client-side router',
        },
      ],
    });
    const verdict = checkBrowser(check, facts, {});
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toContain('step "click "About"" failed at http://localhost:1/about: the click loaded a new page');
  });

  it('fails a CSP violation in the console and a failed request', () => {
    const verdict = checkBrowser(
      check,
      browser({
        consoleErrors: ["Refused to connect to 'https://api.x' because it violates the Content Security Policy"],
        failedRequests: ['http://localhost:1/favicon.svg: HTTP 404'],
      }),
      {},
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toContain('console errors: Refused to connect');
    expect(verdict.found).toContain('failed requests: http://localhost:1/favicon.svg: HTTP 404');
  });

  it('fails when the page never called its API', () => {
    const verdict = checkBrowser(check, browser({ requests: [] }), {});
    expect(verdict).toMatchObject({ ok: false, found: '/items never requested' });
  });

  it('fails with the reason when the browser could not start', () => {
    const verdict = checkBrowser(check, browser({ error: 'no Chromium at /usr/bin/chromium: run scripts/bootstrap' }), {});
    expect(verdict).toMatchObject({ ok: false, found: 'the browser did not run: no Chromium at /usr/bin/chromium: run scripts/bootstrap' });
  });
});

const claim: BuildArgClaim = {
  arg: 'API_URL',
  values: ['https://one.test', 'https://two.test'],
  allowedIn: ['/public/assets/*.js'],
  browserPath: '/',
  stubJson: {},
  expectText: 'x',
};

function buildArg(overrides: Partial<BuildArgFacts['images'][number]>[] = []): BuildArgFacts {
  const base = claim.values.map((value, i) => ({
    value,
    tag: `lab/x:api_url-${i + 1}`,
    requestedOwn: [`${value}/items`],
    requestedOther: [],
    found: [{ value, where: '/public/assets/index-abc.js', layer: 3, allowed: true }],
  }));
  return { arg: 'API_URL', images: base.map((image, i) => ({ ...image, ...overrides[i] })) };
}

describe('the build-arg claim', () => {
  it('holds when each bundle calls its own URL and the value is in the bundle only', () => {
    expect(checkBuildArg(claim, buildArg()).ok).toBe(true);
  });

  it('fails a value that leaked into another layer or the image config, naming where', () => {
    const verdict = checkBuildArg(
      claim,
      buildArg([
        {
          found: [
            { value: 'https://one.test', where: '/public/assets/index-abc.js', layer: 3, allowed: true },
            { value: 'https://one.test', where: '/etc/static-web-server.toml', layer: 4, allowed: false },
            { value: 'https://one.test', where: 'image config (ENV, LABEL, CMD, history)', allowed: false },
          ],
        },
      ]),
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toContain('API_URL=https://one.test: https://one.test found in /etc/static-web-server.toml (layer 4)');
    expect(verdict.found).toContain('found in image config (ENV, LABEL, CMD, history)');
  });

  it("fails a bundle that calls the other build's URL, or none", () => {
    const verdict = checkBuildArg(claim, buildArg([{}, { requestedOwn: [], requestedOther: ['https://one.test/items'] }]));
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toContain('API_URL=https://two.test: the page never requested https://two.test');
    expect(verdict.found).toContain("the page requested the other build's https://one.test/items");
  });

  it('fails a build whose bundle does not hold the value (it was not baked in)', () => {
    const verdict = checkBuildArg(claim, buildArg([{ found: [] }]));
    expect(verdict.found).toContain('API_URL=https://one.test: the value is not in the built assets (/public/assets/*.js)');
  });
});
