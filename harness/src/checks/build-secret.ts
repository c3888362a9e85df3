// build-secret: a token given as a BuildKit secret is read by every step that mounts it, and its
// value is in no image the build made (history, config, every layer's files) and no build output
// (measureBuildSecret, measure/secrets.ts). build-arg-leak.ts shows the finding beside it.
import type { AppEntry } from '../catalogue/types.ts';
import type { BuildSecretFacts } from '../contract/app-facts.ts';
import { measureBuildSecret } from '../measure/secrets.ts';
import type { Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

/**
 * A token the build needs (a private package registry's), given as a BuildKit secret: the claim
 * builds with a known value and must find it in no image it made (history, config, every
 * layer's files) and in no build output; beside it, the finding that the same value passed as a
 * build arg shows in the image's history. Builds go through `docker buildx build` (the engine
 * API carries no BuildKit session, so no secret).
 */
export interface BuildSecretClaim {
  /** The id of `RUN --mount=type=secret,id=<id>` in multi.Dockerfile. */
  id: string;
  /** Build args for the builds with the value (e.g. where the Dockerfile sends the token). */
  buildArgs?: Record<string, string>;
  /** What a step that mounts the secret prints when it has one: shows it was read, not skipped. */
  usedNotice: string;
  /** The wrong way, for the finding: a Dockerfile (repository-relative) taking the token as build arg `arg`. */
  asBuildArg: { dockerfile: string; arg: string };
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    buildSecret?: BuildSecretClaim;
  }
}

export function checkBuildSecret(entry: AppEntry, facts: BuildSecretFacts): Verdict {
  const spec = entry.buildSecret!;
  const leaks = [
    ...facts.images.flatMap((image) => image.hits.map((hit) => `${image.target}: ${hit}`)),
    ...facts.logHits.map((line) => `build output: ${line}`),
  ];
  const unused = facts.mountingSteps
    .filter((s) => !s.ran || !s.saidUsed)
    .map((s) => `${s.name}: ${s.ran ? `did not print "${spec.usedNotice}"` : 'came from cache, so it never saw the secret'}`);
  if (facts.mountingSteps.length === 0) unused.push(`no build step mounts ${spec.id}`);
  const ok = !facts.error && facts.images.length > 0 && unused.length === 0 && leaks.length === 0;
  let found: string;
  if (facts.error) found = `could not be measured: ${facts.error.split('\n')[0]}`;
  else if (leaks.length) found = `the value shows in ${leaks.length} place(s): ${leaks.slice(0, 3).join('; ')}`;
  else if (unused.length) found = `the secret was not used: ${unused.join('; ')}`;
  else
    found = `read by ${facts.mountingSteps.length} step(s); found nowhere in ${facts.images.map((i) => i.target).join(', ')} (history, config, every layer's files) or the build output`;
  return {
    ok,
    expected: `the ${spec.id} secret read by every step that mounts it, and its value in no image built with it (history, config, files of every layer) and no build output`,
    found,
    ...(ok ? {} : { blame: facts.error ?? (leaks.length ? leaks.join('\n') : unused.join('\n')) }),
  };
}

export const buildSecret: ClaimModule = {
  kind: 'claim',
  id: 'build-secret',
  fixtures: ['secret-left-in-layer'],
  claims: (entry, { claim }) =>
    entry.buildSecret
      ? [
          claim(
            'build-secret',
            `a build secret (${entry.buildSecret.id}) is read, and is in no layer, config or history of the images, nor in the build output`,
            () => measureBuildSecret(entry),
            (f) => checkBuildSecret(entry, f),
          ),
        ]
      : [],
};
