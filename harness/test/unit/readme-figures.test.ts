// README.md's measured figures against docs/figures.json (what `pnpm readme:figures` took from
// the report data): a figure edited by hand, or a snapshot updated without the README, fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRepo } from '../../src/paths.ts';
import { blockIn, figuresOf, readmeBlocks, staleBlocks, withBlocks, type ReadmeFigures } from '../../src/report/readme-figures.ts';
import { fixtureReport, nodeApiReport } from './support/report-fixture.ts';

describe("the README's figures", () => {
  it('are the ones docs/figures.json gives (run `pnpm readme:figures` after `pnpm verify`)', () => {
    const figures = JSON.parse(readFileSync(fromRepo('docs/figures.json'), 'utf8')) as ReadmeFigures;
    const stale = staleBlocks(readFileSync(fromRepo('README.md'), 'utf8'), readmeBlocks(figures));
    expect(stale.map((s) => `README.md's ${s.name} figures differ from docs/figures.json:\n--- README.md\n${s.readme ?? '(no markers)'}\n--- docs/figures.json gives\n${s.figures}`)).toEqual([]);
  });

  it('fail when a figure is edited by hand, naming the block', () => {
    const blocks = readmeBlocks(figuresOf(fixtureReport()));
    const readme = withBlocks('# Lab\n\n<!-- figures:sizes -->\n<!-- /figures:sizes -->\n\n<!-- figures:claims -->\n<!-- /figures:claims -->\n', blocks);
    expect(staleBlocks(readme, blocks)).toEqual([]);
    expect(blockIn(readme, 'sizes')).toContain('| node-api | 1.41 GB | 137.1 MB | 49.8 MB | 90.3% | 1.10 GB -> 150.0 MB (86%) |');
    const edited = readme.replace('137.1 MB', '150 MB');
    expect(staleBlocks(edited, blocks).map((s) => s.name)).toEqual(['sizes']);
    expect(() => withBlocks('# Lab\n', blocks, 'apps/x/README.md')).toThrow('apps/x/README.md has no <!-- figures:sizes --> ... <!-- /figures:sizes --> markers for the sizes figures');
  });

  it('take only apps the report measured, and the claim counts from its verdicts', () => {
    const broken = nodeApiReport({ app: 'go-api', error: 'build failed' });
    delete broken.facts;
    const figures = figuresOf(fixtureReport([nodeApiReport(), broken]));
    expect(figures.apps.map((a) => a.app)).toEqual(['node-api']);
    expect(figures.claims.holds + figures.claims.doesNotHold + figures.claims.notChecked).toBe(fixtureReport().tutorialClaims.length);
  });
});
