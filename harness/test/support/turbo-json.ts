// turbo.json as the unit tests read it: its tasks, with whole-line // comments left out; and a
// package's task as turbo resolves it, from the package's own turbo.json where it has one.
import { existsSync, readFileSync } from 'node:fs';
import { fromRepo } from '../../src/paths.ts';

export interface TurboTask {
  env?: string[];
  passThroughEnv?: string[];
  inputs?: unknown[];
  outputs?: string[];
}

export function turboJson(file = 'turbo.json'): { tasks: Record<string, TurboTask> } {
  return JSON.parse(
    readFileSync(fromRepo(file), 'utf8')
      .split('\n')
      .filter((l) => !l.trim().startsWith('//'))
      .join('\n'),
  ) as { tasks: Record<string, TurboTask> };
}

/** An app's task: its folder's turbo.json (which extends the root's), else the root's APP#TASK. */
export function appTask(app: string, task: string): TurboTask | undefined {
  const own = `apps/${app}/turbo.json`;
  return existsSync(fromRepo(own)) ? turboJson(own).tasks[task] : turboJson().tasks[`${app}#${task}`];
}
