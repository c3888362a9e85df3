// Builds an app's images as the catalogue describes them and measures them.
import { buildImage, type BuildProgress, type BuildResult } from '../engine/build.ts';
import { ownedLabels, runId } from '../engine/ownership.ts';
import { inspectImage } from '../inspect/image.ts';
import type { AppEntry } from '../catalogue/types.ts';
import type { BuiltImage } from '../contract/app-facts.ts';
import { fromRepo } from '../paths.ts';
import { labBuildArgs } from './version-args.ts';

export type Variant = 'single' | 'multi';

/** The tag the report keeps: lab/<app>:single or lab/<app>:multi. */
export function imageTag(entry: AppEntry, variant: Variant): string {
  return `lab/${entry.name}:${variant}`;
}

/**
 * A tag for an image this run builds and removes at the end: lab/<app>:<purpose>-<run id>,
 * so runs on one engine never take each other's images.
 */
export function temporaryTag(entry: AppEntry, purpose: string): string {
  return `lab/${entry.name}:${purpose}-${runId()
    .replace(/[^a-zA-Z0-9_.-]/g, '-')
    .toLowerCase()}`;
}

export interface BuildOptions {
  variant: Variant;
  target?: string;
  /** Build from this folder instead of the entry's context (a temporary copy). */
  contextDir?: string;
  /** Build this Dockerfile (repository-relative) instead of the variant's, e.g. a counter-example. */
  dockerfile?: string;
  /** Tag for a temporary image: it is labelled as this run's and removed at the end. */
  temporaryTag?: string;
  noCache?: boolean;
  /** Added to the entry's build args (an alternative's). */
  extraBuildArgs?: Record<string, string>;
  onProgress?: (event: BuildProgress) => void;
}

export async function buildApp(entry: AppEntry, options: BuildOptions): Promise<BuildResult> {
  return buildImage({
    context: options.contextDir ?? fromRepo(entry.context),
    dockerfile: fromRepo(options.dockerfile ?? entry.dockerfiles[options.variant]),
    tag: options.temporaryTag ?? imageTag(entry, options.variant),
    buildArgs: { ...labBuildArgs(), ...entry.buildArgs, ...options.extraBuildArgs },
    ...(options.temporaryTag ? { labels: ownedLabels() } : {}),
    ...(options.target ? { target: options.target } : {}),
    ...(entry.hostFiles ? { extraFiles: entry.hostFiles } : {}),
    ...(options.noCache ? { noCache: true } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}

/**
 * Builds one variant (the multi-stage one at its production target) and inspects it. A
 * `temporary` image gets this run's tag (temporaryTag: lab/<app>:<variant>-<run id>), so two runs
 * at once never build over each other's, and is labelled as this run's, and removed at its end.
 */
export async function buildAndInspect(
  entry: AppEntry,
  variant: Variant,
  options: { onProgress?: (event: BuildProgress) => void; temporary?: boolean } = {},
): Promise<BuiltImage> {
  const build = await buildApp(entry, {
    variant,
    ...(variant === 'multi' ? { target: entry.productionTarget } : {}),
    ...(options.temporary ? { temporaryTag: temporaryTag(entry, variant) } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { tag: build.tag, buildMs: build.durationMs, facts: await inspectImage(build.tag) };
}
