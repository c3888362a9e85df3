// The fork's compose.yaml: the app's own Compose file with its build paths made the fork's
// (context `.`, the default `Dockerfile`), or, for an app without one, a file written from its
// catalogue entry: a development service where the entry has a development target, and the
// production service, hardened as the image contract runs it.
import path from 'node:path';
import { isMap, isScalar, parseDocument, stringify } from 'yaml';
import type { AppEntry } from '../catalogue/types.ts';
import { rewriteLabPaths, type LabLayout } from './lab-paths.ts';

/** Compose's own names for its file, in the order it looks for them. */
export const composeFileNames = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

/**
 * The app's Compose file, its build contexts and Dockerfile paths made the fork's. `file` is
 * context-relative, so paths in it resolve from the context: one that names the context is
 * `.`, one that names the Dockerfile is dropped (Compose's default is `Dockerfile`).
 */
export function forkComposeFile(text: string, file: string, layout: LabLayout): string {
  const doc = parseDocument(text);
  const services = doc.get('services');
  const composeDir = path.posix.join(layout.context, path.posix.dirname(file));
  if (isMap(services)) {
    for (const pair of services.items) {
      const service = pair.value;
      if (!isMap(service)) continue;
      const build = service.get('build', true);
      if (isScalar(build) && typeof build.value === 'string' && path.posix.join(composeDir, build.value) === layout.context) {
        build.value = path.posix.relative(composeDir, layout.context) || '.';
        continue;
      }
      if (!isMap(build)) continue;
      const context = String(build.get('context') ?? '.');
      const contextDir = path.posix.join(composeDir, context);
      const dockerfile = build.get('dockerfile');
      if (typeof dockerfile === 'string' && path.posix.join(contextDir, dockerfile) === layout.dockerfile) build.delete('dockerfile');
      if (contextDir === layout.context) build.set('context', path.posix.relative(composeDir, layout.context) || '.');
    }
  }
  return rewriteLabPaths(doc.toString({ lineWidth: 0 }), layout);
}

/** A Compose file for an app that has none: its targets as services, from the catalogue entry. */
export function composeFromEntry(entry: AppEntry): string {
  const service = entry.service;
  if (!service) throw new Error(`${entry.name} has no service to compose`);
  const port = String(service.port);
  const environment = service.env && Object.keys(service.env).length ? { environment: service.env } : {};
  const services: Record<string, unknown> = {};
  if (entry.development) {
    services['app-dev'] = {
      build: { context: '.', target: entry.development.target },
      ports: [port],
      ...environment,
      volumes: entry.development.mounts.map((m) => `${m.source === '.' ? '.' : `./${m.source.replace(/^\.\//, '')}`}:${m.target}`),
    };
  }
  services['app-prod'] = {
    build: { context: '.', target: entry.productionTarget, args: { VERSION: '${VERSION:-0.0.0-compose}', REVISION: '${REVISION:-unknown}' } },
    ports: [port],
    ...environment,
    read_only: true,
    cap_drop: ['ALL'],
    security_opt: ['no-new-privileges:true'],
  };
  const header = [
    '# Both targets of the one Dockerfile (Compose v2):',
    '#',
    ...(entry.development ? ['#   docker compose up --build app-dev            # the development target; reloads on a source change'] : []),
    '#   docker compose up --build --wait -d app-prod  # the production image; returns once it is healthy',
    `#   docker compose port app-prod ${port}             # the host port it got (a free one; write "${port}:${port}" to pin it)`,
    '#',
    '# app-prod runs hardened: a read-only root, no capabilities, no privilege gain.',
    '',
  ];
  return `${header.join('\n')}${stringify({ services }, { lineWidth: 0 })}`;
}

/** The services of a Compose file and the target each builds (undefined: the last stage). */
export function composeServices(text: string): { name: string; target: string | undefined; ports: string[] }[] {
  const doc = parseDocument(text).toJS() as {
    services?: Record<string, { build?: string | { target?: string }; ports?: (string | number | { target?: number })[] }>;
  };
  return Object.entries(doc.services ?? {}).map(([name, service]) => ({
    name,
    target: typeof service.build === 'object' ? service.build.target : undefined,
    ports: (service.ports ?? []).map((p) => (typeof p === 'object' ? String(p.target) : String(p))),
  }));
}

/** The service that runs the production target: the one an app's users `docker compose up`. */
export function productionService(text: string, productionTarget: string): string {
  const services = composeServices(text);
  const found = services.find((s) => s.target === productionTarget) ?? services.find((s) => s.target === undefined);
  if (!found)
    throw new Error(
      `no service of the Compose file builds the ${productionTarget} target (services: ${services.map((s) => `${s.name} -> ${s.target ?? 'default'}`).join(', ')})`,
    );
  return found.name;
}
