// Loads the catalogue and refuses, at load, an entry that names something that isn't there:
// a missing context, Dockerfile, host file or edited file, or a target that is not a stage.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRepo } from '../paths.ts';
import { readDockerfile, secretMounts, stageNames } from '../dockerfile/stages.ts';
import { budgetProblems } from './budgets.ts';
import type { AppEntry } from './types.ts';

export { budgetProblems, budgetsOf } from './budgets.ts';

export class CatalogueError extends Error {
  constructor(problems: string[]) {
    super(`the catalogue has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogueError';
  }
}

/** Every problem with one entry, as sentences naming the entry and the missing thing. */
export function problemsOf(entry: AppEntry, root: (relative: string) => string = fromRepo): string[] {
  const problems: string[] = [];
  const say = (text: string) => problems.push(`${entry.name}: ${text}`);
  const context = root(entry.context);
  if (!existsSync(context)) say(`context ${entry.context} does not exist`);
  const inContext = (relative: string) => path.join(context, relative);

  for (const [kind, file] of Object.entries(entry.dockerfiles)) {
    if (!existsSync(root(file))) say(`dockerfiles.${kind} ${file} does not exist`);
  }
  for (const [destination, source] of Object.entries(entry.hostFiles ?? {})) {
    if (!existsSync(source)) say(`hostFiles ${destination} comes from ${source}, which does not exist on this machine`);
  }
  if (!entry.service && !entry.runs?.length) say('has neither a service nor runs: nothing to check it with');
  if (entry.service && !entry.limits.healthyWithinMs) say('has a service but no limits.healthyWithinMs');
  if (!entry.service && !entry.idleCommand) say('has no service and no idleCommand: nothing would run to show its uid');
  problems.push(...budgetProblems(entry, null).map((p) => `${entry.name}: ${p}`));

  const multi = root(entry.dockerfiles.multi);
  if (existsSync(multi)) {
    const analysis = readDockerfile(multi);
    const stages = analysis.stages;
    const names = stageNames(analysis);
    const targets: [string, string | undefined][] = [
      ['productionTarget', entry.productionTarget],
      ['development.target', entry.development?.target],
      ['test.target', entry.test?.target],
      ...(entry.bench?.concurrentStages ?? []).map((stage): [string, string] => ['bench.concurrentStages', stage]),
    ];
    for (const [field, target] of targets) {
      if (target !== undefined && !names.includes(target)) {
        say(`${field} '${target}' is not a stage of ${entry.dockerfiles.multi} (stages: ${names.join(', ') || 'none named'})`);
      }
    }
    const last = stages.at(-1);
    if (last && last.name !== entry.productionTarget) {
      say(
        `productionTarget '${entry.productionTarget}' must be the last stage of ${entry.dockerfiles.multi}, so a plain build makes it (last: ${last.name ?? 'unnamed'})`,
      );
    }
  }

  const dev = entry.development;
  if (dev) {
    for (const mount of dev.mounts) {
      if (!existsSync(inContext(mount.source))) say(`development mount source ${mount.source} does not exist in ${entry.context}`);
    }
    const file = inContext(dev.edit.file);
    if (!existsSync(file)) say(`development.edit.file ${dev.edit.file} does not exist in ${entry.context}`);
    else if (!readFileSync(file, 'utf8').includes(dev.edit.search)) say(`development.edit.search '${dev.edit.search}' is not in ${dev.edit.file}`);
  }
  if (entry.buildArg) {
    if (!entry.service) say(`buildArg ${entry.buildArg.arg} needs a service to open in a browser`);
    if (entry.buildArg.values[0] === entry.buildArg.values[1]) say(`buildArg ${entry.buildArg.arg} needs two different values`);
  }
  if (entry.compose && !existsSync(inContext(entry.compose.file))) say(`compose.file ${entry.compose.file} does not exist in ${entry.context}`);
  if (entry.cache && !existsSync(inContext(entry.cache.edit.file))) say(`cache.edit.file ${entry.cache.edit.file} does not exist in ${entry.context}`);
  if (entry.tutorialHealthcheck && !entry.service) say('tutorialHealthcheck needs a service: the image must run and be probed');
  const poor = entry.poorCacheOrder;
  if (poor) {
    if (!entry.cache) say('poorCacheOrder needs a cache claim: its edit is the one applied');
    if (!existsSync(root(poor.dockerfile))) say(`poorCacheOrder.dockerfile ${poor.dockerfile} does not exist`);
  }
  const secret = entry.buildSecret;
  if (secret) {
    if (!existsSync(root(secret.asBuildArg.dockerfile))) say(`buildSecret.asBuildArg.dockerfile ${secret.asBuildArg.dockerfile} does not exist`);
    if (existsSync(multi)) {
      const mounts = secretMounts(readDockerfile(multi), secret.id);
      if (mounts.length === 0) say(`buildSecret.id '${secret.id}': no RUN of ${entry.dockerfiles.multi} mounts it (--mount=type=secret,id=${secret.id})`);
      for (const mount of mounts.filter((m) => m.stage === null))
        say(
          `buildSecret: the RUN on line ${mount.line} of ${entry.dockerfiles.multi} mounts '${secret.id}' in an unnamed stage, which cannot be built as a target to search`,
        );
    }
  }
  if (entry.tips?.length) {
    // A tip is tried in a base the app's Dockerfiles name, so it is present (forged or pulled) before the trial.
    const bases = new Set(
      Object.values(entry.dockerfiles)
        .filter((f) => existsSync(root(f)))
        .flatMap((f) => readDockerfile(root(f)).stages.flatMap((s) => (s.base.kind === 'image' ? [s.base.ref] : []))),
    );
    for (const tip of entry.tips)
      if (!bases.has(tip.image))
        say(`tips: "${tip.tip}" is tried in ${tip.image}, which no Dockerfile of the entry builds FROM (bases: ${[...bases].join(', ') || 'none'})`);
  }
  const lockfile = entry.allow?.nodeModules?.lockfile;
  if (lockfile && !existsSync(inContext(lockfile))) say(`allow.nodeModules.lockfile ${lockfile} does not exist in ${entry.context}`);
  return problems;
}

/** Validates the entries; throws CatalogueError naming every problem. */
export function validateCatalogue(entries: AppEntry[], root?: (relative: string) => string): AppEntry[] {
  const problems = entries.flatMap((entry) => problemsOf(entry, root));
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.name)) problems.push(`${entry.name}: the name is used twice`);
    seen.add(entry.name);
  }
  if (problems.length) throw new CatalogueError(problems);
  return entries;
}
