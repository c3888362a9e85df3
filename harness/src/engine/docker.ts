// The one connection to the engine, and the settings Testcontainers needs in a closed network.
import Dockerode from 'dockerode';

// Testcontainers' Ryuk reaper and its alpine host probe must be pulled, and no registry answers
// here; the harness removes what it makes itself (see cleanup.ts). Set before Testcontainers
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

/** Where the harness looks for the engine, for messages. */
export function engineAddress(): string {
  return process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

export class NoEngineError extends Error {
  constructor(cause: unknown) {
    super(
      `No Docker engine answers at ${engineAddress()}: start one with 'sudo scripts/engine' ` +
        `(Debian: installs and starts dockerd) or 'sudo systemctl start docker', or set DOCKER_HOST.`,
      { cause },
    );
    this.name = 'NoEngineError';
  }
}

/** Resolves with the engine's version if it answers within `timeoutMs`, else throws NoEngineError. */
export async function requireEngine(timeoutMs = 5_000): Promise<string> {
  try {
    const version = await Promise.race([
      docker().version(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
    return version.Version;
  } catch (error) {
    throw new NoEngineError(error);
  }
}
