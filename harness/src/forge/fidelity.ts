// The fidelity table of dockerfiles/bases/README.md: each stand-in's measured size beside the
// official image's published one (recipe.json `official`), and the difference.

import { uncompressedSizeOf } from '../inspect/image.ts';
import { basesDir } from '../paths.ts';
import { loadRecipes } from './recipes.ts';

export interface FidelityRow {
  tag: string;
  recipe: string;
  measuredBytes: number | null;
  officialBytes: number | null;
  deltaPercent: number | null;
  source: string;
  note: string;
}

export async function fidelityRows(): Promise<FidelityRow[]> {
  const rows: FidelityRow[] = [];
  for (const recipe of await loadRecipes(basesDir)) {
    for (const image of recipe.manifest.images) {
      const tag = image.tags[0] as string;
      // Measured as every figure of the lab is (inspect's Size differs by image store).
      const measured = await uncompressedSizeOf(tag).catch(() => null);
      const official = image.official?.uncompressedBytes ?? null;
      rows.push({
        tag,
        recipe: recipe.name,
        measuredBytes: measured,
        officialBytes: official,
        deltaPercent: measured !== null && official ? ((measured - official) / official) * 100 : null,
        source: image.official ? `${image.official.source} (${image.official.date})` : 'none found',
        note: image.official?.note ?? '',
      });
    }
  }
  return rows;
}

export async function fidelityTable(): Promise<string> {
  const mb = (b: number | null) => (b === null ? '-' : `${(b / 1e6).toFixed(1)} MB`);
  const lines = [
    '| image | official (uncompressed) | stand-in (measured) | difference | official figure from | note |',
    '| --- | ---: | ---: | ---: | --- | --- |',
  ];
  for (const r of await fidelityRows()) {
    const delta =
      r.deltaPercent === null ? '-' : `${r.deltaPercent >= 0 ? '+' : ''}${r.deltaPercent.toFixed(1)} %${Math.abs(r.deltaPercent) > 15 ? ' (!)' : ''}`;
    lines.push(`| \`${r.tag}\` | ${mb(r.officialBytes)} | ${mb(r.measuredBytes)} | ${delta} | ${r.source} | ${r.note} |`);
  }
  return `${lines.join('\n')}\n`;
}
