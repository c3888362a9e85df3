// A build context as BuildKit reads it through a session (what `docker buildx build` sends): a
// folder, plus extra host files placed at paths of our choosing (the forge's CA bundle and
// rootfs tars, selftest's busybox), walked the way fsutil walks it: depth first, names in byte
// order, each directory before what it holds, only what the include patterns (or follow paths)
// name and the exclude patterns (the context's .dockerignore, sent by the Dockerfile frontend)
// leave, and every parent of a kept path.
import { lstat, readdir, readlink } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import ignoreModule from '@balena/dockerignore';

// CommonJS (module.exports = factory) behind ESM-style types: take whichever shape arrives.
type IgnoreFactory = (options?: { ignorecase?: boolean }) => { add(patterns: string | string[]): { ignores(p: string): boolean } };
const dockerignore = ((ignoreModule as { default?: unknown }).default ?? ignoreModule) as IgnoreFactory;

export interface ContextSource {
  /** Absolute path of the folder. */
  dir: string;
  /** Extra files: context-relative destination -> absolute host path. */
  extraFiles?: Record<string, string>;
}

export interface TreeFilter {
  includePatterns?: string[];
  excludePatterns?: string[];
  /** Paths (and, for symlinks, their targets) to include; BuildKit uses them to fetch a single file. */
  followPaths?: string[];
}

export interface TreeEntry {
  /** Context-relative, `/`-separated. */
  path: string;
  /** Where its content is on the host. */
  absolute: string;
  stats: Stats;
  linkname?: string;
}

interface Node {
  absolute: string;
  /** Virtual directories hold extra files whose folder is not in the context. */
  virtual?: Map<string, Node>;
}

/** dockerignore-style matching, with whether an excluded or unincluded folder may hold a kept path. */
class Matcher {
  private readonly patterns: string[];
  private readonly ig: { ignores(p: string): boolean };
  constructor(patterns: string[]) {
    this.patterns = patterns.map((p) => p.trim()).filter((p) => p && !p.startsWith('#'));
    this.ig = dockerignore({ ignorecase: false }).add(this.patterns);
  }
  get empty(): boolean {
    return this.patterns.length === 0;
  }
  matches(relative: string): boolean {
    return this.ig.ignores(relative);
  }
  /** Whether a pattern of this polarity (`!` exceptions or plain ones) could match below `dir`. */
  mayMatchBelow(dir: string, exceptions: boolean): boolean {
    for (const raw of this.patterns) {
      if (raw.startsWith('!') !== exceptions) continue;
      const pattern = path.posix.normalize(raw.replace(/^!/, '').replace(/^\/+/, '')).replace(/\/\*\*?$/, '').replace(/\/$/, '');
      if (/[*?[\]\\^]/.test(pattern)) return true; // a wildcard: anything may match below
      if (`${pattern}/`.startsWith(`${dir}/`)) return true;
    }
    return false;
  }
}

const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The folder's entries merged with the virtual tree of extra files. */
function virtualTree(extraFiles: Record<string, string>): Map<string, Node> {
  const root = new Map<string, Node>();
  for (const [destination, source] of Object.entries(extraFiles)) {
    const parts = destination.split('/').filter(Boolean);
    let level = root;
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1) level.set(part, { absolute: source });
      else {
        let node = level.get(part);
        if (!node) {
          node = { absolute: '', virtual: new Map() };
          level.set(part, node);
        }
        node.virtual ??= new Map();
        level = node.virtual;
      }
    }
  }
  return root;
}

async function children(dir: string | null, virtual: Map<string, Node> | undefined): Promise<Map<string, Node>> {
  const out = new Map<string, Node>();
  if (dir) for (const name of await readdir(dir).catch(() => [] as string[])) out.set(name, { absolute: path.join(dir, name) });
  for (const [name, node] of virtual ?? []) {
    const real = out.get(name);
    // An extra file replaces a real one; an extra folder merges with a real one.
    out.set(name, node.virtual ? { absolute: real?.absolute ?? '', virtual: node.virtual } : node);
  }
  return out;
}

/** Walks the context as fsutil would send it under this filter. */
export async function* walkContext(source: ContextSource, filter: TreeFilter = {}): AsyncGenerator<TreeEntry> {
  const follow = await followTargets(source, filter.followPaths ?? []);
  const include = new Matcher([...(filter.includePatterns ?? []), ...follow]);
  const exclude = new Matcher(filter.excludePatterns ?? []);
  const pending: TreeEntry[] = []; // parents not sent yet: sent once something below them is kept
  const rootStats = await lstat(source.dir);

  async function* visit(dir: string | null, virtual: Map<string, Node> | undefined, prefix: string): AsyncGenerator<TreeEntry> {
    const entries = [...(await children(dir, virtual)).entries()].sort(([a], [b]) => byteOrder(a, b));
    for (const [name, node] of entries) {
      const relative = prefix ? `${prefix}/${name}` : name;
      const stats = node.absolute ? await lstat(node.absolute) : rootStats;
      const isDir = Boolean(node.virtual) || stats.isDirectory();
      const included = include.empty || include.matches(relative);
      const excluded = !exclude.empty && exclude.matches(relative);
      const entry: TreeEntry = { path: relative, absolute: node.absolute, stats, ...(stats.isSymbolicLink() ? { linkname: await readlink(node.absolute) } : {}) };
      if (included && !excluded) {
        yield* pending.splice(0);
        yield entry;
      }
      if (!isDir) continue;
      // Descend where something below may still be kept (fsutil skips the rest).
      if (!included && !include.mayMatchBelow(relative, false)) continue;
      if (excluded && !exclude.mayMatchBelow(relative, true)) continue;
      const depth = pending.length;
      if (!(included && !excluded)) pending.push(entry);
      yield* visit(node.virtual && !node.absolute ? null : node.absolute, node.virtual, relative);
      pending.length = Math.min(pending.length, depth);
    }
  }
  yield* visit(source.dir, virtualTree(source.extraFiles ?? {}), '');
}

/** Follow paths name themselves, and a symlink's target too (relative to the context). */
async function followTargets(source: ContextSource, followPaths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const raw of followPaths) {
    let relative = path.posix.normalize(raw.replace(/^\/+/, ''));
    for (let hops = 0; hops < 40; hops++) {
      out.push(relative);
      const absolute = source.extraFiles?.[relative] ?? path.join(source.dir, relative);
      const stats = await lstat(absolute).catch(() => null);
      if (!stats?.isSymbolicLink()) break;
      const target = await readlink(absolute);
      relative = path.posix.normalize(path.posix.isAbsolute(target) ? target.slice(1) : path.posix.join(path.posix.dirname(relative), target));
    }
  }
  return out;
}

/** The paths COPY sees: the context's .dockerignore applied, as the Dockerfile frontend does. */
export async function contextPaths(source: ContextSource, excludePatterns: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of walkContext(source, { excludePatterns })) out.push(entry.path);
  return out;
}
