// The list of the tutorial's claims: one entry each, every app it names in the catalogue or
// planned, every check it names one the suite has, and the claims the issue asks for all there.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import nodeApi from '../../src/catalogue/apps/node-api.ts';
import { problemsOf } from '../../src/catalogue/load.ts';
import { suiteFor } from '../../src/suite.ts';
import { plannedApps, tutorialClaims } from '../../src/tutorial/claims.ts';

import { tutorialPath as findTutorial } from '../../src/tutorial-path.ts';

// LAB_TUTORIAL, or shared/ beside the repository (or beside the folder of worktrees).
const tutorialPath = findTutorial();
const tutorial = tutorialPath && existsSync(tutorialPath) ? readFileSync(tutorialPath, 'utf8') : '';
const catalogueNames = entries.map((e) => e.name);

describe("the tutorial's claims", () => {
  it('are about forty, each with its own id', () => {
    expect(tutorialClaims.length).toBeGreaterThanOrEqual(40);
    const ids = tutorialClaims.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('include each row of the size table, each example, and the claims the issue names', () => {
    const ids = new Set(tutorialClaims.map((c) => c.id));
    for (const id of [
      'table-node',
      'table-react',
      'table-go',
      'table-python',
      'table-java',
      'graphic-sizes',
      'graphic-reduction',
      'summary-reduction',
      'cache-order',
      'cache-poor-order',
      'non-root',
      'chown',
      'node-env-production',
      'healthcheck-parameters',
      'compose-targets',
      'npm-cache-clean',
      'npm-only-production',
      'pip-no-dev',
      'build-args-frontend',
      'build-args-version-label',
      'example-1-vs-table',
      'example-2-vs-table',
      'build-args-credentials',
      'stages-discarded',
      'debug-target-stage',
    ]) {
      expect(ids, id).toContain(id);
    }
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8])
      expect(
        tutorialClaims.some((c) => c.section.includes(`Example ${n}`)),
        `Example ${n}`,
      ).toBe(true);
  });

  it('quote the tutorial: the figures they state are in it', (context) => {
    if (!tutorialPath)
      return context.skip('the tutorial is not beside the repository (shared/tutorial/docker-multi-stage-builds.md) and LAB_TUTORIAL names no file');
    expect(existsSync(tutorialPath), `LAB_TUTORIAL names ${tutorialPath}, which does not exist`).toBe(true);
    for (const claim of tutorialClaims.filter((c) => c.figure)) {
      for (const number of claim.figure!.match(/\d+(?:\.\d+)?\+?\s?(?:GB|MB|%)/g) ?? []) {
        expect(tutorial, `${claim.id}: ${number}`).toContain(number.replace(/\s/, ' '));
      }
    }
  });

  it('are each placed in docs/tutorial-claims.md, the sentence-by-sentence reading (a family by its `name-*`)', () => {
    const reading = readFileSync(new URL('../../../docs/tutorial-claims.md', import.meta.url), 'utf8');
    const named = new Set([...reading.matchAll(/`([a-z0-9-]+\*?)`/g)].map((m) => m[1]!));
    const unplaced = tutorialClaims
      .map((c) => c.id)
      .filter((id) => !named.has(id) && ![...named].some((n) => n.endsWith('-*') && id.startsWith(n.slice(0, -1))));
    expect(unplaced).toEqual([]);
  });

  it('name apps the catalogue has, or ones planned with the issue that brings them', () => {
    const named = tutorialClaims.flatMap((c) => ('app' in c.decide ? [c.decide.app] : 'apps' in c.decide && Array.isArray(c.decide.apps) ? c.decide.apps : []));
    // (A planned app that has landed is decided on its measurements: the catalogue is asked first.)
    for (const app of named) expect(catalogueNames.includes(app) || app in plannedApps, app).toBe(true);
  });

  it('name tips the catalogue app tries, for apps in the catalogue', () => {
    for (const claim of tutorialClaims) {
      if (claim.decide.kind !== 'tip') continue;
      const { app, tip } = claim.decide;
      const entry = entries.find((e) => e.name === app);
      if (entry) expect(entry.tips?.map((t) => t.tip) ?? [], `${claim.id}: ${app} tries no "${tip}"`).toContain(tip);
    }
  });

  it('a tip tried in an image the app does not build from is refused by the catalogue', () => {
    expect(problemsOf(nodeApi)).toEqual([]);
    const broken = { ...nodeApi, name: 'broken', tips: [{ ...nodeApi.tips![0]!, image: 'node:18' }] };
    expect(problemsOf(broken)).toContain(
      'broken: tips: "npm ci --only=production" is tried in node:18, which no Dockerfile of the entry builds FROM (bases: node:24, node:24-slim, gcr.io/distroless/static-debian13:nonroot)',
    );
  });

  it('name checks the suite has, for apps in the catalogue', () => {
    for (const claim of tutorialClaims) {
      if (claim.decide.kind !== 'checks') continue;
      const { apps, checks } = claim.decide;
      const inCatalogue = apps === 'every' ? entries : entries.filter((e) => apps.includes(e.name));
      for (const id of checks) {
        const has = inCatalogue.filter((entry) => {
          const suite = suiteFor(entry);
          return [...suite.contract.map((c) => c.id), ...suite.claims.map((c) => c.id)].includes(id);
        });
        // 'every': some app has it; named apps in the catalogue: each has it.
        if (apps === 'every') expect(has.length, `${claim.id}: no catalogue app has a ${id} check`).toBeGreaterThan(0);
        else
          expect(
            has.map((e) => e.name),
            `${claim.id}: ${id}`,
          ).toEqual(inCatalogue.map((e) => e.name));
      }
    }
  });
});
