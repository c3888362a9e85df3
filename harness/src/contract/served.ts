// Checks of what a running image serves: its answers to the entry's HTTP questions, and what a
// real browser saw. Pure functions of the measured facts, like the rest of the contract.
import type { BrowserCheck, BuildArgClaim, HeaderExpectation, HttpExpectation } from '../catalogue/types.ts';
import type { BrowserFacts, BuildArgFacts, HttpAnswer, RunFacts } from './facts.ts';
import type { Verdict } from '../verdict.ts';

function verdict(ok: boolean, expected: string, found: string, blame?: string): Verdict {
  return { ok, expected, found, ...(blame && !ok ? { blame } : {}) };
}

function headerMatches(actual: string | undefined, wanted: HeaderExpectation): boolean {
  if (actual === undefined) return false;
  return typeof wanted === 'string' ? actual === wanted : new RegExp(wanted.matches).test(actual);
}

function showWanted(wanted: HeaderExpectation): string {
  return typeof wanted === 'string' ? JSON.stringify(wanted) : `/${wanted.matches}/`;
}

function describeRequest(expectation: HttpExpectation, path?: string): string {
  const where = path ?? (typeof expectation.path === 'string' ? expectation.path : `the first /${expectation.path.pattern}/ in ${expectation.path.from}`);
  const sent = Object.entries(expectation.requestHeaders ?? {}).map(([k, v]) => ` (${k}: ${v})`).join('');
  return `GET ${where}${sent}`;
}

export function checkHttp(expectation: HttpExpectation, answer: HttpAnswer | undefined, run: RunFacts | undefined): Verdict {
  const wantedHeaders = Object.entries(expectation.headers ?? {}).map(([name, wanted]) => [name.toLowerCase(), wanted] as const);
  const expected = [
    `${describeRequest(expectation, answer?.error === undefined ? answer?.path : undefined)} answers ${expectation.status}`,
    ...wantedHeaders.map(([name, wanted]) => `${name}: ${showWanted(wanted)}`),
    ...(expectation.bodyContains !== undefined ? [`body contains ${JSON.stringify(expectation.bodyContains)}`] : []),
    ...(expectation.bodyLacks !== undefined ? [`body lacks ${JSON.stringify(expectation.bodyLacks)}`] : []),
  ].join('; ');
  if (!answer || answer.error !== undefined || answer.status === undefined) {
    return verdict(false, expected, `no answer: ${(answer?.error ?? run?.error ?? 'not asked').split('\n')[0]}`, answer?.error ?? run?.error);
  }
  const problems: string[] = [];
  if (answer.status !== expectation.status) problems.push(`status ${answer.status}`);
  for (const [name, wanted] of wantedHeaders) {
    const actual = answer.headers?.[name];
    if (!headerMatches(actual, wanted)) problems.push(actual === undefined ? `no ${name} header` : `${name}: ${JSON.stringify(actual)}`);
  }
  if (answer.contains === false) problems.push(`body without ${JSON.stringify(expectation.bodyContains)}`);
  if (answer.containsLacked === true) problems.push(`body contains ${JSON.stringify(expectation.bodyLacks)}`);
  const shown = [`status ${answer.status}`, ...wantedHeaders.map(([name]) => `${name}: ${answer.headers?.[name] === undefined ? '(none)' : JSON.stringify(answer.headers[name])}`)].join('; ');
  return verdict(problems.length === 0, expected, problems.length ? `${problems.join('; ')} (${shown})` : shown, `body starts: ${(answer.bodyStart ?? '').slice(0, 200)}`);
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
      problems.push(answered.length ? `${wanted} requested but answered ${answered.map((r) => r.status ?? 'nothing').join(', ')}` : `${wanted} never requested`);
    }
  }
  const screenshots = facts.steps.map((s) => s.screenshot).filter(Boolean).join(', ');
  return verdict(
    problems.length === 0,
    expected,
    problems.length ? problems.join('; ') : `${facts.steps.length} steps passed, ${facts.requests.length} requests, screenshots: ${screenshots}`,
    `requests: ${facts.requests.map((r) => `${r.url} ${r.status ?? '-'}${r.stubbed ? ' (stubbed)' : ''}`).join(', ')}; screenshots: ${screenshots}`,
  );
}

/** Each build requested its own value of the arg, never the other, and carries it only where allowed. */
export function checkBuildArg(spec: BuildArgClaim, facts: BuildArgFacts): Verdict {
  const problems: string[] = [];
  for (const image of facts.images) {
    const label = `${spec.arg}=${image.value}`;
    if (image.error !== undefined) {
      problems.push(`${label}: ${image.error.split('\n')[0]}`);
      continue;
    }
    if (image.browserError !== undefined) problems.push(`${label}: the page failed: ${image.browserError}`);
    if (image.requestedOwn.length === 0) problems.push(`${label}: the page never requested ${image.value}`);
    if (image.requestedOther.length) problems.push(`${label}: the page requested the other build's ${image.requestedOther[0]}`);
    const leaks = image.found.filter((f) => !f.allowed);
    for (const leak of leaks.slice(0, 5)) problems.push(`${label}: ${leak.value} found in ${leak.where}${leak.layer !== undefined ? ` (layer ${leak.layer})` : ''}`);
    if (!image.found.some((f) => f.allowed && f.value === image.value)) problems.push(`${label}: the value is not in the built assets (${spec.allowedIn.join(', ')})`);
  }
  const found = facts.images.map((i) => `${i.value}: requested ${i.requestedOwn.length}x, in ${i.found.filter((f) => f.value === i.value).map((f) => f.where).join(', ') || 'no file'}`).join('; ');
  return verdict(
    problems.length === 0 && facts.images.length === spec.values.length,
    `each build's page requests its own ${spec.arg} (never the other), and the value is in ${spec.allowedIn.join(', ')} only: no other layer, no image config`,
    problems.length ? problems.join('; ') : found,
    found,
  );
}
