// The builder the harness's images are built with, as far as results depend on it: the buildx
// plugin's version and the builder `docker buildx build` uses (its name, driver and the BuildKit
// version of its nodes: the engine's own BuildKit for the "docker" driver, another one for a
// docker-container or remote builder). Read from `docker buildx version` and `docker buildx
// inspect [NAME]`; one place for builder facts, so another builder is another fingerprint.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildxVersionOf } from './facts.ts';

const run = promisify(execFile);

export interface BuilderFacts {
  /** `docker buildx version`'s version, or "missing". */
  buildx: string;
  /** The builder's name ("default": the engine's own), or "none" where buildx could not say. */
  name: string;
  /** docker, docker-container, remote, kubernetes... */
  driver: string;
  /** Each node's BuildKit version, as `docker buildx inspect` lists them ("v0.0.0+unknown" for an engine's built-in one). */
  buildkit: string[];
}

/** `docker buildx inspect` output -> name, driver and the nodes' BuildKit versions. */
export function parseBuildxInspect(output: string): Pick<BuilderFacts, 'name' | 'driver' | 'buildkit'> {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(output)?.[1]?.trim();
  const buildkit = [...output.matchAll(/^BuildKit(?: version)?:\s*(.+)$/gim)].map((m) => m[1]!.trim());
  return { name: field('Name') ?? 'none', driver: field('Driver') ?? 'none', buildkit };
}

/** The builder `docker buildx build` uses (`builder`: another one by name). */
export async function builderFacts(builder?: string): Promise<BuilderFacts> {
  const text = async (args: string[]) => run('docker', args, { timeout: 30_000 }).then(({ stdout }) => stdout, () => '');
  const [version, inspect] = await Promise.all([text(['buildx', 'version']), text(['buildx', 'inspect', ...(builder ? [builder] : [])])]);
  return { buildx: buildxVersionOf(version) ?? 'missing', ...parseBuildxInspect(inspect) };
}
