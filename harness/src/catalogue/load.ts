// Loads the catalogue and refuses, at load, an entry that names something that isn't there:
// a missing context, Dockerfile, host file or edited file, or a target that is not a stage.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRepo } from '../paths.ts';
import { readDockerfile, stageNames } from '../dockerfile/stages.ts';
import type { AppEntry } from './types.ts';

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

  const multi = root(entry.dockerfiles.multi);
  if (existsSync(multi)) {
    const stages = readDockerfile(multi).stages;
    const names = stageNames({ file: multi, stages });
    const targets: [string, string | undefined][] = [
      ['productionTarget', entry.productionTarget],
      ['development.target', entry.development?.target],
      ['test.target', entry.test?.target],
    ];
    for (const [field, target] of targets) {
      if (target !== undefined && !names.includes(target)) {
        say(`${field} '${target}' is not a stage of ${entry.dockerfiles.multi} (stages: ${names.join(', ') || 'none named'})`);
      }
    }
    const last = stages.at(-1);
    if (last && last.name !== entry.productionTarget) {
      say(`productionTarget '${entry.productionTarget}' must be the last stage of ${entry.dockerfiles.multi}, so a plain build makes it (last: ${last.name ?? 'unnamed'})`);
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
  if (entry.compose && !existsSync(inContext(entry.compose.file))) say(`compose.file ${entry.compose.file} does not exist in ${entry.context}`);
  if (entry.cache && !existsSync(inContext(entry.cache.edit.file))) say(`cache.edit.file ${entry.cache.edit.file} does not exist in ${entry.context}`);
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
