// version-endpoint: where a service names service.versionPath, GET there answers a body with the
// VERSION build arg; reads the measured run's answer.
import type { AppFacts } from '../contract/app-facts.ts';
import { firstLine } from '../format.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

declare module '../catalogue/types.ts' {
  interface Service {
    /** A path whose response body contains the VERSION build arg (e.g. "/version"). */
    versionPath?: string;
  }
}

export function checkVersionEndpoint(facts: AppFacts): Verdict {
  const body = facts.run?.versionBody;
  return verdict(
    body !== undefined && body.includes(facts.buildArgs.VERSION),
    `a body containing ${facts.buildArgs.VERSION}`,
    body === undefined ? `no answer: ${firstLine(facts.run?.error, 'not run')}` : body.trim().slice(0, 200),
  );
}

export const versionEndpoint: ContractModule = {
  kind: 'contract',
  id: 'version-endpoint',
  fixtures: ['version-hardcoded'],
  checks: (entry) =>
    entry.service?.versionPath
      ? [{ id: 'version-endpoint', title: `GET ${entry.service.versionPath} reports the VERSION build arg`, evaluate: (f) => checkVersionEndpoint(f) }]
      : [],
};
