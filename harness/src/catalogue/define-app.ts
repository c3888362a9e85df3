// An entry file's source made a full entry: what every app shares by convention (its build
// context, its two Dockerfiles, its stage names) is derived from its name, so an entry states
// these only where it departs from the convention.
import type { AppEntry } from './types.ts';

/** The stage names of multi.Dockerfile that every app uses unless its entry names others. */
export const conventionalTargets = { production: 'production', development: 'development', test: 'test' } as const;

/** An app's build context and Dockerfiles, by convention: apps/NAME, dockerfiles/NAME/{single,multi}.Dockerfile. */
export function conventionalPaths(name: string): Pick<AppEntry, 'context' | 'dockerfiles'> {
  return {
    context: `apps/${name}`,
    dockerfiles: { single: `dockerfiles/${name}/single.Dockerfile`, multi: `dockerfiles/${name}/multi.Dockerfile` },
  };
}

type TargetOptional<T> = T extends { target: string } ? Omit<T, 'target'> & { target?: string } : never;

/** What an entry file writes: an AppEntry whose conventional paths and stage names may be left out. */
export type AppSource = Omit<AppEntry, 'context' | 'dockerfiles' | 'productionTarget' | 'development' | 'test'> & {
  /** Only where it is not apps/NAME (fullstack: apps/, both apps; toolbox: go-api's folder). */
  context?: string;
  /** Only a Dockerfile that is not dockerfiles/NAME/single.Dockerfile or multi.Dockerfile. */
  dockerfiles?: Partial<AppEntry['dockerfiles']>;
  /** Only where the last stage is not named `production`. */
  productionTarget?: string;
  /** `target` only where the stage is not named `development`. */
  development?: TargetOptional<NonNullable<AppEntry['development']>>;
  /** `target` only where the stage is not named `test`. */
  test?: TargetOptional<NonNullable<AppEntry['test']>>;
};

const defined = new WeakSet<object>();

/**
 * The full entry of an entry file (`export default defineApp({ ... })`). An entry that restates
 * a conventional value is refused, so an explicit path always marks a departure.
 */
export function defineApp(source: AppSource): AppEntry {
  const convention = conventionalPaths(source.name);
  const restated = [
    source.context === convention.context && `context '${source.context}'`,
    source.dockerfiles?.single === convention.dockerfiles.single && `dockerfiles.single '${source.dockerfiles.single}'`,
    source.dockerfiles?.multi === convention.dockerfiles.multi && `dockerfiles.multi '${source.dockerfiles.multi}'`,
    source.productionTarget === conventionalTargets.production && `productionTarget '${source.productionTarget}'`,
    source.development?.target === conventionalTargets.development && `development.target '${source.development.target}'`,
    source.test?.target === conventionalTargets.test && `test.target '${source.test.target}'`,
  ].filter((said): said is string => typeof said === 'string');
  if (restated.length)
    throw new Error(
      `catalogue entry ${source.name}: ${restated.join(', ')} ${restated.length > 1 ? 'are' : 'is'} the convention (catalogue/define-app.ts); leave ${restated.length > 1 ? 'them' : 'it'} out`,
    );

  const { development, test, ...rest } = source;
  const entry: AppEntry = {
    ...rest,
    context: source.context ?? convention.context,
    dockerfiles: { ...convention.dockerfiles, ...source.dockerfiles },
    productionTarget: source.productionTarget ?? conventionalTargets.production,
    ...(development && { development: { ...development, target: development.target ?? conventionalTargets.development } }),
    ...(test && { test: { ...test, target: test.target ?? conventionalTargets.test } }),
  };
  defined.add(entry);
  return entry;
}

/** Whether a module's default export came from defineApp (so it was type-checked as an AppSource). */
export function isDefinedApp(value: unknown): value is AppEntry {
  return typeof value === 'object' && value !== null && defined.has(value);
}
