// What the figures were measured on, for the reports and the bench: the engine (version, API,
// storage driver and image store: its identity, see engine-identity.ts) and the CLI plugins the harness
// calls (buildx, Compose v2: their own `version` commands). Read once per process.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { builderFacts, buildxVersionOf, describeBuilder, type BuilderFacts } from './builder.ts';
import { engineIdentity, imageStoreOf } from './engine-identity.ts';

export { imageStoreOf };

const run = promisify(execFile);

export interface EngineFacts {
  /** The engine's version, e.g. "26.1.5+dfsg1". */
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  /** The storage driver `docker info` names: overlay2 (classic store), overlayfs (containerd snapshotter)... */
  storageDriver: string;
  /** Classic: images in the engine's graph driver; containerd: in containerd's content store and snapshotter. */
  imageStore: 'classic' | 'containerd';
  /** `docker buildx version`'s version, or null where the plugin is missing. */
  buildx: string | null;
  /** `docker compose version --short`, or null where Compose v2 is missing. */
  compose: string | null;
  /** The builder the images were built with (engine/builder.ts); absent in figures recorded before it was kept. */
  builder?: Pick<BuilderFacts, 'name' | 'driver' | 'buildkit'>;
}

async function cliVersion(args: string[], parse: (output: string) => string | null): Promise<string | null> {
  try {
    const { stdout } = await run('docker', args, { timeout: 15_000 });
    return parse(stdout);
  } catch {
    return null;
  }
}

let facts: Promise<EngineFacts> | undefined;

export function engineFacts(): Promise<EngineFacts> {
  facts ??= (async () => {
    const [engine, builder, buildx, compose] = await Promise.all([
      engineIdentity(),
      builderFacts(),
      cliVersion(['buildx', 'version'], buildxVersionOf),
      cliVersion(['compose', 'version', '--short'], (out) => out.trim().replace(/^v/, '') || null),
    ]);
    const { version, apiVersion, os, arch, storageDriver, imageStore } = engine;
    return {
      version,
      apiVersion,
      os,
      arch,
      storageDriver,
      imageStore,
      buildx,
      compose,
      builder: { name: builder.name, driver: builder.driver, buildkit: builder.buildkit },
    };
  })();
  return facts;
}

/** One line for reports: "Docker 26.1.5+dfsg1 (API 1.45), classic image store (overlay2), buildx 0.13.1+ds1, builder default (docker driver, BuildKit v0.0.0+unknown), Compose 2.26.1-4". */
export function describeEngine(engine: EngineFacts): string {
  const store =
    engine.imageStore === 'containerd' ? `containerd image store (${engine.storageDriver} snapshotter)` : `classic image store (${engine.storageDriver})`;
  return [
    `Docker ${engine.version} (API ${engine.apiVersion})`,
    store,
    `buildx ${engine.buildx ?? 'missing'}`,
    ...(engine.builder ? [describeBuilder(engine.builder)] : []),
    `Compose ${engine.compose ?? 'v2 missing'}`,
  ].join(', ');
}
