// The recipe registry: every folder under dockerfiles/bases/ that holds a recipe.json and a
// Dockerfile is a recipe. A new family (Python, OpenJDK + Maven, a web server) is a new folder;
// nothing here knows any family by name.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { analyzeDockerfile, externalRefsForTarget, type DockerfileAnalysis } from '../dockerfile/stages.ts';
import type { HostConfig, HostKey } from './host.ts';
import { normalizeRef } from '../dockerfile/refs.ts';

/** The manifest, dockerfiles/bases/<family>/recipe.json. */
export interface RecipeManifest {
  /** One line: what the recipe stands in for and how it is made. */
  description: string;
  /** Every external image the Dockerfile builds on; checked against the Dockerfile itself. */
  from: string[];
  /** Upstream versions: each becomes a `lab.forge.upstream.<name>` label. */
  upstream: Record<string, string>;
  /**
   * Build args. A value may name host configuration as `${host.npmRegistry}`,
   * `${host.goproxy}`, `${host.debianMirror}`, `${host.debianSecurityMirror}`,
   * `${host.pypiIndex}` or `${host.mavenRepository}`, so no registry is hard-coded.
   */
  args?: Record<string, string>;
  /** Root filesystems made with mmdebstrap into the build context before the build. */
  rootfs?: RootfsStep[];
  /** The images the recipe provides: one Dockerfile stage (target) each, under one or more tags. */
  images: RecipeImage[];
}

export interface RootfsStep {
  /** File name in the build context that the Dockerfile ADDs. */
  output: string;
  /** mmdebstrap's arguments; `${ARG}` expands to a resolved arg and `${OUTPUT}` to the tar's path. */
  mmdebstrap: string[];
}

export interface RecipeImage {
  /** The Dockerfile stage that is this image. */
  target: string;
  /** Tags it is published under; the first is its name in messages. */
  tags: string[];
  /** The official image's published size, for the fidelity table. */
  official?: { uncompressedBytes: number; source: string; date: string; note?: string };
  /**
   * Its cold build in minutes on a quiet 2-core machine, where it is one of the long ones: the
   * forge starts the longest chain first (ensure.ts). Changes no image (not in the recipe hash).
   */
  buildMinutes?: number;
}

export interface Recipe {
  /** Folder name under dockerfiles/bases/. */
  name: string;
  dir: string;
  manifest: RecipeManifest;
  dockerfile: string;
  analysis: DockerfileAnalysis;
  /** Files of the folder, relative, sorted: what the recipe hash covers. */
  files: string[];
}

export interface TagEntry {
  recipe: Recipe;
  image: RecipeImage;
}

export class RecipeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecipeError';
  }
}

export async function loadRecipes(basesDir: string): Promise<Recipe[]> {
  let names: string[];
  try {
    names = (await readdir(basesDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
  const recipes: Recipe[] = [];
  for (const name of names) {
    const dir = join(basesDir, name);
    const manifestPath = join(dir, 'recipe.json');
    let text: string;
    try {
      text = await readFile(manifestPath, 'utf8');
    } catch {
      continue; // not a recipe folder
    }
    let manifest: RecipeManifest;
    try {
      manifest = JSON.parse(text) as RecipeManifest;
    } catch (error) {
      throw new RecipeError(`${manifestPath}: not valid JSON: ${(error as Error).message}`);
    }
    validateManifest(manifest, manifestPath);
    const dockerfile = join(dir, 'Dockerfile');
    const content = await readFile(dockerfile, 'utf8').catch(() => {
      throw new RecipeError(`${dir}: a recipe needs a Dockerfile beside recipe.json`);
    });
    // Parse with the manifest's args as build args, so `FROM debian:${SUITE}-slim` resolves as it will build.
    const literalArgs = Object.fromEntries(Object.entries(manifest.args ?? {}).filter(([, v]) => !v.includes('${host.')));
    const analysis = analyzeDockerfile(content, dockerfile, { buildArgs: literalArgs });
    checkFromMatchesDockerfile(manifest, analysis, dockerfile);
    for (const image of manifest.images) externalRefsForTarget(analysis, image.target); // throws on an unknown target
    recipes.push({ name, dir, manifest, dockerfile, analysis, files: await listFiles(dir) });
  }
  return recipes;
}

export function indexTags(recipes: Recipe[]): Map<string, TagEntry> {
  const index = new Map<string, TagEntry>();
  for (const recipe of recipes) {
    for (const image of recipe.manifest.images) {
      for (const tag of image.tags) {
        const ref = normalizeRef(tag);
        const other = index.get(ref);
        if (other) throw new RecipeError(`${ref} is provided by both ${other.recipe.name} and ${recipe.name}`);
        index.set(ref, { recipe, image });
      }
    }
  }
  return index;
}

/** The refs among these that a recipe under this folder provides: what the forge can make here. */
export async function refsWithRecipe(refs: string[], dir: string): Promise<string[]> {
  if (refs.length === 0) return [];
  const index = indexTags(await loadRecipes(dir));
  return refs.filter((ref) => index.has(normalizeRef(ref)));
}

/** A build's key in the forge's schedule: one per recipe and target. */
export const buildKey = (recipe: Recipe, image: RecipeImage) => `${recipe.name}#${image.target}`;
/** The key of a recipe's root filesystems (mmdebstrap), built before any of its images. */
export const rootfsKey = (recipe: Recipe) => `${recipe.name} rootfs`;

/**
 * The forge's order, critical path first: for each build (and root filesystem) these requests
 * lead to, the minutes of the longest chain of builds it starts: its own `buildMinutes` plus its
 * longest dependant's. A parent ranks by its dependants, a recipe's root filesystems by its
 * images; without hints every build is 0, and the order first come.
 */
export function chainMinutes(index: Map<string, TagEntry>, refs: string[]): Map<string, number> {
  const minutes = new Map<string, number>();
  const visit = (entry: TagEntry, below: number) => {
    const key = buildKey(entry.recipe, entry.image);
    const chain = (entry.image.buildMinutes ?? 0) + below;
    if ((minutes.get(key) ?? -1) >= chain) return;
    minutes.set(key, chain);
    if (entry.recipe.manifest.rootfs?.length) minutes.set(rootfsKey(entry.recipe), Math.max(minutes.get(rootfsKey(entry.recipe)) ?? 0, chain));
    for (const parent of parentsOf(entry.recipe, entry.image)) {
      const parentEntry = index.get(normalizeRef(parent));
      if (parentEntry) visit(parentEntry, chain);
    }
  };
  for (const ref of refs) {
    const entry = index.get(normalizeRef(ref));
    if (entry) visit(entry, 0);
  }
  return minutes;
}

/** External refs one image of the recipe is built from (its target's stage chain only). */
export function parentsOf(recipe: Recipe, image: RecipeImage): string[] {
  return externalRefsForTarget(recipe.analysis, image.target).map((r) => r.ref);
}

/** Build args with `${host.*}` filled in from this machine's configuration. */
export function resolveArgs(recipe: Recipe, host: HostConfig): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(recipe.manifest.args ?? {})) {
    out[name] = value.replace(/\$\{host\.([A-Za-z]+)\}/g, (_, key: string) => {
      const known: HostKey[] = ['npmRegistry', 'goproxy', 'debianMirror', 'debianSecurityMirror', 'pypiIndex', 'mavenRepository'];
      if (!known.includes(key as HostKey))
        throw new RecipeError(`${recipe.name}: args.${name} names unknown host setting host.${key} (known: ${known.join(', ')})`);
      return host[key as HostKey];
    });
  }
  return out;
}

/** `${NAME}` in a rootfs argument, from the resolved args. */
export function expandWithArgs(text: string, args: Record<string, string>, recipe: string): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const value = args[name];
    if (value === undefined) throw new RecipeError(`${recipe}: \${${name}} is not one of the recipe's args`);
    return value;
  });
}

function validateManifest(m: RecipeManifest, path: string): void {
  const fail = (what: string): never => {
    throw new RecipeError(`${path}: ${what}`);
  };
  if (typeof m !== 'object' || m === null) fail('must be an object');
  if (typeof m.description !== 'string') fail('"description" must be a string');
  if (!Array.isArray(m.from) || m.from.some((f) => typeof f !== 'string')) fail('"from" must list the images the Dockerfile builds on ([] for none)');
  if (typeof m.upstream !== 'object' || m.upstream === null) fail('"upstream" must map names to versions');
  for (const [k, v] of Object.entries(m.upstream))
    if (typeof v !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(k)) fail(`upstream "${k}" needs a lower-case name and a string version`);
  for (const [k, v] of Object.entries(m.args ?? {})) if (typeof v !== 'string') fail(`args.${k} must be a string`);
  if (!Array.isArray(m.images) || m.images.length === 0) fail('"images" must list at least one { target, tags }');
  for (const image of m.images) {
    if (typeof image.target !== 'string' || !Array.isArray(image.tags) || image.tags.length === 0) fail('each image needs "target" and non-empty "tags"');
    for (const tag of image.tags) if (normalizeRef(tag).includes('@')) fail(`${tag}: a recipe cannot provide a digest`);
  }
  for (const step of m.rootfs ?? []) {
    if (typeof step.output !== 'string' || step.output.includes('/') || !Array.isArray(step.mmdebstrap))
      fail('each rootfs step needs "output" (a file name) and "mmdebstrap" (arguments)');
    if (!step.mmdebstrap.includes('${OUTPUT}')) fail(`rootfs ${step.output}: the mmdebstrap arguments must place \${OUTPUT} (SUITE \${OUTPUT} MIRROR...)`);
  }
}

function checkFromMatchesDockerfile(m: RecipeManifest, analysis: DockerfileAnalysis, dockerfile: string): void {
  const declared = new Set(m.from.map(normalizeRef));
  const actual = new Set<string>();
  for (const stage of analysis.stages) for (const s of [stage.base, ...stage.sources]) if (s.kind === 'image') actual.add(s.ref);
  const missing = [...actual].filter((r) => !declared.has(r));
  const extra = [...declared].filter((r) => !actual.has(r));
  if (missing.length || extra.length) {
    throw new RecipeError(
      `${dockerfile}: recipe.json "from" does not match the Dockerfile` +
        (missing.length ? `; used but not declared: ${missing.join(', ')}` : '') +
        (extra.length ? `; declared but not used: ${extra.join(', ')}` : ''),
    );
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() || (await stat(path)).isFile()) out.push(relative(dir, path));
    }
  };
  await walk(dir);
  return out.sort();
}
