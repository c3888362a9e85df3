// http-*: where a service lists service.http, each request to the running production image
// answers as the entry says (status, headers, body); reads the answers measured by measure/http-answers.ts.
import type { HttpAnswer, RunFacts } from '../contract/app-facts.ts';
import { firstLine } from '../format.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

/** A header's expected value: exactly this string, or `{ matches }`, a regular expression (source text). */
export type HeaderExpectation = string | { matches: string };

/** One request to the running production image and what its answer must be. */
export interface HttpExpectation {
  /** What it shows, for the test name and report, e.g. "a deep link answers index.html". */
  title: string;
  /**
   * The path to request, or a path found in another answer: the first match of `pattern` (a
   * regular expression's source) in the body of `from`, e.g. a hashed asset named by index.html.
   */
  path: string | { from: string; pattern: string };
  requestHeaders?: Record<string, string>;
  status: number;
  /** Response headers that must be present with these values (names in any case). */
  headers?: Record<string, HeaderExpectation>;
  /** The (decoded) body must contain this. */
  bodyContains?: string;
  /** The (decoded) body must not contain this: a missing asset must not be answered with index.html. */
  bodyLacks?: string;
}

declare module '../catalogue/types.ts' {
  interface Service {
    /** Answers the running production image must give: a static host's fallback, caching and headers, say. */
    http?: HttpExpectation[];
  }
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
  const sent = Object.entries(expectation.requestHeaders ?? {})
    .map(([k, v]) => ` (${k}: ${v})`)
    .join('');
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
    return verdict(false, expected, `no answer: ${firstLine(answer?.error ?? run?.error, 'not asked')}`, answer?.error ?? run?.error);
  }
  const problems: string[] = [];
  if (answer.status !== expectation.status) problems.push(`status ${answer.status}`);
  for (const [name, wanted] of wantedHeaders) {
    const actual = answer.headers?.[name];
    if (!headerMatches(actual, wanted)) problems.push(actual === undefined ? `no ${name} header` : `${name}: ${JSON.stringify(actual)}`);
  }
  if (answer.contains === false) problems.push(`body without ${JSON.stringify(expectation.bodyContains)}`);
  if (answer.containsLacked === true) problems.push(`body contains ${JSON.stringify(expectation.bodyLacks)}`);
  const shown = [
    `status ${answer.status}`,
    ...wantedHeaders.map(([name]) => `${name}: ${answer.headers?.[name] === undefined ? '(none)' : JSON.stringify(answer.headers[name])}`),
  ].join('; ');
  return verdict(
    problems.length === 0,
    expected,
    problems.length ? `${problems.join('; ')} (${shown})` : shown,
    `body starts: ${(answer.bodyStart ?? '').slice(0, 200)}`,
  );
}

export const http: ContractModule = {
  kind: 'contract',
  id: 'http-*',
  fixtures: ['deep-link-404', 'security-header-missing'],
  checks: (entry) =>
    (entry.service?.http ?? []).map((expectation, i) => ({
      id: `http-${i}`,
      title: `HTTP: ${expectation.title}`,
      evaluate: (f) => checkHttp(expectation, f.run?.http?.[i], f.run),
    })),
};
