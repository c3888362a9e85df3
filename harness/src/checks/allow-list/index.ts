// allow-list: nothing in the production image but the base image's own files, what the entry's
// globs name and, in a node_modules folder, the lockfile's production closure (disallowed.ts);
// reads the image's final filesystem and the measured base files and closure (measure/allow.ts).
import type { ImageFacts } from '../../inspect/image.ts';
import type { AllowFacts } from '../../contract/app-facts.ts';
import type { AppEntry } from '../../catalogue/types.ts';
import { verdict, type Verdict } from '../../verdict.ts';
import type { ContractModule } from '../check.ts';
import { layersOf } from '../layers.ts';
import { disallowedFiles } from './disallowed.ts';

/**
 * What may be in the production image's final filesystem, where it is small enough to say:
 * everything else fails, naming the path and the layer that put it there. What the base
 * image brings is read from the base image itself (the production stage's FROM).
 */
export interface AllowList {
  /** Globs (as `deny`) of what the app adds on top of its base. Folders above an allowed file are allowed. */
  paths: string[];
  /** A node_modules folder that may hold exactly the production dependency closure of a pnpm lockfile. */
  nodeModules?: { dir: string /* absolute in the image */; lockfile: string /* context-relative */ };
}

declare module '../../catalogue/types.ts' {
  interface AppEntry {
    /** What may be there at all; deny is the second line. */
    allow?: AllowList;
  }
}

export function checkAllowList(entry: AppEntry, image: ImageFacts, allow: AllowFacts | undefined): Verdict {
  const spec = entry.allow!;
  const expected = [
    `only the files of ${allow?.base ?? 'its base'}`,
    spec.paths.join(', '),
    ...(spec.nodeModules ? [`in ${spec.nodeModules.dir}, exactly the production closure of ${spec.nodeModules.lockfile}`] : []),
  ].join('; ');
  if (!allow) return verdict(false, expected, 'the base image and lockfile were not measured');
  const outside = disallowedFiles(spec, image.files, allow);
  const shown = outside.slice(0, 10).map((o) => `${o.what} (layer ${o.layer})`);
  return verdict(
    outside.length === 0,
    expected,
    outside.length === 0 ? 'nothing else present' : `${outside.length} not allowed: ${shown.join('; ')}${outside.length > 10 ? '; ...' : ''}`,
    `put there by:\n${layersOf(
      image,
      outside.map((o) => o.layer),
    )}`,
  );
}

export const allowList: ContractModule = {
  kind: 'contract',
  id: 'allow-list',
  fixtures: ['leaks-binary', 'leaks-package'],
  checks: (entry) =>
    entry.allow
      ? [
          {
            id: 'allow-list',
            title: "nothing but what the allow-list names (the base image's files and the app's)",
            evaluate: (f) => checkAllowList(entry, f.multi.facts, f.allow),
          },
        ]
      : [],
};
