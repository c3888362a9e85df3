// scripts/buildkit for one named builder, from the harness: the environment that names it (its
// name, its run dir, its mirror's port), so a builder a test starts has state of its own and the
// one a user started (lab-remote, /tmp/lab-buildkit-lab-remote, port 5123) is left alone; and
// the same script stops it, whoever started it (the sweep of abandoned builders does).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { fromRepo } from '../paths.ts';
import { shared } from './timing-lock.ts';

const run = promisify(execFile);

/** Where scripts/buildkit keeps a builder's run dir unless told otherwise. */
export const defaultRunDirRoot = '/tmp';

/** The image scripts/buildkit copies buildkitd and buildctl out of (its `image`; the forge makes it). */
export const buildkitImage = 'moby/buildkit:v0.35.0';

export interface NamedBuilder {
  name: string;
  /** The folder that holds its run dir (default /tmp). */
  root?: string;
  /** Its loopback registry's port (start only: the script's default, 5123, is lab-remote's). */
  registryPort?: number;
}

/** A builder's run dir: its socket, buildkitd's root (the cache), the registry's storage, pid files and logs. */
export function buildkitRunDir(name: string, root = defaultRunDirRoot): string {
  return path.join(root, `lab-buildkit-${name}`);
}

/**
 * Runs `scripts/buildkit start|stop` for that builder. A start is shared work under the timing
 * lock: it installs buildkitd first (a copy out of an image; minutes where it must be built from
 * Go) and starts two daemons, which another run's timing beside it would measure too.
 */
export async function runBuildkitScript(command: 'start' | 'stop', builder: NamedBuilder): Promise<void> {
  const port = builder.registryPort === undefined ? {} : { LAB_BUILDKIT_REGISTRY_PORT: String(builder.registryPort) };
  const env = { ...process.env, LAB_BUILDKIT_NAME: builder.name, LAB_BUILDKIT_DIR: buildkitRunDir(builder.name, builder.root), ...port };
  const script = () => run(fromRepo('scripts/buildkit'), [command], { env, timeout: 20 * 60_000 });
  await (command === 'start' ? shared(script) : script());
}
