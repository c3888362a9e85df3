// Where the lab reads the tutorial it checks ("Docker Multi-Stage Builds",
// docker-multi-stage-builds.md): the file LAB_TUTORIAL names, else shared/tutorial/ beside the
// repository (or beside the folder its worktrees are in). The text is not in the repository;
// tutorial/claims.ts quotes it, and tutorial-claims.test.ts holds the quotes to it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.ts';

export const tutorialFileName = 'docker-multi-stage-builds.md';

/** The tutorial's path: LAB_TUTORIAL's (found or not: the caller says so), else the first one beside the repository that exists. */
export function tutorialPath(env: NodeJS.ProcessEnv = process.env, root = repoRoot): string | undefined {
  if (env.LAB_TUTORIAL) return path.resolve(env.LAB_TUTORIAL);
  return ['..', '../..'].map((up) => path.resolve(root, up, 'shared/tutorial', tutorialFileName)).find((p) => existsSync(p));
}
