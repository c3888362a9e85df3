// Builds an app with a known secret value the right way (a BuildKit secret, through buildx) and
// the wrong way (a build arg), then searches the images for the value: history, config and
// every layer's files, streamed from `docker save`. The value is random per run, so no earlier
// build's cache can hold it and nothing in the repository can match it by chance.
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppEntry } from '../catalogue/types.ts';
import type { BuildArgLeakFacts, BuildSecretFacts } from '../contract/app-facts.ts';
import { buildImage } from '../engine/build.ts';
import { readDockerfile, secretMounts } from '../dockerfile/stages.ts';
import { ownedLabels } from '../engine/ownership.ts';
import { describeHit, findInImage, maskedExcerpt } from '../inspect/search.ts';
import { fromRepo } from '../paths.ts';
import { labBuildArgs } from './version-args.ts';
import { temporaryTag } from './images.ts';
import { filledTempFolder } from '../temp-folder.ts';

let value: string | undefined;

/** The known value of this run: the same for the secret and the build-arg build. */
export function knownSecretValue(): string {
  value ??= `lab-secret-${randomBytes(16).toString('hex')}`;
  return value;
}

/** The value in a file of its own (mode 0600), removed on dispose: what `--secret src=` reads. */
async function secretFile(contents: string): Promise<AsyncDisposable & { path: string }> {
  const dir = await filledTempFolder('secret', (d) => writeFile(path.join(d, 'value'), contents, { mode: 0o600 }));
  return { path: path.join(dir, 'value'), [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}

export async function measureBuildSecret(entry: AppEntry): Promise<BuildSecretFacts> {
  const spec = entry.buildSecret;
  const facts: BuildSecretFacts = { images: [], logHits: [], mountingSteps: [] };
  if (!spec) return { ...facts, error: 'the entry has no buildSecret' };
  const secret = knownSecretValue();
  await using file = await secretFile(secret);
  const dockerfile = fromRepo(entry.dockerfiles.multi);
  const stages = [...new Set(secretMounts(readDockerfile(dockerfile), spec.id).flatMap((m) => (m.stage ? [m.stage] : [])))];
  // The production image first, with the stages that mount the secret made to run again (the
  // secret is not part of the cache key: a cached step never saw it); then those stages' own
  // images, which are where a careless step would leave it (.npmrc, a log file).
  const targets = [entry.productionTarget, ...stages.filter((s) => s !== entry.productionTarget.toLowerCase())];
  try {
    for (const [index, target] of targets.entries()) {
      const tag = temporaryTag(entry, `secret-${target}`);
      const result = await buildImage({
        context: fromRepo(entry.context),
        dockerfile,
        tag,
        target,
        buildArgs: { ...labBuildArgs(), ...entry.buildArgs, ...spec.buildArgs },
        labels: ownedLabels(),
        secrets: [{ id: spec.id, src: file.path }],
        ...(entry.hostFiles ? { extraFiles: entry.hostFiles } : {}),
        ...(index === 0 ? { noCacheFilter: stages } : {}),
      });
      if (index === 0) {
        const mounting = result.steps.filter((s) => s.name.includes('type=secret') && s.name.includes(`id=${spec.id}`));
        facts.mountingSteps = mounting.map((step) => ({
          name: step.name,
          ran: !step.cached,
          saidUsed: result.logs.some((log) => log.step === step.name && log.lines.some((line) => line.includes(spec.usedNotice))),
        }));
      }
      for (const log of result.logs) {
        for (const line of log.lines.filter((l) => l.includes(secret))) facts.logHits.push(`${log.step}: ${maskedExcerpt(line, secret)}`);
      }
      facts.images.push({ target, hits: (await findInImage(tag, secret)).map(describeHit) });
    }
  } catch (error) {
    facts.error = (error as Error).message;
  }
  return facts;
}

export async function measureBuildArgLeak(entry: AppEntry): Promise<BuildArgLeakFacts> {
  const spec = entry.buildSecret;
  if (!spec) return { hits: [], error: 'the entry has no buildSecret' };
  const secret = knownSecretValue();
  try {
    const tag = temporaryTag(entry, 'build-arg-token');
    await buildImage({
      context: fromRepo(entry.context),
      dockerfile: fromRepo(spec.asBuildArg.dockerfile),
      tag,
      buildArgs: { ...spec.buildArgs, [spec.asBuildArg.arg]: secret },
      labels: ownedLabels(),
      ...(entry.hostFiles ? { extraFiles: entry.hostFiles } : {}),
    });
    return { hits: (await findInImage(tag, secret)).map(describeHit) };
  } catch (error) {
    return { hits: [], error: (error as Error).message };
  }
}
