// turbo.json as the unit tests read it: its tasks, with whole-line // comments left out.
import { readFileSync } from 'node:fs';
import { fromRepo } from '../../src/paths.ts';

export interface TurboTask {
  env?: string[];
  passThroughEnv?: string[];
  inputs?: unknown[];
  outputs?: string[];
}

export function turboJson(): { tasks: Record<string, TurboTask> } {
  return JSON.parse(
    readFileSync(fromRepo('turbo.json'), 'utf8')
      .split('\n')
      .filter((l) => !l.trim().startsWith('//'))
      .join('\n'),
  ) as { tasks: Record<string, TurboTask> };
}
