// The layers a check blames: the instruction that made a layer, the largest ones, a set of them.
import type { ImageFacts } from '../inspect/image.ts';
import { formatBytes } from '../format.ts';

export function layerLine(image: ImageFacts, index: number): string {
  return `layer ${index}: ${image.layers[index]?.instruction ?? '?'}`;
}

export function largestLayers(image: ImageFacts, count = 3): string {
  return [...image.layers]
    .sort((a, b) => b.uncompressedBytes - a.uncompressedBytes)
    .slice(0, count)
    .map((l) => `layer ${l.index} (${formatBytes(l.uncompressedBytes)}): ${l.instruction}`)
    .join('\n');
}

export function layersOf(image: ImageFacts, layers: number[]): string {
  return [...new Set(layers)].map((i) => layerLine(image, i)).join('\n');
}
