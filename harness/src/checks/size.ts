// size: the production image within its budgets, uncompressed and compressed (limits.uncompressedBytes,
// limits.compressedBytes); reads the multi-stage image's sizes and layers.
import type { AppEntry } from '../catalogue/types.ts';
import type { ImageFacts } from '../inspect/image.ts';
import { formatBytes } from '../format.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';
import { largestLayers } from './layers.ts';

export function checkSize(entry: AppEntry, image: ImageFacts): Verdict {
  const { uncompressedBytes, compressedBytes } = entry.limits;
  const ok = image.uncompressedBytes <= uncompressedBytes.limit && image.compressedBytes <= compressedBytes.limit;
  return verdict(
    ok,
    `<= ${formatBytes(uncompressedBytes.limit)} uncompressed, <= ${formatBytes(compressedBytes.limit)} compressed`,
    `${formatBytes(image.uncompressedBytes)} uncompressed, ${formatBytes(image.compressedBytes)} compressed`,
    `largest layers:\n${largestLayers(image)}`,
  );
}

export const size: ContractModule = {
  kind: 'contract',
  id: 'size',
  fixtures: ['size-over-budget'],
  checks: (entry) => [{ id: 'size', title: 'size within budget (uncompressed and compressed)', evaluate: (f) => checkSize(entry, f.multi.facts) }],
};
