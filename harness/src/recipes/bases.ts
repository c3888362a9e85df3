// The external images a recipe's build needs (for its target), and what this engine has of
// each: a forged stand-in, a pulled image, or nothing. What it lacks is pulled first (forge/'s
// Puller: a short wait for a registry to answer), so where one answers, as on a CI runner, the
// build runs on the official image and says so; where none does, the base stays "absent".
// A Dockerfile the lab's parser cannot read is left to the engine: its error is the finding.
import { analyzeDockerfile, externalRefsForTarget } from '../dockerfile/stages.ts';
import { findImage } from '../forge/local-image.ts';
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

export async function resolveBases(refs: string[], puller?: Puller): Promise<BaseImage[]> {
  return Promise.all(
    refs.map(async (ref): Promise<BaseImage> => {
      const image = (await findImage(ref)) ?? ((await puller?.tryPull(ref)) ? await findImage(ref) : null);
      if (!image) return { ref, origin: 'absent' };
      const { origin } = await describeBase(ref);
      return { ref, origin, id: image.Id };
    }),
  );
}
