// A builder other than the engine's own ("docker" driver) does not see the engine's images: it
// resolves every FROM and COPY --from image through its registries. Where none answers (this
// machine: the base images are forged into the engine), scripts/buildkit runs a loopback
// registry that its buildkitd takes as the mirror of docker.io and gcr.io, and LAB_BUILDER_MIRROR
// names it (host:port): before a build, the harness pushes there each image the Dockerfile names
// that the engine holds, once per image id and process. Unset, nothing is pushed.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { analyzeDockerfile } from '../dockerfile/stages.ts';
import { parseRef } from '../dockerfile/refs.ts';
import { docker, engineAddress } from './docker.ts';

const run = promisify(execFile);

/** LAB_BUILDER_MIRROR's host:port, or undefined; anything else is refused in one line. */
export function builderMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.LAB_BUILDER_MIRROR?.trim();
  if (!value) return undefined;
  if (!/^[a-zA-Z0-9.-]+:\d{1,5}$/.test(value))
    throw new Error(
      `LAB_BUILDER_MIRROR is '${value}': it takes the host:port of the registry the builder mirrors docker.io from (scripts/buildkit prints it).`,
    );
  return value;
}

/**
 * Where a registry mirror keeps an image: its path without the registry host, as BuildKit asks a
 * mirror for it ("golang:1.26" -> "127.0.0.1:5123/library/golang:1.26",
 * "gcr.io/distroless/static-debian13:nonroot" -> "127.0.0.1:5123/distroless/static-debian13:nonroot").
 * Null for a reference pinned by digest (a push cannot give it that name).
 */
export function mirrorRef(mirror: string, ref: string): string | null {
  const parsed = parseRef(ref);
  if (parsed.digest) return null;
  const [first = '', ...rest] = parsed.repository.split('/');
  // The first part names a registry when it looks like a host (docker's own rule); else it is Docker Hub's.
  const hosted = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const path = hosted ? rest.join('/') : rest.length ? parsed.repository : `library/${parsed.repository}`;
  return `${mirror}/${path}:${parsed.tag ?? 'latest'}`;
}

/** Pushes in this process: mirror ref -> image id pushed (a push in flight is shared). */
const pushed = new Map<string, Promise<string>>();

/** Pushes to the mirror every image the Dockerfile names that the engine holds (the rest the builder resolves itself). */
export async function mirrorImagesOf(dockerfile: string, buildArgs: Record<string, string> | undefined, mirror: string): Promise<void> {
  const analysis = analyzeDockerfile(await readFile(dockerfile, 'utf8'), dockerfile, buildArgs ? { buildArgs } : {});
  const refs = new Set(analysis.stages.flatMap((stage) => [stage.base, ...stage.sources]).flatMap((source) => (source.kind === 'image' ? [source.ref] : [])));
  // The `# syntax=` frontend is resolved through the builder's registries like any base.
  if (analysis.frontend) refs.add(analysis.frontend.ref);
  await Promise.all([...refs].map((ref) => mirrorImage(ref, mirror)));
}

/** Pushes one image the engine holds to the mirror (nothing when the engine lacks it). */
export async function mirrorImage(ref: string, mirror: string): Promise<void> {
  const target = mirrorRef(mirror, ref);
  if (!target) return;
  const id = (
    await docker()
      .getImage(ref)
      .inspect()
      .catch(() => undefined)
  )?.Id;
  if (!id) return;
  const previous = await pushed.get(target)?.catch(() => undefined);
  if (previous === id) return;
  const push = (async () => {
    const env = { ...process.env, DOCKER_HOST: engineAddress() };
    await run('docker', ['tag', id, target], { env });
    try {
      await run('docker', ['push', '--quiet', target], { env, timeout: 10 * 60_000 });
    } catch (error) {
      const { stderr, message } = error as { stderr?: string; message: string };
      throw new Error(`could not push ${ref} to the builder's mirror ${mirror} (LAB_BUILDER_MIRROR): ${(stderr || message).trim().split('\n').at(-1)}`);
    } finally {
      // Only the extra tag goes: the image keeps its own.
      await run('docker', ['rmi', '--no-prune', target], { env }).catch(() => undefined);
    }
    return id;
  })();
  pushed.set(target, push);
  await push;
}
