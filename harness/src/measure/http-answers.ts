// Asks the running production image the entry's HTTP questions (service.http) and keeps the
// answers as facts: status, headers, the start of the body. A path may be found in another
// answer (the hashed asset index.html names), so the question can be asked of any build.
import type { HttpExpectation } from '../catalogue/check-options.ts';
import type { HttpAnswer } from '../contract/app-facts.ts';

const bodyStartChars = 300;

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  // fetch decodes gzip'd bodies and keeps the content-encoding header, so both can be checked.
  const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(5_000) });
  return { status: response.status, headers: Object.fromEntries([...response.headers].map(([k, v]) => [k.toLowerCase(), v])), body: await response.text() };
}

async function resolvePath(path: HttpExpectation['path'], url: (path: string) => string): Promise<string> {
  if (typeof path === 'string') return path;
  const { body } = await get(url(path.from));
  const found = new RegExp(path.pattern).exec(body)?.[0];
  if (!found) throw new Error(`GET ${path.from} names nothing that matches /${path.pattern}/: ${body.slice(0, 200)}`);
  return found;
}

export async function askHttp(expectations: HttpExpectation[], url: (path: string) => string): Promise<HttpAnswer[]> {
  const answers: HttpAnswer[] = [];
  for (const expectation of expectations) {
    let path = typeof expectation.path === 'string' ? expectation.path : `(found in ${expectation.path.from})`;
    try {
      path = await resolvePath(expectation.path, url);
      const answer = await get(url(path), expectation.requestHeaders);
      answers.push({
        path,
        status: answer.status,
        headers: answer.headers,
        bodyStart: answer.body.slice(0, bodyStartChars),
        ...(expectation.bodyContains !== undefined ? { contains: answer.body.includes(expectation.bodyContains) } : {}),
        ...(expectation.bodyLacks !== undefined ? { containsLacked: answer.body.includes(expectation.bodyLacks) } : {}),
      });
    } catch (error) {
      answers.push({ path, error: (error as Error).message });
    }
  }
  return answers;
}
