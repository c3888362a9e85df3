// The one connection to the engine, and the settings Testcontainers needs in a closed network.
import Dockerode from 'dockerode';

// Testcontainers' Ryuk reaper and its alpine host probe must be pulled, and no registry answers
// here; the harness removes what it makes itself (see ownership.ts). Set before Testcontainers
// reads its configuration, so the user's shell needs no exports.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
if (!process.env.DOCKER_HOST || process.env.DOCKER_HOST.startsWith('unix://')) {
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';
}

let client: Dockerode | undefined;

/** The engine client: DOCKER_HOST if set, else the default socket. */
export function docker(): Dockerode {
  client ??= new Dockerode();
  return client;
}

/**
 * Points the harness at another engine from now on (DOCKER_HOST, read by the client and by the
 * buildx CLI the builds run): a test's own second engine. Returns what points it back.
 */
export function useEngine(host: string): () => void {
  const before = { host: process.env.DOCKER_HOST, client };
  process.env.DOCKER_HOST = host;
  client = undefined;
  return () => {
    if (before.host === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = before.host;
    client = before.client;
  };
}

/** Where the harness looks for the engine, for messages. */
export function engineAddress(): string {
  return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

/** Docker 25's API: HEALTHCHECK --start-interval, COPY --link, heredocs. scripts/engine holds the same. */
export const minimumApiVersion = '1.44';
export const minimumDockerVersion = '25';

/** An engine the lab cannot use; the message is the one line a user reads (no stack trace). */
export class EngineUnusableError extends Error {}

export class NoEngineError extends EngineUnusableError {
  constructor(cause: unknown) {
    super(
      `No Docker engine answers at ${engineAddress()}: start one with 'sudo scripts/engine' ` +
        `(Debian/Ubuntu: installs and starts dockerd) or 'sudo systemctl start docker', or set DOCKER_HOST.`,
      { cause },
    );
    this.name = 'NoEngineError';
  }
}

export class EngineTooOldError extends EngineUnusableError {
  constructor(version: string, apiVersion: string) {
    super(
      `The Docker engine at ${engineAddress()} is ${version} (API ${apiVersion}); the lab needs Docker ${minimumDockerVersion} or newer ` +
        `(API ${minimumApiVersion}): upgrade it (Debian/Ubuntu: 'sudo scripts/engine upgrade'; elsewhere https://docs.docker.com/engine/install/).`,
    );
    this.name = 'EngineTooOldError';
  }
}

/** Whether API version `a` (e.g. "1.45") is at least `b`. */
export function apiAtLeast(a: string, b: string): boolean {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am !== bm ? am > bm : an >= bn;
}

/**
 * Resolves with the engine's version if it answers within `timeoutMs` and speaks API 1.44 or
 * newer; else throws NoEngineError or EngineTooOldError, each one line.
 */
export async function requireEngine(timeoutMs = 5_000): Promise<string> {
  let version;
  try {
    version = await Promise.race([
      docker().version(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  } catch (error) {
    throw new NoEngineError(error);
  }
  if (!apiAtLeast(version.ApiVersion, minimumApiVersion)) throw new EngineTooOldError(version.Version, version.ApiVersion);
  return version.Version;
}
