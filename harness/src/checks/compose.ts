// compose: Compose v2 brings up the entry's services from their targets, each ready in time and
// with its resource limits (measureCompose, measure/compose-project.ts).
import { MiB, type AppEntry, type Budget } from '../catalogue/types.ts';
import type { ComposeServiceFacts } from '../contract/app-facts.ts';
import { firstLine, formatMs } from '../format.ts';
import { measureCompose } from '../measure/compose-project.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

/** The tutorial's "Docker Compose with Multi-Stage": services built from targets, brought up and probed. */
export interface ComposeCheck {
  /** The Compose file, context-relative. */
  file: string;
  services: {
    name: string;
    /** Container port the service publishes. */
    port: number;
    probePath: string;
    /** The probe's body must contain this, if given. */
    expectInBody?: string;
    /** From the container's start (the build is not counted) until the probe answers 200, ms. */
    readyWithinMs: Budget;
    /** The resource limits the running container must have (docker inspect: NanoCpus, Memory). */
    resources?: { cpus: number; memoryBytes: number };
  }[];
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    compose?: ComposeCheck;
  }
}

function formatResources(r: { cpus: number; memoryBytes: number }): string {
  return `cpus ${r.cpus || 'unlimited'}, memory ${r.memoryBytes ? `${+(r.memoryBytes / MiB).toFixed(1)} MiB` : 'unlimited'}`;
}

export function checkCompose(entry: AppEntry, services: ComposeServiceFacts[]): Verdict {
  const spec = entry.compose!;
  const problems: string[] = [];
  const found: string[] = [];
  for (const want of spec.services) {
    const got = services.find((s) => s.name === want.name);
    if (!got?.ok) {
      problems.push(`${want.name}: ${firstLine(got?.error, 'not brought up')}`);
      found.push(`${want.name} failed: ${firstLine(got?.error, 'not brought up')}`);
      continue;
    }
    const limit = want.readyWithinMs.limit;
    const ready = got.readyMs ?? Number.POSITIVE_INFINITY;
    if (ready > limit) problems.push(`${want.name} was ready ${formatMs(ready)} after its start, over its limit of ${formatMs(limit)}`);
    if (want.resources && (got.resources?.cpus !== want.resources.cpus || got.resources.memoryBytes !== want.resources.memoryBytes)) {
      problems.push(`${want.name} runs with ${got.resources ? formatResources(got.resources) : 'unknown limits'}, expected ${formatResources(want.resources)}`);
    }
    found.push(
      `${want.name} ready ${formatMs(ready)} after its start (${formatMs(got.upMs ?? 0)} after \`up\`, build included)${got.resources ? `, ${formatResources(got.resources)}` : ''}`,
    );
  }
  return verdict(
    problems.length === 0,
    spec.services
      .map(
        (s) =>
          `${s.name} answers 200 on ${s.probePath} within ${formatMs(s.readyWithinMs.limit)} of its start${s.resources ? `, with ${formatResources(s.resources)}` : ''}`,
      )
      .join('; '),
    problems.length ? problems.join('; ') : found.join('; '),
    services
      .filter((s) => !s.ok)
      .map((s) => `${s.name}:\n${s.error}`)
      .join('\n') || found.join('\n'),
  );
}

export const compose: ClaimModule = {
  kind: 'claim',
  id: 'compose',
  fixtures: ['compose-broken'],
  claims: (entry, { claim }) => {
    if (!entry.compose) return [];
    const services = entry.compose.services.map((s) => s.name).join(' and ');
    return [
      claim(
        'compose',
        `Compose v2 brings up ${services} from their targets, each ready in time and with its resource limits`,
        () => measureCompose(entry),
        (f) => checkCompose(entry, f),
      ),
    ];
  },
};
