// Everything the contract checks need about one app, measured in one go.
import type { AppEntry } from '../catalogue/types.ts';
import type { AppFacts, BuiltImage } from '../contract/app-facts.ts';
import type { BuildProgress } from '../engine/build.ts';
import { measureAllowFacts } from './allow.ts';
import { labBuildArgs } from './version-args.ts';
import { buildAndInspect } from './images.ts';
import { fileOwners } from '../inspect/file-owners.ts';
import { healthGoalStarts } from '../limits.ts';
import { measureHardenedRun, measureIdentity, measureRun, measureStarts, measureTips, measureToolRuns } from './runs.ts';
import { measureTls, measureTrust } from './image-trust.ts';

export interface MeasureOptions {
  onProgress?: (variant: string, event: BuildProgress) => void;
  /** Told what is measured next ("single-stage image", "running the production image", ...). */
  onPhase?: (phase: string) => void;
  /** Told each image as soon as it is built, so a later failure can still say what was built. */
  onBuilt?: (variant: 'single' | 'multi', image: BuiltImage) => void;
  /** Tag and label the images as this run's, so runs at once keep apart and each removes its own at its end (fixtures, not the report's images). */
  temporary?: boolean;
}

export async function measureApp(entry: AppEntry, options: MeasureOptions = {}): Promise<AppFacts> {
  const { onProgress, onPhase, onBuilt, temporary = false } = options;
  // One at a time: two builds at once on two cores only make both slow to measure.
  onPhase?.('single-stage image');
  const single = await buildAndInspect(entry, 'single', { temporary, ...(onProgress ? { onProgress: (e) => onProgress('single', e) } : {}) });
  onBuilt?.('single', single);
  onPhase?.('multi-stage image');
  const multi = await buildAndInspect(entry, 'multi', { temporary, ...(onProgress ? { onProgress: (e) => onProgress('multi', e) } : {}) });
  onBuilt?.('multi', multi);
  const facts = await measureBuiltImage(entry, { app: entry.name, buildArgs: labBuildArgs(), single, multi }, onPhase);
  if (entry.tips?.length) {
    onPhase?.("the tutorial's tips");
    facts.tips = await measureTips(entry);
  }
  return facts;
}

/**
 * Everything past the builds, on the production image (`facts.multi`): its runs, tools,
 * allow-list, trust and TLS. Shared with the check of a fork (harness/src/fork/verify.ts), so
 * a fork's image is held to the same contract as the lab's.
 */
export async function measureBuiltImage(entry: AppEntry, facts: AppFacts, onPhase?: (phase: string) => void): Promise<AppFacts> {
  const { multi } = facts;
  onPhase?.('running the production image');
  if (entry.service) {
    facts.run = await measureRun(entry, multi.tag);
    facts.hardened = await measureHardenedRun(entry, multi.tag);
    // The goal is held to a median of fresh starts, not to the one start above.
    if (entry.limits.healthyWithinMs?.goal !== undefined) facts.starts = await measureStarts(entry, multi.tag, healthGoalStarts);
  } else {
    facts.run = await measureIdentity(entry, multi.tag);
  }
  if (entry.runs?.length) facts.tools = await measureToolRuns(entry, multi.tag);
  onPhase?.('allow-list, trust stores and TLS');
  const allow = await measureAllowFacts(entry);
  if (allow) facts.allow = allow;
  facts.trust = await measureTrust(multi.facts);
  const workdir = multi.facts.config.workingDir;
  if (workdir && workdir !== '/') facts.owners = fileOwners(multi.facts.files, workdir);
  const tls = await measureTls(entry, multi.tag);
  if (tls) facts.tls = tls;
  return facts;
}
