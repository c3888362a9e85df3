// The build-secret claim and the build-arg finding beside it, decided on measured facts: a
// secret must show in no image the build made and in no build output, and must have been used
// (a build that never read it proves nothing); a token passed as a build arg is expected to show
// in the image's history, which is why the secret exists.
import type { AppEntry } from '../catalogue/types.ts';
import type { BuildArgLeakFacts, BuildSecretFacts } from './facts.ts';
import type { Verdict } from '../verdict.ts';

export function checkBuildSecret(entry: AppEntry, facts: BuildSecretFacts): Verdict {
  const spec = entry.buildSecret!;
  const leaks = [...facts.images.flatMap((image) => image.hits.map((hit) => `${image.target}: ${hit}`)), ...facts.logHits.map((line) => `build output: ${line}`)];
  const unused = facts.mountingSteps.filter((s) => !s.ran || !s.saidUsed).map((s) => `${s.name}: ${s.ran ? `did not print "${spec.usedNotice}"` : 'came from cache, so it never saw the secret'}`);
  if (facts.mountingSteps.length === 0) unused.push(`no build step mounts ${spec.id}`);
  const ok = !facts.error && facts.images.length > 0 && unused.length === 0 && leaks.length === 0;
  let found: string;
  if (facts.error) found = `could not be measured: ${facts.error.split('\n')[0]}`;
  else if (leaks.length) found = `the value shows in ${leaks.length} place(s): ${leaks.slice(0, 3).join('; ')}`;
  else if (unused.length) found = `the secret was not used: ${unused.join('; ')}`;
  else found = `read by ${facts.mountingSteps.length} step(s); found nowhere in ${facts.images.map((i) => i.target).join(', ')} (history, config, every layer's files) or the build output`;
  return {
    ok,
    expected: `the ${spec.id} secret read by every step that mounts it, and its value in no image built with it (history, config, files of every layer) and no build output`,
    found,
    ...(ok ? {} : { blame: facts.error ?? (leaks.length ? leaks.join('\n') : unused.join('\n')) }),
  };
}

export function checkBuildArgLeak(entry: AppEntry, facts: BuildArgLeakFacts): Verdict {
  const spec = entry.buildSecret!;
  const inHistory = facts.hits.filter((hit) => hit.startsWith('image config history'));
  const ok = !facts.error && inHistory.length > 0;
  return {
    ok,
    expected: `a token passed as build arg ${spec.asBuildArg.arg} (${spec.asBuildArg.dockerfile}) shows in the image's history, for anyone who pulls it`,
    found: facts.error ? `could not be measured: ${facts.error.split('\n')[0]}` : facts.hits.length ? `it shows: ${facts.hits.join('; ')}` : 'it shows nowhere (has BuildKit stopped recording build args in the history?)',
    ...(ok ? {} : { blame: facts.error ?? `searched the history, config and every layer's files of the image built from ${spec.asBuildArg.dockerfile}` }),
  };
}
