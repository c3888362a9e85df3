// Everything the contract checks need about one app, measured in one go.
import type { AppEntry } from '../catalogue/types.ts';
import type { AppFacts } from '../contract/facts.ts';
import type { BuildProgress } from '../engine/build.ts';
import { measureAllowFacts } from './allow.ts';
import { labBuildArgs } from './build-args.ts';
import { buildAndInspect } from './images.ts';
import { measureHardenedRun, measureIdentity, measureRun, measureToolRuns } from './runs.ts';
import { measureTls, measureTrust } from './trust.ts';

export interface MeasureOptions {
  onProgress?: (variant: string, event: BuildProgress) => void;
  /** Label the images as this run's, so they are removed at its end (fixtures, not the report's images). */
  temporary?: boolean;
}

export async function measureApp(entry: AppEntry, options: MeasureOptions = {}): Promise<AppFacts> {
  const { onProgress, temporary = false } = options;
  // One at a time: two builds at once on two cores only make both slow to measure.
  const single = await buildAndInspect(entry, 'single', { temporary, ...(onProgress ? { onProgress: (e) => onProgress('single', e) } : {}) });
  const multi = await buildAndInspect(entry, 'multi', { temporary, ...(onProgress ? { onProgress: (e) => onProgress('multi', e) } : {}) });
  return measureBuiltImage(entry, { app: entry.name, buildArgs: labBuildArgs(), single, multi });
}

/**
 * Everything past the builds, on the production image (`facts.multi`): its runs, tools,
 * allow-list, trust and TLS. Shared with the check of a fork (harness/src/fork/verify.ts), so
 * a fork's image is held to the same contract as the lab's.
 */
export async function measureBuiltImage(entry: AppEntry, facts: AppFacts): Promise<AppFacts> {
  const { multi } = facts;
  if (entry.service) {
    facts.run = await measureRun(entry, multi.tag);
    facts.hardened = await measureHardenedRun(entry, multi.tag);
  } else {
    facts.run = await measureIdentity(entry, multi.tag);
  }
  if (entry.runs?.length) facts.tools = await measureToolRuns(entry, multi.tag);
  const allow = await measureAllowFacts(entry);
  if (allow) facts.allow = allow;
  facts.trust = await measureTrust(multi.facts);
  const tls = await measureTls(entry, multi.tag);
  if (tls) facts.tls = tls;
  return facts;
}
