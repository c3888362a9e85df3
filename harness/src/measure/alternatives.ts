// An alternative build of the production image (a build arg or target), measured the way the
// contract measures production: its size from its layers, and a run to healthy and stopped.
import type { AppEntry } from '../catalogue/types.ts';
import type { Alternative } from '../catalogue/check-options.ts';
import type { AlternativeFacts } from '../contract/app-facts.ts';
import { inspectImage } from '../inspect/image.ts';
import { buildApp, temporaryTag, type BuildOptions } from './images.ts';
import { measureRun } from './runs.ts';

/** How an alternative is built: the production build with its args or target (a temporary tag of this run). */
export function alternativeBuild(entry: AppEntry, alternative: Alternative, purpose = 'alternative'): BuildOptions {
  return {
    variant: 'multi',
    target: alternative.target ?? entry.productionTarget,
    ...(alternative.buildArgs ? { extraBuildArgs: alternative.buildArgs } : {}),
    temporaryTag: temporaryTag(entry, `${purpose}-${alternative.name}`),
  };
}

export async function measureAlternative(entry: AppEntry, alternative: Alternative): Promise<AlternativeFacts> {
  const build = await buildApp(entry, alternativeBuild(entry, alternative));
  const image = await inspectImage(build.tag);
  const run = await measureRun({ ...entry, limits: { ...entry.limits, ...alternative.limits } }, build.tag);
  return {
    name: alternative.name,
    title: alternative.title,
    buildMs: build.durationMs,
    uncompressedBytes: image.uncompressedBytes,
    compressedBytes: image.compressedBytes,
    run,
  };
}
