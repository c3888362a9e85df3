// The builder the harness's images are built with, as far as results depend on it: the buildx
// plugin's version and the builder `docker buildx build` uses (its name, driver and the BuildKit
// version of its nodes: the engine's own BuildKit for the "docker" driver, another one for a
// docker-container or remote builder). Read from `docker buildx version` and `docker buildx
// inspect [NAME]`; one place for builder facts, so another builder is another fingerprint.
// Which builder: LAB_BUILDER, else buildx's own BUILDX_BUILDER, else buildx's current one (the
// engine's "docker" driver unless someone ran `docker buildx use`).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

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

/** "github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3" -> "0.13.1+ds1"; "v0.17.1-desktop.1 ..." -> "0.17.1-desktop.1". */
export function buildxVersionOf(output: string): string | null {
  const version = output.trim().split(/\s+/)[1];
  return version ? version.replace(/^v/, '') : null;
}

/** The builder every build of the harness names (`--builder`), or undefined: buildx's current one. */
export function chosenBuilder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const name = (env.LAB_BUILDER || env.BUILDX_BUILDER || '').trim();
  if (!name) return undefined;
  // buildx's own rule for instance names; anything else would reach the command line as a flag or a path.
  if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(name))
    throw new Error(
      `${env.LAB_BUILDER ? 'LAB_BUILDER' : 'BUILDX_BUILDER'} is '${name}': it takes the name of a buildx builder (letters, digits, '.', '_', '-'; see docker buildx ls).`,
    );
  return name;
}

/** "builder lab-remote (remote driver, BuildKit v0.35.0)": what a report says its images were built with. */
export function describeBuilder(builder: Pick<BuilderFacts, 'name' | 'driver' | 'buildkit'>): string {
  return `builder ${builder.name} (${builder.driver} driver, BuildKit ${builder.buildkit.length ? [...new Set(builder.buildkit)].join(' ') : 'unknown'})`;
}

/** `docker buildx inspect` output -> name, driver and the nodes' BuildKit versions. */
export function parseBuildxInspect(output: string): Pick<BuilderFacts, 'name' | 'driver' | 'buildkit'> {
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(output)?.[1]?.trim();
  const buildkit = [...output.matchAll(/^BuildKit(?: version)?:\s*(.+)$/gim)].map((m) => m[1]!.trim());
  return { name: field('Name') ?? 'none', driver: field('Driver') ?? 'none', buildkit };
}

/** The builder the harness builds with (`builder`: another one by name). */
export async function builderFacts(builder: string | undefined = chosenBuilder()): Promise<BuilderFacts> {
  const text = async (args: string[]) =>
    run('docker', args, { timeout: 30_000 }).then(
      ({ stdout }) => stdout,
      () => '',
    );
  // A named builder is booted (a docker-container one started) so that its BuildKit version is known.
  const inspected = builder
    ? run('docker', ['buildx', 'inspect', '--bootstrap', builder], { timeout: 120_000 }).then(
        ({ stdout }) => stdout,
        (error: { stderr?: string; message: string }) => {
          throw new Error(
            `the buildx builder '${builder}' (LAB_BUILDER/BUILDX_BUILDER) does not answer: ${(error.stderr || error.message).trim().split('\n').at(-1)} (docker buildx ls lists the builders; scripts/buildkit starts lab-remote)`,
          );
        },
      )
    : text(['buildx', 'inspect']);
  const [version, inspect] = await Promise.all([text(['buildx', 'version']), inspected]);
  return { buildx: buildxVersionOf(version) ?? 'missing', ...parseBuildxInspect(inspect) };
}
