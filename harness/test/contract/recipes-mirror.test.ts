// One of the tutorial's recipes built verbatim as a CI runner builds it: on an engine that has
// none of its base images and pulls them by their plain names from a registry. Here that is a
// second engine of the test's own (support/second-engine.ts) whose registry-mirrors point at a
// registry on loopback (support/local-registry.ts) holding an image as library/node:18, stripped
// of the forge's labels as the official image has none (made from the lab's node:24-slim). The recipe (Example 1's single-stage
// Dockerfile) goes through the same code as on this machine (recipes/run.ts): its base is
// pulled, named "pulled" with its id, and the image measured. Skipped, with the reason, when
// the tutorial is not beside the repository; a registry or engine that does not start fails it.
// Pushing and pulling the base is most of its time (a 0.2 GB one here).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildImage } from '../../src/engine/build.ts';
import { docker, useEngine } from '../../src/engine/docker.ts';
import { ownedLabels } from '../../src/engine/ownership.ts';
import { LABELS } from '../../src/engine/forge-labels.ts';
import { readRecipes, tutorialAbsence } from '../../src/recipes/read.ts';
import { runRecipes } from '../../src/recipes/run.ts';
import { tutorialPath } from '../../src/tutorial-path.ts';
import { startLocalRegistry } from './support/local-registry.ts';
import { startSecondEngine } from './support/second-engine.ts';

const file = tutorialPath();
const absent = tutorialAbsence(file);
const cleanups: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/**
 * Pushes an image to the registry as library/node:18, without the forge's labels; returns its id.
 * Made from the lab's own node:24-slim (forged from this repository's recipes, so on every
 * machine, and a fifth of node:18's size): what this test shows is the way a verbatim recipe's
 * base comes from a registry by its plain name, not node:18's contents.
 */
async function publishOfficialLike(registry: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lab-recipes-mirror-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  // An empty label value is no label to describeBase: the image reads as a registry's.
  const unlabel = [LABELS.standIn, LABELS.recipe, LABELS.recipeHash, LABELS.tags].map((k) => `"${k}"=""`).join(' ');
  await writeFile(path.join(dir, 'Dockerfile'), `FROM node:24-slim\nLABEL ${unlabel}\n`);
  const tag = `${registry}/library/node:18`;
  const built = await buildImage({ context: dir, dockerfile: path.join(dir, 'Dockerfile'), tag, labels: ownedLabels() });
  cleanups.push(() => docker().getImage(tag).remove({ noprune: true }));
  const stream = await docker().getImage(tag).push({ tag: '18' });
  await new Promise<void>((resolve, reject) =>
    docker().modem.followProgress(stream, (error: Error | null, events: { error?: string }[]) => {
      const failed = error?.message ?? events.find((e) => e.error)?.error;
      return failed ? reject(new Error(`push of ${tag} failed: ${failed}`)) : resolve();
    }),
  );
  return built.imageId;
}

describe('a tutorial recipe where a registry answers (as on a CI runner)', () => {
  it(
    "pulls its base by its plain name, says so with the image's id, and measures the recipe's image",
    async (context) => {
      if (absent) return context.skip(absent);
      const recipe = readRecipes(file).find(
        (r) => r.kind === 'dockerfile' && r.source.section.startsWith('Example 1:') && r.text.match(/^\s*FROM\s/gim)?.length === 1,
      );
      expect(recipe, "Example 1's single-stage Dockerfile").toBeDefined();
      const registry = await startLocalRegistry();
      if (typeof registry === 'string') throw new Error(`no registry on loopback: ${registry}`);
      cleanups.push(() => registry.stop());
      const officialId = await publishOfficialLike(registry.address);
      const engine = await startSecondEngine({ registryMirrors: [`http://${registry.address}`] });
      if (typeof engine === 'string') throw new Error(engine);
      cleanups.push(() => engine.stop());
      const shared = useEngine(engine.host);
      try {
        // The second engine starts empty: the recipe's base can only come from the registry.
        expect(
          await docker()
            .getImage('node:18')
            .inspect()
            .then(
              () => true,
              () => false,
            ),
        ).toBe(false);
        const [result] = await runRecipes([recipe!]);
        expect(result?.bases).toEqual([{ ref: 'node:18', origin: 'pulled', id: officialId }]);
        expect(result?.outcome.kind, JSON.stringify(result?.outcome)).toBe('measured');
        if (result?.outcome.kind === 'measured') expect(result.outcome.measure.uncompressedBytes).toBeGreaterThan(100_000_000);
      } finally {
        shared();
      }
    },
    20 * 60_000,
  );
});
