// Runs the tutorial's recipes as written on this engine, in the tutorial's order (a command
// that reads myapp:latest sees what the builds above it made): each Dockerfile built around its
// app (fixtures.ts), each build command with the Dockerfile it goes with, each Compose service
// at its target, each image command asked of the engine. Every image is labelled as this run's
// (tags.ts), so the run's clean-up removes it. Where a base image is missing and no registry
// answers, the result says so; where one answers, the same build pulls it.
import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildImage } from '../engine/build.ts';
import { docker, engineAddress } from '../engine/docker.ts';
import { ownedLabels } from '../engine/ownership.ts';
import { Puller } from '../forge/pull.ts';
import { throwIfStopped } from '../stop.ts';
import { baseRefsOf, resolveBases, staleStandIn } from './bases.ts';
import type { ClassifiedRecipe } from './classify.ts';
import { contextFor } from './fixtures.ts';
import { failedBuildOutcome } from './outcome.ts';
import { recipeSizes } from './sizes.ts';
import { measureStop } from './stop.ts';
import { recipeTag, scopedTag, tagPrefix, unscope } from './tags.ts';
import type { RecipeOutcome, RecipeResult } from './types.ts';
import { tempFolder } from '../temp-folder.ts';

/** A user other than root (USER unset, root, 0 or 0:gid all run as root). */
export function isNonRoot(user: string): boolean {
  return user !== '' && !/^(root|0)(:.*)?$/.test(user);
}

export interface RecipeRunOptions {
  /** Called as each recipe starts, e.g. for progress. */
  onRecipe?: (recipe: ClassifiedRecipe, index: number, total: number) => void;
  /** The forge's lines, when it makes a base the run lacks. */
  note?: (line: string) => void;
}

interface BuildPlan {
  dockerfile: string;
  target?: string;
  buildArgs?: Record<string, string>;
  tags: string[];
}

/** What a recipe builds: a Dockerfile as written, or a build command's or Compose service's with the Dockerfile it goes with; else nothing. */
function buildPlanOf(recipe: ClassifiedRecipe, byId: Map<string, ClassifiedRecipe>): BuildPlan | undefined {
  if (recipe.kind === 'dockerfile') return { dockerfile: recipe.text, tags: [recipeTag(recipe.id)] };
  const paired = recipe.dockerfileId ? byId.get(recipe.dockerfileId)?.text : undefined;
  if ((recipe.kind !== 'build-command' && recipe.kind !== 'compose-service') || paired === undefined) return undefined;
  const build = recipe.build;
  const target = build?.target ?? recipe.target;
  return {
    dockerfile: paired,
    tags: build?.tags.length ? build.tags.map(scopedTag) : [recipeTag(recipe.id)],
    ...(target ? { target } : {}),
    ...(build && Object.keys(build.buildArgs).length ? { buildArgs: build.buildArgs } : {}),
  };
}

/**
 * Every external image the recipes' builds need, in one list: made present together before the
 * first build (recipes/bases.ts's resolveBases), so the forge makes the ones it has recipes for
 * side by side (node:18's chain beside python:3.11's), not each when its recipe comes.
 */
export function recipesBaseRefs(recipes: ClassifiedRecipe[]): string[] {
  const byId = new Map(recipes.map((r) => [r.id, r]));
  const refs = recipes.flatMap((recipe) => {
    const plan = buildPlanOf(recipe, byId);
    return plan ? baseRefsOf(plan.dockerfile, plan.target, plan.buildArgs) : [];
  });
  return [...new Set(refs)].sort();
}

async function buildRecipe(
  plan: BuildPlan,
  scratch: string,
  id: string,
  puller: Puller,
  note: (line: string) => void,
): Promise<Pick<RecipeResult, 'bases' | 'outcome' | 'dockerfile'>> {
  const bases = await resolveBases(baseRefsOf(plan.dockerfile, plan.target, plan.buildArgs), puller, note);
  const file = path.join(scratch, `${id}.Dockerfile`);
  await writeFile(file, plan.dockerfile);
  const [tag, ...more] = plan.tags;
  try {
    const build = await buildImage({
      context: contextFor(plan.dockerfile),
      dockerfile: file,
      tag: tag!,
      labels: ownedLabels(),
      ...(plan.target ? { target: plan.target } : {}),
      ...(plan.buildArgs ? { buildArgs: plan.buildArgs } : {}),
    });
    // Built on a stand-in a fresh clone could not forge again: no measurement to report (what
    // fails as written, the engine says before it needs the base, and is still quoted below).
    const stale = await staleStandIn(bases);
    if (stale) {
      const reason = `not built here: ${stale.ref} needs a registry (the stand-in on this engine was forged from ${stale.recipe}, a recipe this repository does not hold)`;
      return { bases, outcome: { kind: 'not-built-here', reason }, dockerfile: plan.dockerfile };
    }
    for (const extra of more) {
      const [repo, version] = [extra.slice(0, extra.lastIndexOf(':')), extra.slice(extra.lastIndexOf(':') + 1)];
      await docker().getImage(build.imageId).tag({ repo, tag: version });
    }
    // The stop waits out docker's grace (10 s, twice a run) on an idle core: the sizes (a 1 GB
    // image gzip'd) are read meanwhile. Both are awaited, so no container outlives its recipe.
    const [sized, stopped] = await Promise.allSettled([recipeSizes(tag!), measureStop(tag!)]);
    if (sized.status === 'rejected') throw sized.reason;
    if (stopped.status === 'rejected') throw stopped.reason;
    const sizes = sized.value;
    const outcome: RecipeOutcome = {
      kind: 'measured',
      measure: {
        tag: unscope(tag!),
        imageId: sizes.id,
        uncompressedBytes: sizes.uncompressedBytes,
        compressedBytes: sizes.compressedBytes,
        packages: sizes.packages,
        user: sizes.user,
        nonRoot: isNonRoot(sizes.user),
        buildMs: build.durationMs,
        stop: stopped.value,
      },
    };
    return { bases, outcome, dockerfile: plan.dockerfile };
  } catch (error) {
    throwIfStopped();
    return { bases, outcome: failedBuildOutcome(error, bases, unscope), dockerfile: plan.dockerfile };
  }
}

/** `docker history|image inspect|images` as the engine answers them (its error quoted). */
async function imageCommand(command: NonNullable<ClassifiedRecipe['imageCommand']>): Promise<RecipeOutcome> {
  try {
    if (command.verb === 'images') {
      // `docker images` alone (piped to grep): every image of this run's recipes.
      const filters = JSON.stringify({ reference: [command.ref ? scopedTag(command.ref).replace(/:latest$/, '') : `${tagPrefix()}*`] });
      const images = await docker().listImages({ filters });
      const tags = images
        .flatMap((i) => i.RepoTags ?? [])
        .map(unscope)
        .filter((t) => !command.grep || t.includes(command.grep));
      return { kind: 'ran', output: tags.length ? tags : ['no images'] };
    }
    const image = docker().getImage(scopedTag(command.ref ?? ''));
    if (command.verb === 'history') return { kind: 'ran', output: [`${(await image.history()).length} layers`] };
    return { kind: 'ran', output: [`id ${(await image.inspect()).Id}`] };
  } catch (error) {
    const json = (error as { json?: { message?: string } }).json;
    return { kind: 'failed', error: unscope(json?.message ?? (error as Error).message) };
  }
}

/** `docker compose config` on the file as written: its warnings and errors, quoted. */
async function composeConfig(text: string, scratch: string, context: string): Promise<RecipeOutcome> {
  const file = path.join(scratch, 'docker-compose.yml');
  await writeFile(file, text);
  const child = spawn('docker', ['compose', '-f', file, '--project-directory', context, '--project-name', `lab-recipes-${process.pid}`, 'config', '--quiet'], {
    env: { ...process.env, DOCKER_HOST: engineAddress() },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null));
    child.on('close', resolve);
  });
  // Compose prefixes its lines with a timestamp and level; the words after are its own.
  const lines = stderr
    .split('\n')
    .map((l) =>
      l
        .replace(/^time="[^"]*"\s+level=\w+\s+msg=/, '')
        .replace(/^"|"$/g, '')
        .replaceAll(file, 'docker-compose.yml')
        .trim(),
    )
    .filter(Boolean);
  return code === 0 ? { kind: 'ran', output: lines } : { kind: 'failed', error: lines.join(' / ') || `docker compose config exited with code ${code}` };
}

export async function runRecipes(recipes: ClassifiedRecipe[], options: RecipeRunOptions = {}): Promise<RecipeResult[]> {
  const scratch = await tempFolder('recipes');
  const byId = new Map(recipes.map((r) => [r.id, r]));
  const note = options.note ?? (() => undefined);
  // A registry that does not answer is said once per base in every recipe: the result says it.
  const puller = new Puller(() => undefined);
  const results: RecipeResult[] = [];
  try {
    await resolveBases(recipesBaseRefs(recipes), puller, note);
    for (const [index, recipe] of recipes.entries()) {
      throwIfStopped();
      options.onRecipe?.(recipe, index, recipes.length);
      const common = { id: recipe.id, kind: recipe.kind, source: recipe.source, text: recipe.text };
      const plan = buildPlanOf(recipe, byId);
      if (plan) {
        results.push({ ...common, ...(await buildRecipe(plan, scratch, recipe.id, puller, note)) });
      } else if (recipe.kind === 'build-command' || recipe.kind === 'compose-service') {
        results.push({ ...common, bases: [], outcome: { kind: 'not-built-here', reason: 'no Dockerfile above it in the tutorial to build' } });
      } else if (recipe.kind === 'image-command' && recipe.imageCommand) {
        results.push({ ...common, bases: [], outcome: await imageCommand(recipe.imageCommand) });
      } else if (recipe.kind === 'compose-file') {
        const firstService = recipes.find((r) => r.kind === 'compose-service' && r.text === recipe.text && r.dockerfileId);
        const context = contextFor(byId.get(firstService?.dockerfileId ?? '')?.text ?? '');
        results.push({ ...common, bases: [], outcome: await composeConfig(recipe.text, scratch, context) });
      } else {
        results.push({
          ...common,
          bases: [],
          outcome: { kind: 'not-built-here', reason: 'not run here: an interactive command (-it) wants a terminal session, which the lab does not open' },
        });
      }
    }
    return results;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
