// The external images a recipe's build needs (for its target), and what this engine has of
// each: a forged stand-in, a pulled image, or nothing. What it lacks is pulled first (forge/'s
// Puller: a short wait for a registry to answer), so where one answers, as on a CI runner, the
// build runs on the official image and says so; where none does, it is forged when a recipe of
// dockerfiles/bases/ provides it (node:18, python:3.11: minutes, once), else it stays "absent".
// A stand-in forged from a recipe this repository does not hold (left on the engine by another
// checkout) counts as absent too, and is forged again where a recipe of that name is here: a
// verdict must be one a fresh clone can measure again.
// A Dockerfile the lab's parser cannot read is left to the engine: its error is the finding.
import { analyzeDockerfile, externalRefsForTarget } from '../dockerfile/stages.ts';
import { existsSync } from 'node:fs';
import { ensureBases } from '../forge/ensure.ts';
import { refsWithRecipe } from '../forge/recipes.ts';
import { LABELS } from '../engine/forge-labels.ts';
import { findImage } from '../forge/local-image.ts';
import { basesDir } from '../paths.ts';
import { describeBase } from '../forge/provenance.ts';
import type { Puller } from '../forge/pull.ts';
import type { BaseImage } from './types.ts';

/** The external refs a build of this Dockerfile text needs, or [] when the text does not parse. */
export function baseRefsOf(dockerfile: string, target?: string, buildArgs: Record<string, string> = {}): string[] {
  try {
    const analysis = analyzeDockerfile(dockerfile, 'Dockerfile', { buildArgs });
    return [...new Set(externalRefsForTarget(analysis, target).map((r) => r.ref))];
  } catch {
    return [];
  }
}

export async function resolveBases(refs: string[], puller?: Puller, note: (line: string) => void = () => undefined): Promise<BaseImage[]> {
  await Promise.all(refs.map(async (ref) => (await findImage(ref)) ?? (await puller?.tryPull(ref))));
  // What no registry gave, the forge makes where it has a recipe (again, where the recipe changed
  // or the stand-in came from a recipe this repository lacks); a failure leaves it absent.
  const forgeable = await refsWithRecipe(refs, basesDir);
  // Its lines are news only when it had something to make: "2 base image(s): 2 present, ..." is not.
  const log = (line: string) => (/ 0 pulled, 0 forged; /.test(line) ? undefined : note(line));
  if (forgeable.length) await ensureBases({ refs: forgeable, pull: false, log }).catch((error: Error) => note(error.message));
  return Promise.all(
    refs.map(async (ref): Promise<BaseImage> => {
      const image = await findImage(ref);
      if (!image) return { ref, origin: 'absent' };
      if (staleRecipeOf(image.Config?.Labels)) return { ref, origin: 'absent' };
      const { origin } = await describeBase(ref);
      return { ref, origin, id: image.Id };
    }),
  );
}

/** The recipe a stand-in was forged from, when this repository does not hold it (else undefined). */
export function staleRecipeOf(labels: Record<string, string> | null | undefined): string | undefined {
  const recipe = labels?.[LABELS.recipe];
  return recipe && !existsSync(`${basesDir}/${recipe}`) ? recipe : undefined;
}

/** The first base that is on the engine only as a stand-in of a recipe this repository lacks, and that recipe. */
export async function staleStandIn(bases: BaseImage[]): Promise<{ ref: string; recipe: string } | undefined> {
  for (const base of bases.filter((b) => b.origin === 'absent')) {
    const recipe = staleRecipeOf((await findImage(base.ref))?.Config?.Labels);
    if (recipe) return { ref: base.ref, recipe };
  }
  return undefined;
}
