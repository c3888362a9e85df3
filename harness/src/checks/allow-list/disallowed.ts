// The allow-list of a final filesystem: what the base image brings (read from the base image),
// what the entry's globs name, and, in a node_modules folder, exactly the production dependency
// closure of the lockfile. Anything else is reported with the layer that put it there; inside
// node_modules, by package, since one leaked package is hundreds of paths.
import picomatch from 'picomatch';
import type { FileRecord } from '../../inspect/filesystem.ts';
import type { AllowFacts } from '../../contract/app-facts.ts';

export interface Disallowed {
  /** The path, or for a package the folder it lives in, with what it is. */
  what: string;
  layer: number;
  /** How many paths of the image this finding stands for. */
  paths: number;
}

type NodeModulesFacts = NonNullable<AllowFacts['nodeModules']>;

/**
 * Empty folders a RUN step leaves where the runtime mounts its own (BuildKit creates them in the
 * layer of a RUN on an image without them): allowed as empty folders, never with contents.
 */
const runtimeMountPoints = new Set(['/dev', '/proc', '/sys']);

/** pnpm's own files in node_modules: its state, not a package. */
const pnpmMetadata = /^(\.modules\.yaml|\.pnpm-workspace-state.*\.json|\.pnpm\/lock\.yaml)$/;

/** A folder name under .pnpm/ back to the package it holds: "@types+node@24.1.0" -> "@types/node@24.1.0". */
export function storeDirPackage(storeDir: string): string {
  return storeDir.replace(/^@([^+]+)\+/, '@$1/');
}

function packageName(segments: string[]): string | undefined {
  const [first, second] = segments;
  if (first === undefined) return undefined;
  if (!first.startsWith('@')) return first;
  return second === undefined ? undefined : `${first}/${second}`;
}

/**
 * Which package a path below node_modules belongs to: `undefined` if it belongs to none (the
 * folder itself, a scope folder, pnpm's metadata), else the package and whether the closure has it.
 */
export function nodeModulesOwner(relative: string, nm: NodeModulesFacts): { id: string; folder: string; allowed: boolean } | undefined {
  if (relative === '' || pnpmMetadata.test(relative)) return undefined;
  const segments = relative.split('/');
  if (segments[0] === '.pnpm') {
    const storeDir = segments[1];
    if (storeDir === undefined) return undefined;
    if (storeDir === 'node_modules') {
      // Links that pnpm hoists for packages' undeclared dependencies.
      const name = packageName(segments.slice(2));
      return name === undefined ? undefined : { id: name, folder: `.pnpm/node_modules/${name}`, allowed: nm.names.includes(name) };
    }
    return { id: storeDirPackage(storeDir), folder: `.pnpm/${storeDir}`, allowed: nm.storeDirs.includes(storeDir) };
  }
  if (segments[0] === '.bin') {
    // Command links of direct dependencies; a closure without commands has none.
    return segments[1] === undefined ? undefined : { id: `.bin/${segments[1]}`, folder: `.bin/${segments[1]}`, allowed: false };
  }
  const name = packageName(segments);
  return name === undefined ? undefined : { id: name, folder: name, allowed: nm.names.includes(name) };
}

/** Every path of `files` the allow-list does not name; folders only when they hold nothing. */
export function disallowedFiles(spec: { paths: string[] }, files: FileRecord[], allow: AllowFacts): Disallowed[] {
  const base = new Set(allow.baseFiles);
  const globs = picomatch(spec.paths.length ? spec.paths : ['!**'], { dot: true });
  const nm = allow.nodeModules;
  const nmPrefix = nm ? `${nm.dir}/` : undefined;

  const owner = (path: string) =>
    nm && nmPrefix && (path === nm.dir || path.startsWith(nmPrefix))
      ? { in: true, package: nodeModulesOwner(path.slice(nmPrefix.length), nm) }
      : { in: false, package: undefined };
  const allowedItself = (file: FileRecord): boolean | undefined => {
    if (base.has(file.path) || globs(file.path)) return true;
    const o = owner(file.path);
    if (o.in) return o.package ? o.package.allowed : file.type === 'directory' ? undefined : true;
    return file.type === 'directory' ? undefined : false;
  };

  // A folder that holds anything is judged by what it holds (a disallowed file is reported
  // itself); only an empty folder that nothing allows is reported as it is.
  const holdsAnything = new Set<string>();
  for (const file of files) {
    for (let dir = parent(file.path); dir !== undefined && !holdsAnything.has(dir); dir = parent(dir)) holdsAnything.add(dir);
  }

  const byWhat = new Map<string, Disallowed>();
  for (const file of files) {
    const verdict = allowedItself(file);
    if (verdict === true) continue;
    if (file.type === 'directory' && (holdsAnything.has(file.path) || runtimeMountPoints.has(file.path))) continue;
    const o = owner(file.path);
    const what = o.package ? `package ${o.package.id} at ${nm!.dir}/${o.package.folder}` : file.path;
    const seen = byWhat.get(what);
    if (seen) seen.paths++;
    else byWhat.set(what, { what, layer: file.layer, paths: 1 });
  }
  return [...byWhat.values()];
}

function parent(path: string): string | undefined {
  if (path === '/') return undefined;
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}
