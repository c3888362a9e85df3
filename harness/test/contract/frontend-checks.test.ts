// The Dockerfile frontend's own build checks, shown failing, and run over the files no build of
// `pnpm test` reads with them. Every lab Dockerfile starts with `# syntax=docker/dockerfile:1.29`
// and `# check=error=true` (dockerfile-lint.test.ts holds them to it), so each build runs the
// checks and a violation fails it, with the rule's name; the forge's recipes build with the
// engine's own frontend (the forge needs nothing but the engine, and one recipe makes the other
// frontend), so the same checks run over them here, through the lint subrequest, without a build.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage, BuildError } from '../../src/engine/build.ts';
import { docker } from '../../src/engine/docker.ts';
import { ensureBases } from '../../src/forge/index.ts';
import { findImage } from '../../src/forge/local-image.ts';
import { readHostConfig } from '../../src/forge/host.ts';
import { loadRecipes, parentsOf, resolveArgs, type Recipe } from '../../src/forge/recipes.ts';
import { frontendChecks } from '../../src/lint/frontend-checks.ts';
import { LAB_FRONTEND } from '../../src/lint/frontend-directives.ts';
import { contractHookTimeoutMs } from '../../src/limits.ts';
import { basesDir, fromRepo, repoRoot } from '../../src/paths.ts';

/** Findings a recipe keeps, each with its reason (a recipe follows its official Dockerfile). */
const recipeFindingsKept: Record<string, { rule: string; why: string }[]> = {
  python: [{ rule: 'SecretsUsedInArgOrEnv', why: "ENV GPG_KEY is the release managers' public key fingerprint, named as the official Dockerfile names it" }],
};

const violation = fromRepo('harness/test/fixtures/frontend/lowercase-from');
const violationTag = 'lab/fixture-frontend-check:violation';
let recipes: Recipe[] = [];

beforeAll(async () => {
  recipes = await loadRecipes(basesDir);
  // The frontend itself, present (pulled or forged). The recipes' parents are not forged here: the
  // tutorial's Debian 12 bases are made by the recipes' run only (LAB_RECIPES), not by every run.
  await ensureBases({ refs: [LAB_FRONTEND] });
}, contractHookTimeoutMs);

afterAll(async () => {
  await docker()
    .getImage(violationTag)
    .remove({ force: true })
    .catch(() => undefined);
});

describe("the Dockerfile frontend's build checks", () => {
  it('fail a build on a violation, naming the rule and the line (a lowercase `from`: ConsistentInstructionCasing)', async () => {
    const error = await buildImage({ context: violation, dockerfile: path.join(violation, 'Dockerfile'), tag: violationTag }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BuildError);
    const message = (error as BuildError).message;
    process.stdout.write(`\n${message}\n`);
    expect(message).toMatch(
      /lint violation found for rules: ConsistentInstructionCasing\n {2}ConsistentInstructionCasing: Command 'from' should match the case of the command majority \(uppercase\) \(line 7\)/,
    );
  });

  it('find the same violation through the lint subrequest, with its line', async () => {
    expect(await frontendChecks(path.join(violation, 'Dockerfile'), violation)).toEqual([
      { rule: 'ConsistentInstructionCasing', message: "Command 'from' should match the case of the command majority (uppercase)", line: 7 },
    ]);
  });

  it('find nothing in the forge recipes but the findings each keeps with its reason', async () => {
    const host = readHostConfig(repoRoot);
    const found: string[] = [];
    const notChecked: string[] = [];
    for (const recipe of recipes) {
      // The subrequest reads each parent's config: a recipe whose parents this engine lacks cannot be checked.
      const parents = [...new Set(recipe.manifest.images.flatMap((i) => parentsOf(recipe, i)))];
      const absent = (await Promise.all(parents.map(async (ref) => ((await findImage(ref)) ? [] : [ref])))).flat();
      if (absent.length) {
        notChecked.push(`${recipe.name} (its parents ${absent.join(', ')} are not on this engine)`);
        continue;
      }
      const kept = new Set((recipeFindingsKept[recipe.name] ?? []).map((k) => k.rule));
      for (const finding of await frontendChecks(recipe.dockerfile, recipe.dir, resolveArgs(recipe, host)))
        if (!kept.has(finding.rule)) found.push(`${path.relative(repoRoot, recipe.dockerfile)}:${finding.line ?? '?'}: ${finding.rule}: ${finding.message}`);
    }
    if (notChecked.length) process.stdout.write(`\nnot checked here: ${notChecked.join('; ')}\n`);
    expect(notChecked.length).toBeLessThan(recipes.length);
    expect(found.join('\n')).toBe('');
  });
});
