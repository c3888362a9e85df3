// Which app a recipe is built around: the smallest sources its COPY and RUN lines expect
// (harness/test/fixtures/recipes/), chosen from what the Dockerfile builds on and copies, not
// from the tutorial's headings (a renamed section picks the same app).
import path from 'node:path';
import { fromRepo } from '../paths.ts';

export const recipeFixturesDir = fromRepo('harness/test/fixtures/recipes');

export type RecipeApp = 'node' | 'fullstack' | 'go' | 'python' | 'java';

/** The app a Dockerfile's text asks for. */
export function appFor(dockerfile: string): RecipeApp {
  const froms = [...dockerfile.matchAll(/^\s*FROM\s+(\S+)/gim)].map((m) => (m[1] ?? '').toLowerCase());
  if (froms.some((f) => f.startsWith('golang'))) return 'go';
  if (froms.some((f) => f.startsWith('python'))) return 'python';
  if (froms.some((f) => /^(maven|eclipse-temurin|openjdk)\b/.test(f))) return 'java';
  if (/^\s*COPY\s+(--\S+\s+)*frontend\//im.test(dockerfile)) return 'fullstack';
  return 'node';
}

/** The app's folder: the build context. */
export function contextFor(dockerfile: string): string {
  return path.join(recipeFixturesDir, appFor(dockerfile));
}
