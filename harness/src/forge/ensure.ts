// The forge's scheduler: makes every base image the Dockerfiles name present in the local engine.
// For each reference: where a registry answers, the official image is pulled, also over a
// stand-in of the same name (which is then removed); else a present image is kept (a stand-in
// only if its recipe hash is current); else it is forged from its recipe, parents first,
// independent images concurrently, at most FORGE_CONCURRENCY builds at once.
import { rm } from 'node:fs/promises';
import { relative } from 'node:path';
import { docker } from '../engine/docker.ts';
import { normalizeRef } from '../dockerfile/refs.ts';
import { uncompressedSizeOf } from '../inspect/image.ts';
import { basesDir, repoRoot } from '../paths.ts';
import { formatBytes } from '../format.ts';
import { forgeImage } from './build.ts';
import { discoverBaseRefs, isProjectImage, listDockerfiles, type BaseRef } from './discover.ts';
import { RecipeHasher } from './hash.ts';
import { readHostConfig, type HostConfig } from './host.ts';
import { findImage } from './local-image.ts';
import type { BaseStatus } from './base-status.ts';
import { Progress } from './progress.ts';
import { imageStoreOf } from '../engine/engine-identity.ts';
import { recipeHashOf } from './provenance.ts';
import { Puller } from './pull.ts';
import { buildKey, chainMinutes, indexTags, loadRecipes, parentsOf, resolveArgs, rootfsKey, type Recipe, type RecipeImage, type TagEntry } from './recipes.ts';
import { makeRootfs } from './rootfs.ts';
import { Semaphore } from '../semaphore.ts';
import { removeTemporaryTags } from './temporary-tags.ts';
import { tempFolder } from '../temp-folder.ts';

export interface EnsureOptions {
  /** Progress lines; default: standard error. */
  log?: (line: string) => void;
  /** References to ensure; default: every external image named by dockerfiles/** (recipes excluded). */
  refs?: string[];
  /** Every image every recipe provides (what `pnpm bases --all` does). */
  all?: boolean;
  /**
   * More references made in the same schedule (the tutorial's recipes' bases), so the two slots
   * take them beside the long builds; one that cannot be made is noted, and fails nothing.
   */
  also?: string[];
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

export class ForgeError extends Error {
  readonly failures: { ref: string; error: Error }[];
  constructor(failures: { ref: string; error: Error }[]) {
    super(
      `forge: ${failures.length} base image(s) could not be made present:\n` +
        failures.map((f) => `- ${f.ref}: ${f.error.message.replace(/\n/g, '\n  ')}`).join('\n'),
    );
    this.name = 'ForgeError';
    this.failures = failures;
  }
}

export async function ensureBases(options: EnsureOptions = {}): Promise<BaseStatus[]> {
  const forge = await Forge.open(options);
  await removeTemporaryTags();
  try {
    const refs = await forge.requestedRefs(options);
    return await forge.ensureAll(
      refs,
      [...new Set((options.also ?? []).map(normalizeRef))].filter((ref) => !refs.includes(ref)),
    );
  } finally {
    await forge.close();
  }
}

class Forge {
  private readonly ensures = new Map<string, Promise<BaseStatus>>();
  private readonly builds = new Map<string, Promise<void>>();
  private readonly rootfsDirs = new Map<string, Promise<string>>();
  /** Every root filesystem folder made, removed by close(): a failed step's folder too. */
  private readonly rootfsMade: string[] = [];
  private readonly statuses: BaseStatus[] = [];
  private readonly neededBy = new Map<string, BaseRef[]>();
  /** Each build's and root filesystem's place in the queue: the minutes of the longest chain it starts (chainMinutes). */
  private priorities = new Map<string, number>();
  private classicStore: Promise<boolean> | undefined;
  private readonly slots: Semaphore;
  private readonly puller: Puller;
  private readonly pull: boolean;
  private readonly force: boolean;
  private readonly hasher: RecipeHasher;
  private readonly progress: Progress;
  private readonly host: HostConfig;
  private readonly index: Map<string, TagEntry>;

  private constructor(host: HostConfig, index: Map<string, TagEntry>, options: EnsureOptions) {
    this.host = host;
    this.index = index;
    this.pull = options.pull ?? process.env.FORGE_PULL !== '0';
    this.force = options.force ?? false;
    this.hasher = new RecipeHasher(index, host, async (ref) => (await findImage(ref))?.Id ?? null);
    this.slots = new Semaphore(options.concurrency ?? (Number(process.env.FORGE_CONCURRENCY) || 2), { settleMs: 500 });
    this.progress = new Progress(options.log ?? ((line) => process.stderr.write(`${line}\n`)));
    this.puller = new Puller((line) => this.progress.note(line));
  }

  static async open(options: EnsureOptions): Promise<Forge> {
    const recipes = await loadRecipes(options.basesDir ?? basesDir);
    return new Forge(readHostConfig(repoRoot), indexTags(recipes), options);
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
    // The toolbox copies from images the harness builds before it (lab/<app>): not bases.
    const found = (await discoverBaseRefs(await listDockerfiles(options.dockerfilesDir))).filter((f) => !isProjectImage(f.ref));
    for (const f of found) this.neededBy.set(f.ref, [...(this.neededBy.get(f.ref) ?? []), f]);
    return [...new Set(found.map((f) => f.ref))];
  }

  async ensureAll(refs: string[], also: string[] = []): Promise<BaseStatus[]> {
    const all = [...refs, ...also];
    // Critical path first (chainMinutes): static-web-server's 7 minutes, a fat LTO whose end runs
    // on one core, start as soon as their parents are there, the other slot doing the rest.
    this.priorities = chainMinutes(this.index, all);
    const settled = await Promise.allSettled(all.map((ref) => this.ensure(ref)));
    const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ ref: all[i] as string, error: s.reason as Error }] : []));
    this.progress.summary(this.statuses, failures.length);
    const failed = failures.filter((f) => refs.includes(f.ref));
    for (const f of failures.filter((f) => !refs.includes(f.ref)))
      this.progress.note(`${f.ref}: could not be made present (${f.error.message.split('\n')[0]})`);
    if (failed.length) throw new ForgeError(failed);
    return this.statuses.slice();
  }

  async close(): Promise<void> {
    this.progress.stop();
    for (const dir of this.rootfsMade) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Makes one reference present; memoised, so aliases and shared parents are handled once. */
  private ensure(ref: string): Promise<BaseStatus> {
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
    const info = this.force && entry ? null : await findImage(ref);
    const standInHash = recipeHashOf(info?.Config?.Labels);
    if (info && !standInHash) return { ref, origin: 'present', seconds: seconds() }; // pulled or built elsewhere: the real thing
    // Nothing, or only a stand-in: where a registry answers, the official image wins.
    if (this.pull && !this.force && (await this.puller.tryPull(ref))) {
      if (info) await this.removeReplacedStandIn(ref, info.Id);
      this.progress.note(info ? `${ref}: pulled the official image, which replaces the local stand-in` : `${ref}: pulled`);
      return { ref, origin: 'pulled', ...(info ? { replaced: info.Id } : {}), seconds: seconds() };
    }
    if (info && standInHash) {
      if (!entry) return { ref, origin: 'present', recipeHash: standInHash, seconds: seconds() };
      const current = await this.hasher.hashOf(entry.recipe);
      if (standInHash === current) return { ref, origin: 'present', recipeHash: current, seconds: seconds() };
      this.progress.note(`${ref}: recipe changed (image ${standInHash.slice(0, 12)}, recipe ${current.slice(0, 12)}), making it again`);
    }
    if (!entry) throw new Error(this.noSourceMessage(ref));
    await this.forge(entry);
    return { ref, origin: 'forged', recipeHash: await this.hasher.hashOf(entry.recipe), seconds: seconds() };
  }

  /** The stand-in lost its name to the official image: remove it once nothing else names it. */
  private async removeReplacedStandIn(ref: string, id: string): Promise<void> {
    const still = await findImage(id);
    if (still && (still.RepoTags ?? []).length === 0)
      await docker()
        .getImage(id)
        .remove({ noprune: true })
        .catch(() => undefined);
    else if (still) this.progress.note(`${ref}: the replaced stand-in ${id.slice(7, 19)} keeps its other tags (${still.RepoTags.join(', ')})`);
  }

  private noSourceMessage(ref: string): string {
    const users = (this.neededBy.get(ref) ?? []).map((u) => `${relative(repoRoot, u.file)}:${u.line}`);
    const needed = users.length ? `; needed by ${users.join(', ')}` : '';
    if (ref.includes('@'))
      return `no registry answered, and a reference pinned by digest can only come from a registry${needed}. Make it present (docker load) or name it by tag.`;
    return `no registry answered and no recipe under dockerfiles/bases/ provides it${needed}. Add a recipe (a folder with a Dockerfile and recipe.json listing this tag) or make the image present.`;
  }

  private priorityOf(key: string): () => number {
    return () => this.priorities.get(key) ?? 0;
  }

  /**
   * An image's size for its progress line. On the classic store the engine's Size is the
   * uncompressed size to the byte (inspect/image.ts), so no `docker save` of every forged image
   * (11 GB for all of them: about 10 s a GB on a busy 2-core machine) holds a build slot; the
   * containerd store's Size is compressed, so there it is read from the layers.
   */
  private async sizeOf(id: string): Promise<number> {
    this.classicStore ??= docker()
      .info()
      .then((info) => imageStoreOf(info) === 'classic');
    if (await this.classicStore) return (await docker().getImage(id).inspect()).Size;
    return uncompressedSizeOf(id);
  }

  /** Builds one image of a recipe (all its tags); memoised per recipe and target. */
  private forge(entry: TagEntry): Promise<void> {
    const key = buildKey(entry.recipe, entry.image);
    let pending = this.builds.get(key);
    if (!pending) {
      pending = this.forgeOnce(entry.recipe, entry.image);
      this.builds.set(key, pending);
    }
    return pending;
  }

  private async forgeOnce(recipe: Recipe, image: RecipeImage): Promise<void> {
    const parents = parentsOf(recipe, image);
    const settled = await Promise.allSettled(parents.map((p) => this.ensure(p)));
    const failed = settled.findIndex((s) => s.status === 'rejected');
    if (failed >= 0) throw new Error(`its parent ${parents[failed]} could not be made present`);

    const recipeHash = await this.hasher.hashOf(recipe);
    const args = resolveArgs(recipe, this.host);
    const rootfsDir = recipe.manifest.rootfs?.length ? await this.rootfs(recipe, args) : null;
    const { task, built } = await this.slots.run(
      async () => {
        const task = this.progress.start(image.tags[0] as string);
        try {
          return {
            task,
            built: await forgeImage({ recipe, image, recipeHash, args, host: this.host, rootfsDir, noCache: this.force, onStep: (s) => task.step(s) }),
          };
        } catch (error) {
          task.fail();
          throw error;
        }
      },
      this.priorityOf(buildKey(recipe, image)),
    );
    // Its size read after its slot is free: the next build need not wait for it.
    task.done(`${(built.durationMs / 1000).toFixed(0)} s, ${formatBytes(await this.sizeOf(built.imageId))}`);
  }

  /** Runs the recipe's mmdebstrap steps once per run, concurrently, into a temporary folder. */
  private rootfs(recipe: Recipe, args: Record<string, string>): Promise<string> {
    let pending = this.rootfsDirs.get(recipe.name);
    if (!pending) {
      pending = (async () => {
        const dir = await tempFolder(`forge-${recipe.name}`);
        this.rootfsMade.push(dir);
        await Promise.all(
          (recipe.manifest.rootfs ?? []).map((step) =>
            this.slots.run(
              async () => {
                const task = this.progress.start(`${recipe.name} rootfs ${step.output}`);
                try {
                  await makeRootfs({
                    recipe: recipe.name,
                    step,
                    recipeDir: recipe.dir,
                    outputDir: dir,
                    args,
                    timeoutMs: 10 * 60_000,
                    onStep: (s) => task.step(s),
                  });
                  task.done('');
                } catch (error) {
                  task.fail();
                  throw error;
                }
              },
              this.priorityOf(rootfsKey(recipe)),
            ),
          ),
        );
        return dir;
      })();
      this.rootfsDirs.set(recipe.name, pending);
    }
    return pending;
  }
}
