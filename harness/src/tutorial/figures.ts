// The tutorial's size figures, typed once: its size table, its examples' sizes and its opening
// graphic, and which app of the catalogue stands for each row of the table. The claims
// (claims.ts) decide on these, and the report shows an app's row beside its measured sizes.
//
// Sizes are the tutorial's decimal units (1.1 GB = 1_100 MB), as `docker images` prints them.
import type { TutorialClaim } from '../catalogue/figure-files.ts';
import { MB } from '../catalogue/types.ts';

/** A row of the tutorial's "Size Comparison Examples" table (7. Things to Consider). */
export interface SizeRow {
  /** The row's name in the table's first column. */
  row: string;
  singleBytes: number;
  multiBytes: number;
  /** Its Reduction column, percent (86 for "86%"). */
  reductionPercent: number;
}

export const sizeTableSection = 'Size Comparison Examples';

/** The size table, row by row, keyed by the catalogue app that stands for the row. */
export const sizeTable = {
  'node-api': { row: 'Node.js', singleBytes: 1_100 * MB, multiBytes: 150 * MB, reductionPercent: 86 },
  'react-spa': { row: 'React', singleBytes: 350 * MB, multiBytes: 25 * MB, reductionPercent: 93 },
  'go-api': { row: 'Go', singleBytes: 800 * MB, multiBytes: 15 * MB, reductionPercent: 98 },
  'python-api': { row: 'Python', singleBytes: 900 * MB, multiBytes: 180 * MB, reductionPercent: 80 },
  'java-api': { row: 'Java', singleBytes: 700 * MB, multiBytes: 280 * MB, reductionPercent: 60 },
} as const satisfies Record<string, SizeRow>;

/** The opening graphic (3. Visual Representation): a Node.js 18 app. */
export const graphic = { singleBytes: 1_200 * MB, multiBytes: 150 * MB, reductionPercent: 87, singleBase: 'node:18' } as const;

/**
 * The sizes each example states in its comments ("+": at least), and the base image its "before"
 * stands on (its single-stage FROM, or its build stage's where it shows none).
 */
export const exampleSizes = {
  /** "# Image size: ~1.1 GB" ... "# Image size: ~150 MB (87% reduction!)" */
  1: { singleBytes: 1_100 * MB, multiBytes: 150 * MB, reductionPercent: 87, singleBase: 'node:18' },
  /** "# Final size: ~25 MB (vs 300+ MB single stage)" */
  2: { singleAtLeastBytes: 300 * MB, multiBytes: 25 * MB, singleBase: 'node:18-alpine' },
  /** "# Final size: ~15 MB (vs 800+ MB with golang image!)" */
  3: { singleAtLeastBytes: 800 * MB, multiBytes: 15 * MB, singleBase: 'golang:1.21-alpine' },
  /** "# Size reduction: ~900 MB → ~180 MB" */
  4: { singleBytes: 900 * MB, multiBytes: 180 * MB, singleBase: 'python:3.11' },
  /** "# Size: ~280 MB (vs 700+ MB with full JDK)" */
  5: { singleAtLeastBytes: 700 * MB, multiBytes: 280 * MB, singleBase: 'maven:3.8-openjdk-17' },
} as const;

/** The tutorial's size claim for an app's row of the table, as the report shows it beside the app; undefined for apps the table has no row for. */
export function tutorialSizesOf(app: string): TutorialClaim | undefined {
  const row = (sizeTable as Record<string, SizeRow>)[app];
  return (
    row && { section: `${sizeTableSection}: ${row.row}`, singleBytes: row.singleBytes, multiBytes: row.multiBytes, reductionPercent: row.reductionPercent }
  );
}

/** A size in MB, as the tutorial's consistency figures compare them. */
export const inMB = (bytes: number) => bytes / MB;
