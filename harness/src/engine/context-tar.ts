// The build context as the engine receives it: a tar of the context folder, honouring its
// .dockerignore, with the Dockerfile (which may live outside the context, as ours do under
// dockerfiles/) and any extra host files added under names of our choosing.
import { createReadStream } from 'node:fs';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import ignoreModule from '@balena/dockerignore';
import tar from 'tar-stream';

// CommonJS (module.exports = factory) behind ESM-style types: take whichever shape arrives.
type IgnoreFactory = (options?: { ignorecase?: boolean }) => { add(text: string): { ignores(p: string): boolean } };
const dockerignore = ((ignoreModule as { default?: unknown }).default ?? ignoreModule) as IgnoreFactory;

/** Name the Dockerfile gets inside the tar when it lives outside the context. */
export const injectedDockerfileName = '.lab-harness.Dockerfile';

export interface ContextSpec {
  /** Absolute path of the context folder. */
  context: string;
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** Extra files: context-relative destination -> absolute host path. */
  extraFiles?: Record<string, string>;
}

interface IgnoreRules {
  ignores: (relative: string) => boolean;
  /** Without `!` exceptions an ignored folder can be skipped whole (node_modules, .git). */
  hasExceptions: boolean;
}

/**
 * The ignore file the Docker CLI reads: `<Dockerfile>.dockerignore` beside the Dockerfile if
 * there is one (a context shared by several Dockerfiles, such as apps/ for fullstack), else the
 * context's own `.dockerignore`.
 */
async function ignoreRules(context: string, dockerfile: string): Promise<IgnoreRules> {
  const own = await readFile(`${dockerfile}.dockerignore`, 'utf8').catch(() => undefined);
  const text = own ?? (await readFile(path.join(context, '.dockerignore'), 'utf8').catch(() => ''));
  const ig = dockerignore({ ignorecase: false }).add(text);
  return { ignores: (relative) => ig.ignores(relative), hasExceptions: /^\s*!/m.test(text) };
}

async function* walk(root: string, rules: IgnoreRules, relative = ''): AsyncGenerator<string> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    const ignored = rules.ignores(child);
    if (!ignored) yield child;
    if (entry.isDirectory() && (!ignored || rules.hasExceptions)) yield* walk(root, rules, child);
  }
}

async function addFile(pack: tar.Pack, name: string, absolute: string, mode?: number): Promise<void> {
  const stat = await lstat(absolute);
  if (stat.isSymbolicLink()) {
    pack.entry({ name, type: 'symlink', linkname: await readlink(absolute), mode: stat.mode });
    return;
  }
  if (stat.isDirectory()) {
    pack.entry({ name, type: 'directory', mode: stat.mode });
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const entry = pack.entry({ name, size: stat.size, mode: mode ?? stat.mode, mtime: stat.mtime }, (error) => (error ? reject(error) : resolve()));
    createReadStream(absolute).on('error', reject).pipe(entry);
  });
}

/** Returns the tar stream and the Dockerfile's name inside it. */
export async function packContext(spec: ContextSpec): Promise<{ tar: Readable; dockerfileName: string }> {
  const rules = await ignoreRules(spec.context, spec.dockerfile);
  const relativeDockerfile = path.relative(spec.context, spec.dockerfile);
  const insideContext = !relativeDockerfile.startsWith('..') && !path.isAbsolute(relativeDockerfile);
  const dockerfileName = insideContext ? relativeDockerfile.split(path.sep).join('/') : injectedDockerfileName;
  const pack = tar.pack();

  (async () => {
    for await (const relative of walk(spec.context, rules)) {
      await addFile(pack, relative, path.join(spec.context, relative));
    }
    // The Dockerfile always reaches the engine, even when .dockerignore names it.
    if (!insideContext || rules.ignores(dockerfileName)) await addFile(pack, dockerfileName, spec.dockerfile);
    for (const [destination, source] of Object.entries(spec.extraFiles ?? {})) {
      await addFile(pack, destination, source);
    }
    pack.finalize();
  })().catch((error: unknown) => pack.destroy(error as Error));

  // tar-stream's streams are streamx streams, which Node's stream consumers accept.
  return { tar: pack as unknown as Readable, dockerfileName };
}
