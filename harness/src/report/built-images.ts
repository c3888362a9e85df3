// What a failed app's report says of its builds: the images built before the failure, by tag,
// id and size, and "not built" for one that was not. An app can fail at its multi-stage build,
// at a run or at a check after both were built; "not measured" alone hid which.
import type { BuiltImage } from '../contract/app-facts.ts';
import { formatBytes, formatMs } from '../format.ts';
import { reductionPercent } from '../size-reduction.ts';
import type { AppReport, BuiltImageSummary } from './claims-model.ts';

export function builtSummary(image: BuiltImage): BuiltImageSummary {
  return {
    tag: image.tag,
    id: image.facts.id,
    uncompressedBytes: image.facts.uncompressedBytes,
    compressedBytes: image.facts.compressedBytes,
    buildMs: image.buildMs,
  };
}

/** A failed app's size cells (single-stage, multi-stage, compressed, reduction); undefined when the report kept no build. */
export function builtSizeCells(a: AppReport): [string, string, string, string] | undefined {
  if (!a.built) return undefined;
  const { single, multi } = a.built;
  return [
    single ? formatBytes(single.uncompressedBytes) : 'not built',
    multi ? formatBytes(multi.uncompressedBytes) : 'not built',
    multi ? formatBytes(multi.compressedBytes) : '',
    single && multi ? `${reductionPercent(single.uncompressedBytes, multi.uncompressedBytes).toFixed(1)}%` : '',
  ];
}

/** One line per image of a failed app: what was built (tag, id, sizes, build time), or that it was not; empty when the report kept no build. */
export function builtLines(a: AppReport): string[] {
  if (!a.built) return [];
  return (['single', 'multi'] as const).map((variant) => {
    const image = a.built![variant];
    if (!image) return `${variant}-stage: not built`;
    return `${variant}-stage: ${image.tag} (${image.id.slice(0, 19)}), ${formatBytes(image.uncompressedBytes)}, ${formatBytes(image.compressedBytes)} compressed, built in ${formatMs(image.buildMs)}`;
  });
}

/** A failed app's builds in a few words, for the failure banner: "single-stage built (1.41 GB), multi-stage not built". */
export function builtWords(a: AppReport): string {
  return (['single', 'multi'] as const)
    .map((variant) => {
      const image = a.built?.[variant];
      return `${variant}-stage ${image ? `built (${formatBytes(image.uncompressedBytes)})` : 'not built'}`;
    })
    .join(', ');
}
