// build-arg-leak: the finding beside build-secret: the same token passed as a build arg shows in
// the image's history, which is why the secret exists (measureBuildArgLeak, measure/secrets.ts).
import type { AppEntry } from '../catalogue/types.ts';
import type { BuildArgLeakFacts } from '../contract/app-facts.ts';
import { measureBuildArgLeak } from '../measure/secrets.ts';
import type { Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';

export function checkBuildArgLeak(entry: AppEntry, facts: BuildArgLeakFacts): Verdict {
  const spec = entry.buildSecret!;
  const inHistory = facts.hits.filter((hit) => hit.startsWith('image config history'));
  const ok = !facts.error && inHistory.length > 0;
  return {
    ok,
    expected: `a token passed as build arg ${spec.asBuildArg.arg} (${spec.asBuildArg.dockerfile}) shows in the image's history, for anyone who pulls it`,
    found: facts.error
      ? `could not be measured: ${facts.error.split('\n')[0]}`
      : facts.hits.length
        ? `it shows: ${facts.hits.join('; ')}`
        : 'it shows nowhere (has BuildKit stopped recording build args in the history?)',
    ...(ok ? {} : { blame: facts.error ?? `searched the history, config and every layer's files of the image built from ${spec.asBuildArg.dockerfile}` }),
  };
}

export const buildArgLeak: ClaimModule = {
  kind: 'claim',
  id: 'build-arg-leak',
  fixtures: ['token-arg-unrecorded'],
  claims: (entry, { claim }) =>
    entry.buildSecret
      ? [
          claim(
            'build-arg-leak',
            `finding: the same token as a build arg (ARG ${entry.buildSecret.asBuildArg.arg}) shows in the image's history`,
            () => measureBuildArgLeak(entry),
            (f) => checkBuildArgLeak(entry, f),
          ),
        ]
      : [],
};
