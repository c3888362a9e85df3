// exposes: a service's image EXPOSEs the port it serves on (service.port) and no other; reads the
// image config.
import type { AppEntry } from '../catalogue/types.ts';
import type { ImageFacts } from '../inspect/image.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

/**
 * EXPOSE names the port the service listens on and no other: `docker run -P` publishes every
 * exposed port, so one inherited from the base (static-web-server's 80) maps to nothing.
 */
export function checkExposedPorts(entry: AppEntry, image: ImageFacts): Verdict {
  const wanted = `${entry.service!.port}/tcp`;
  const exposed = [...image.config.exposedPorts].sort();
  const others = exposed.filter((p) => p !== wanted);
  return verdict(
    exposed.includes(wanted) && others.length === 0,
    `EXPOSE ${wanted} alone (the port it serves on)`,
    exposed.length ? `EXPOSE ${exposed.join(', ')}` : 'no EXPOSE',
    others.length
      ? `nothing listens on ${others.join(', ')}, yet \`docker run -P\` publishes it; an image cannot un-EXPOSE a port its base exposes: build the production stage FROM scratch and COPY the base's files instead`
      : `add \`EXPOSE ${entry.service!.port}\``,
  );
}

export const exposes: ContractModule = {
  kind: 'contract',
  id: 'exposes',
  fixtures: ['exposes-dead-port'],
  checks: (entry) =>
    entry.service
      ? [{ id: 'exposes', title: 'EXPOSE names the port it serves on and no other', evaluate: (f) => checkExposedPorts(entry, f.multi.facts) }]
      : [],
};
