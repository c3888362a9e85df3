// build-arg: a build arg that a bundle bakes in (the tutorial's API_URL): two builds, each page
// requests its own value, and the value is in the built assets only (measureBuildArg,
// measure/build-arg-bundles.ts).
import type { BuildArgFacts } from '../contract/app-facts.ts';
import { measureBuildArg } from '../measure/build-arg-bundles.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

/**
 * A build arg that a bundle bakes in at build time (the tutorial's API_URL): built twice with
 * different values, each image's page requests its own value, and neither value is anywhere in
 * the image but in the files `allowedIn` names (the built assets): not in another layer, not
 * in the image config or its history.
 */
export interface BuildArgClaim {
  arg: string;
  values: [string, string];
  /** Globs of the image paths where the value may appear. */
  allowedIn: string[];
  /** Opens this path in a browser; requests under either value are answered with `stubJson`... */
  browserPath: string;
  stubJson: unknown;
  /** ...and the page must then show this text (so the request was made and its answer used). */
  expectText: string;
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    buildArg?: BuildArgClaim;
  }
}

/** Each build requested its own value of the arg, never the other, and carries it only where allowed. */
export function checkBuildArg(spec: BuildArgClaim, facts: BuildArgFacts): Verdict {
  const problems: string[] = [];
  for (const image of facts.images) {
    const label = `${spec.arg}=${image.value}`;
    if (image.error !== undefined) {
      problems.push(`${label}: ${image.error.split('\n')[0]}`);
      continue;
    }
    if (image.browserError !== undefined) problems.push(`${label}: the page failed: ${image.browserError}`);
    if (image.requestedOwn.length === 0) problems.push(`${label}: the page never requested ${image.value}`);
    if (image.requestedOther.length) problems.push(`${label}: the page requested the other build's ${image.requestedOther[0]}`);
    const leaks = image.found.filter((f) => !f.allowed);
    for (const leak of leaks.slice(0, 5))
      problems.push(`${label}: ${leak.value} found in ${leak.where}${leak.layer !== undefined ? ` (layer ${leak.layer})` : ''}`);
    if (!image.found.some((f) => f.allowed && f.value === image.value))
      problems.push(`${label}: the value is not in the built assets (${spec.allowedIn.join(', ')})`);
  }
  const found = facts.images
    .map(
      (i) =>
        `${i.value}: requested ${i.requestedOwn.length}x, in ${
          i.found
            .filter((f) => f.value === i.value)
            .map((f) => f.where)
            .join(', ') || 'no file'
        }`,
    )
    .join('; ');
  return verdict(
    problems.length === 0 && facts.images.length === spec.values.length,
    `each build's page requests its own ${spec.arg} (never the other), and the value is in ${spec.allowedIn.join(', ')} only: no other layer, no image config`,
    problems.length ? problems.join('; ') : found,
    found,
  );
}

export const buildArg: ClaimModule = {
  kind: 'claim',
  id: 'build-arg',
  fixtures: ['build-arg-leaks'],
  claims: (entry, { claim }) => {
    const spec = entry.buildArg;
    if (!spec) return [];
    return [
      claim(
        'build-arg',
        `built with two ${spec.arg} values, each bundle calls its own, and the value is in the built assets only`,
        () => measureBuildArg(entry),
        (f) => checkBuildArg(spec, f),
      ),
    ];
  },
};
