// The forge: makes every base image the Dockerfiles name present in the local engine.
// For each reference: present (with the current recipe hash, if it is a stand-in) -> skip;
// else a pull with a short time limit (where a registry answers, the real image wins);
// else forge it from its recipe, parents first, independent images concurrently.
// A forged image is built to a temporary tag and only then tagged under its real names,
// so a failed or interrupted forge leaves nothing a later run would take as complete.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type Dockerode from 'dockerode';
import { buildImage, BuildError } from '../engine/build.ts';
import { docker } from '../engine/docker.ts';
import { uncompressedSizeOf } from '../inspect/image.ts';
import { repoRoot } from '../paths.ts';
import { formatBytes } from '../report/format.ts';
import { discoverBaseRefs } from './discover.ts';
import type { BaseRef } from './discover.ts';
import { RecipeHasher } from './hash.ts';
import { readHostConfig } from './host.ts';
import type { HostConfig } from './host.ts';
import { ForgeStepError } from './process.ts';
import { Progress } from './progress.ts';
import { indexTags, loadRecipes, parentsOf, resolveArgs } from './recipes.ts';
import type { Recipe, RecipeImage, TagEntry } from './recipes.ts';
import { normalizeRef, parseRef } from './refs.ts';
import { makeRootfs } from './rootfs.ts';

export interface BaseStatus {
  ref: string;
  origin: 'present' | 'pulled' | 'forged';
  recipeHash?: string;
  /** Time spent on this reference in this run (waiting for its parents included). */
  seconds: number;
}

export interface EnsureOptions {
  /** Progress lines; default: standard error. */
  log?: (line: string) => void;
  /** References to ensure; default: every external image named by dockerfiles/** (recipes excluded). */
  refs?: string[];
  /** Every image every recipe provides (what `pnpm bases --all` does). */
  all?: boolean;
  /** Try a registry first (default true; FORGE_PULL=0 turns it off). */
  pull?: boolean;
  /** Builds at once; default FORGE_CONCURRENCY or 2 (the machines are 2 cores). */
  concurrency?: number;
  /**
   * Forge every requested image and its parents again, without the build cache, even if
   * present and current: a cold forge, for timing it. Tags move only when each build succeeds.
   */
  force?: boolean;
  /** Another recipe folder or Dockerfile tree than the repository's (for tests and forks). */
  basesDir?: string;
  dockerfilesDir?: string;
}

/** Provenance labels every forged image carries (set by the forge, not by each recipe). */
export const LABELS = {
  standIn: 'lab.forge.stand-in',
  recipe: 'lab.forge.recipe',
  recipeHash: 'lab.forge.recipe-hash',
  tags: 'lab.forge.tags',
  upstreamPrefix: 'lab.forge.upstream.',
} as const;

export const dockerfilesDir = join(repoRoot, 'dockerfiles');
export const basesDir = join(dockerfilesDir, 'bases');

export class ForgeError extends Error {
  readonly failures: { ref: string; error: Error }[];
  constructor(failures: { ref: string; error: Error }[]) {
    super(`forge: ${failures.length} base image(s) could not be made present:\n` + failures.map((f) => `- ${f.ref}: ${f.error.message.replace(/\n/g, '\n  ')}`).join('\n'));
    this.name = 'ForgeError';
    this.failures = failures;
  }
}

export async function ensureBases(options: EnsureOptions = {}): Promise<BaseStatus[]> {
  const forge = await Forge.open(options);
  await removeTemporaryTags();
  try {
    return await forge.ensureAll(await forge.requestedRefs(options));
  } finally {
    await forge.close();
  }
}

export interface BaseDescription {
  ref: string;
  origin: 'forged' | 'pulled' | 'unknown';
  recipeHash?: string;
  upstream?: Record<string, string>;
}

/** Whether a local image is a forged stand-in (and from what) or came from a registry. */
export async function describeBase(ref: string): Promise<BaseDescription> {
  const info = await inspect(docker(), ref);
  if (!info) return { ref, origin: 'unknown' };
  const labels = info.Config?.Labels ?? {};
  const hash = labels[LABELS.recipeHash];
  if (hash) {
    const upstream: Record<string, string> = {};
    for (const [k, v] of Object.entries(labels)) if (k.startsWith(LABELS.upstreamPrefix)) upstream[k.slice(LABELS.upstreamPrefix.length)] = v;
    return { ref, origin: 'forged', recipeHash: hash, upstream };
  }
  // On the classic store, pulled images remember the registry digest they came from (a manifest
  // digest, never the image id); built or loaded ones have none. The containerd store lists
  // every image under its own id (name@<id>), pulled or built, so there it cannot tell.
  const fromRegistry = (info.RepoDigests ?? []).some((d) => !d.endsWith(`@${info.Id}`));
  return { ref, origin: fromRegistry ? 'pulled' : 'unknown' };
}

/** Where builds land before they get their real tags (see forgeOnce). */
const TEMPORARY_REPOSITORY = 'lab-forge-tmp';

/** Temporary tags a killed run left behind: they name finished builds that never got their real tags. */
async function removeTemporaryTags(): Promise<void> {
  const left = await docker().listImages({ filters: JSON.stringify({ reference: [`${TEMPORARY_REPOSITORY}/*`] }) });
  for (const image of left) {
    for (const tag of image.RepoTags ?? []) {
      if (tag.startsWith(`${TEMPORARY_REPOSITORY}/`)) await docker().getImage(tag).remove({ noprune: true }).catch(() => undefined);
    }
  }
}

/** Every Dockerfile under dockerfiles/, the recipes' own excepted. */
export async function listDockerfiles(root = dockerfilesDir, skip = basesDir): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== skip) await walk(path);
      } else if (/(^|\.)Dockerfile$|^Dockerfile\./i.test(entry.name)) out.push(path);
    }
  };
  await walk(root);
  return out.sort();
}

/** The namespace of the images the harness builds from the catalogue. */
export const PROJECT_NAMESPACE = 'lab/';

export function isProjectImage(ref: string): boolean {
  return parseRef(ref).repository.startsWith(PROJECT_NAMESPACE);
}

async function inspect(client: Dockerode, ref: string): Promise<Dockerode.ImageInspectInfo | null> {
  try {
    return await client.getImage(ref).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}

class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly limit: number;
  constructor(limit: number) {
    this.limit = Math.max(1, limit);
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

class Forge {
  private readonly ensures = new Map<string, Promise<BaseStatus>>();
  private readonly builds = new Map<string, Promise<void>>();
  private readonly rootfsDirs = new Map<string, Promise<string>>();
  private readonly statuses: BaseStatus[] = [];
  private readonly neededBy = new Map<string, BaseRef[]>();
  private readonly pullFailures = new Set<string>();
  private readonly slots: Semaphore;
  private readonly client: Dockerode;
  private readonly pull: boolean;
  private readonly force: boolean;
  private readonly hasher: RecipeHasher;
  readonly progress: Progress;

  readonly host: HostConfig;
  readonly recipes: Recipe[];
  readonly index: Map<string, TagEntry>;

  private constructor(host: HostConfig, recipes: Recipe[], index: Map<string, TagEntry>, options: EnsureOptions) {
    this.host = host;
    this.recipes = recipes;
    this.index = index;
    this.client = docker();
    this.pull = options.pull ?? process.env.FORGE_PULL !== '0';
    this.force = options.force ?? false;
    this.hasher = new RecipeHasher(index, host, async (ref) => (await inspect(this.client, ref))?.Id ?? null);
    this.slots = new Semaphore(options.concurrency ?? (Number(process.env.FORGE_CONCURRENCY) || 2));
    this.progress = new Progress(options.log ?? ((line) => process.stderr.write(`${line}\n`)));
  }

  static async open(options: EnsureOptions): Promise<Forge> {
    const recipes = await loadRecipes(options.basesDir ?? basesDir);
    return new Forge(readHostConfig(repoRoot), recipes, indexTags(recipes), options);
  }

  async requestedRefs(options: EnsureOptions): Promise<string[]> {
    if (options.refs) {
      // Images the harness builds itself (lab/<app>) are made by the harness, before whatever copies from them.
      const refs = [...new Set(options.refs.map(normalizeRef))];
      const own = refs.filter(isProjectImage);
      if (own.length) this.progress.note(`not bases (built by the harness): ${own.join(', ')}`);
      return refs.filter((r) => !isProjectImage(r));
    }
    if (options.all) return [...this.index.keys()];
    // Images the harness builds itself (lab/<app>, see catalogue/types.ts) are not bases: the
    // toolbox copies from lab/go-api:multi, which the harness builds before it.
    const found = (await discoverBaseRefs(await listDockerfiles(options.dockerfilesDir))).filter((f) => !isProjectImage(f.ref));
    for (const f of found) this.neededBy.set(f.ref, [...(this.neededBy.get(f.ref) ?? []), f]);
    return [...new Set(found.map((f) => f.ref))];
  }

  async ensureAll(refs: string[]): Promise<BaseStatus[]> {
    const settled = await Promise.allSettled(refs.map((ref) => this.ensure(ref)));
    const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ ref: refs[i] as string, error: s.reason as Error }] : []));
    this.progress.summary(this.statuses, failures.length);
    if (failures.length) throw new ForgeError(failures);
    return this.statuses.slice();
  }

  async close(): Promise<void> {
    this.progress.stop();
    for (const dir of this.rootfsDirs.values()) {
      await rm(await dir.catch(() => ''), { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Makes one reference present; memoised, so aliases and shared parents are handled once. */
  ensure(ref: string): Promise<BaseStatus> {
    let pending = this.ensures.get(ref);
    if (!pending) {
      pending = this.ensureOnce(ref).then((status) => {
        this.statuses.push(status);
        return status;
      });
      this.ensures.set(ref, pending);
    }
    return pending;
  }

  private async ensureOnce(ref: string): Promise<BaseStatus> {
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    const entry = this.index.get(ref);
    const info = this.force && entry ? null : await inspect(this.client, ref);
    if (info) {
      const label = info.Config?.Labels?.[LABELS.recipeHash];
      if (!label) return { ref, origin: 'present', seconds: seconds() }; // pulled or built elsewhere: the real thing
      if (!entry) return { ref, origin: 'present', recipeHash: label, seconds: seconds() };
      const current = await this.hashOf(entry.recipe);
      if (label === current) return { ref, origin: 'present', recipeHash: current, seconds: seconds() };
      this.progress.note(`${ref}: recipe changed (image ${label.slice(0, 12)}, recipe ${current.slice(0, 12)}), making it again`);
    }
    if (this.pull && !this.force && (await this.tryPull(ref))) return { ref, origin: 'pulled', seconds: seconds() };
    if (!entry) {
      const users = (this.neededBy.get(ref) ?? []).map((u) => `${relative(repoRoot, u.file)}:${u.line}`);
      if (ref.includes('@')) {
        throw new Error(`no registry answered, and a reference pinned by digest can only come from a registry${users.length ? `; needed by ${users.join(', ')}` : ''}. Make it present (docker load) or name it by tag.`);
      }
      throw new Error(
        `no registry answered and no recipe under dockerfiles/bases/ provides it` +
          (users.length ? `; needed by ${users.join(', ')}` : '') +
          `. Add a recipe (a folder with a Dockerfile and recipe.json listing this tag) or make the image present.`,
      );
    }
    await this.forge(entry);
    return { ref, origin: 'forged', recipeHash: await this.hashOf(entry.recipe), seconds: seconds() };
  }

  private async tryPull(ref: string): Promise<boolean> {
    // The short limit is for the registry to answer; once it streams progress, the download
    // itself may take as long as a large image needs (up to FORGE_PULL_DOWNLOAD_MS).
    const limitMs = Number(process.env.FORGE_PULL_TIMEOUT_MS) || 5_000;
    const downloadMs = Number(process.env.FORGE_PULL_DOWNLOAD_MS) || 30 * 60_000;
    const abort = new AbortController();
    let timer = setTimeout(() => abort.abort(), limitMs);
    let answered = false;
    try {
      const stream = (await this.client.pull(ref, { abortSignal: abort.signal })) as NodeJS.ReadableStream;
      await new Promise<void>((resolve, reject) => {
        const onProgress = (event: { status?: string; error?: string }) => {
          if (answered || event.error || !event.status) return;
          answered = true;
          clearTimeout(timer);
          timer = setTimeout(() => abort.abort(), downloadMs);
        };
        this.client.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve()), onProgress);
        abort.signal.addEventListener('abort', () => reject(new Error(answered ? `not downloaded within ${downloadMs} ms` : `no answer within ${limitMs} ms`)), { once: true });
      });
      this.progress.note(`${ref}: pulled`);
      return true;
    } catch (error) {
      // One line per registry with the reason; the others just say so.
      const first = parseRef(ref).repository.split('/')[0] ?? '';
      const registry = first.includes('.') || first.includes(':') ? first : 'docker.io';
      const seen = this.pullFailures.has(registry);
      this.pullFailures.add(registry);
      this.progress.note(`${ref}: not pulled (${seen ? `${registry} did not answer, as above` : firstLine((error as Error).message)})`);
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  hashOf(recipe: Recipe): Promise<string> {
    return this.hasher.hashOf(recipe);
  }

  /** Builds one image of a recipe (all its tags); memoised per recipe and target. */
  private forge(entry: TagEntry): Promise<void> {
    const key = `${entry.recipe.name}#${entry.image.target}`;
    let pending = this.builds.get(key);
    if (!pending) {
      pending = this.forgeOnce(entry.recipe, entry.image);
      this.builds.set(key, pending);
    }
    return pending;
  }

  private async forgeOnce(recipe: Recipe, image: RecipeImage): Promise<void> {
    const name = image.tags[0] as string;
    const parents = parentsOf(recipe, image);
    const settled = await Promise.allSettled(parents.map((p) => this.ensure(p)));
    const failed = settled.findIndex((s) => s.status === 'rejected');
    if (failed >= 0) throw new Error(`its parent ${parents[failed]} could not be made present`);

    const hash = await this.hashOf(recipe);
    const args = resolveArgs(recipe, this.host);
    const rootfsDir = recipe.manifest.rootfs?.length ? await this.rootfs(recipe, args) : null;

    await this.slots.run(async () => {
      const task = this.progress.start(name);
      const temporary = `${TEMPORARY_REPOSITORY}/${recipe.name}:${image.target}-${hash.slice(0, 12)}`;
      try {
        const extraFiles: Record<string, string> = { 'forge/ca-certificates.crt': this.host.caBundlePath };
        for (const step of recipe.manifest.rootfs ?? []) extraFiles[step.output] = join(rootfsDir as string, step.output);
        const labels: Record<string, string> = {
          [LABELS.standIn]: `local stand-in for ${image.tags.join(', ')}, forged from dockerfiles/bases/${recipe.name}; not the official image`,
          [LABELS.recipe]: recipe.name,
          [LABELS.recipeHash]: hash,
          [LABELS.tags]: image.tags.join(','),
        };
        for (const [k, v] of Object.entries(recipe.manifest.upstream)) labels[LABELS.upstreamPrefix + k] = v;
        const result = await buildImage({
          context: recipe.dir,
          dockerfile: recipe.dockerfile,
          tag: temporary,
          target: image.target,
          buildArgs: args,
          labels,
          extraFiles,
          noCache: this.force,
          timeoutMs: Number(process.env.FORGE_BUILD_TIMEOUT_MS) || 20 * 60_000,
          onProgress: (event) => {
            if (event.kind === 'step-started' && !event.step.startsWith('[internal]')) task.step(event.step);
          },
        });
        // Only a finished build gets the real names.
        for (const tag of image.tags) {
          const parsed = parseRef(tag);
          await this.client.getImage(result.imageId).tag({ repo: parsed.repository, tag: parsed.tag ?? 'latest' });
        }
        task.done(`${(result.durationMs / 1000).toFixed(0)} s, ${formatBytes(await this.sizeOf(result.imageId))}`);
      } catch (error) {
        task.fail();
        if (error instanceof BuildError) throw new ForgeStepError(`forging ${name}`, error.failingStep ?? 'build', firstLine(error.message), error.logTail);
        throw error;
      } finally {
        await this.client
          .getImage(temporary)
          .remove({ noprune: true })
          .catch(() => undefined);
      }
    });
  }

  /** Runs the recipe's mmdebstrap steps once per run, concurrently, into a temporary folder. */
  private rootfs(recipe: Recipe, args: Record<string, string>): Promise<string> {
    let pending = this.rootfsDirs.get(recipe.name);
    if (!pending) {
      pending = (async () => {
        const dir = await mkdtemp(join(tmpdir(), `lab-forge-${recipe.name}-`));
        await Promise.all(
          (recipe.manifest.rootfs ?? []).map((step) =>
            this.slots.run(async () => {
              const task = this.progress.start(`${recipe.name} rootfs ${step.output}`);
              try {
                await makeRootfs({ recipe: recipe.name, step, recipeDir: recipe.dir, outputDir: dir, args, timeoutMs: 10 * 60_000, onStep: (s) => task.step(s) });
                task.done('');
              } catch (error) {
                task.fail();
                throw error;
              }
            }),
          ),
        );
        return dir;
      })();
      this.rootfsDirs.set(recipe.name, pending);
    }
    return pending;
  }

  /** The uncompressed size, measured as every figure of the lab is (inspect's Size differs by image store). */
  private async sizeOf(id: string): Promise<number> {
    return uncompressedSizeOf(id);
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

