// Everything the contract checks need about one app, measured in one go.
import type { AppEntry } from '../catalogue/types.ts';
import type { AppFacts } from '../contract/facts.ts';
import type { BuildProgress } from '../engine/build.ts';
import { labBuildArgs } from './build-args.ts';
import { buildAndInspect } from './images.ts';
import { measureHardenedRun, measureRun, measureToolRuns } from './runs.ts';
import { measureTls, measureTrust } from './trust.ts';

export async function measureApp(entry: AppEntry, onProgress?: (variant: string, event: BuildProgress) => void): Promise<AppFacts> {
  // One at a time: two builds at once on two cores only make both slow to measure.
  const single = await buildAndInspect(entry, 'single', onProgress && ((e) => onProgress('single', e)));
  const multi = await buildAndInspect(entry, 'multi', onProgress && ((e) => onProgress('multi', e)));
  const facts: AppFacts = { app: entry.name, buildArgs: labBuildArgs(), single, multi };
  if (entry.service) {
    facts.run = await measureRun(entry, multi.tag);
    facts.hardened = await measureHardenedRun(entry, multi.tag);
  }
  if (entry.runs?.length) facts.tools = await measureToolRuns(entry, multi.tag);
  facts.trust = await measureTrust(multi.facts);
  const tls = await measureTls(entry, multi.tag);
  if (tls) facts.tls = tls;
  return facts;
}
