// What an entry's allow-list is checked against, measured: the files of the production stage's
// base image (read from that image, not typed), and the production closure of its lockfile.
import type { AppEntry } from '../catalogue/types.ts';
import { readStages } from '../catalogue/stages.ts';
import type { AllowFacts } from '../contract/facts.ts';
import { inspectImage } from '../inspect/image.ts';
import { productionClosure } from '../inspect/pnpm-closure.ts';
import { fromRepo } from '../paths.ts';

/** The image the production stage is built FROM, through any stages it builds on. */
export function productionBase(entry: AppEntry): string {
  const stages = readStages(fromRepo(entry.dockerfiles.multi));
  let stage = stages.find((s) => s.name === entry.productionTarget);
  for (let hops = 0; stage; hops++) {
    const from = stage.from ?? '';
    if (from.includes('$')) throw new Error(`${entry.dockerfiles.multi}: the ${stage.name ?? 'unnamed'} stage is FROM ${from}; the allow-list needs a literal base`);
    const earlier = stages.find((s) => s.name !== null && s.name === from && s.line < stage!.line);
    if (!earlier || hops > stages.length) return from;
    stage = earlier;
  }
  throw new Error(`${entry.dockerfiles.multi} has no stage ${entry.productionTarget}`);
}

export async function measureAllowFacts(entry: AppEntry): Promise<AllowFacts | undefined> {
  const spec = entry.allow;
  if (!spec) return undefined;
  const base = productionBase(entry);
  const baseFiles = base === 'scratch' ? [] : (await inspectImage(base)).files.map((f) => f.path);
  const facts: AllowFacts = { base, baseFiles };
  if (spec.nodeModules) {
    const closure = await productionClosure(fromRepo(`${entry.context}/${spec.nodeModules.lockfile}`));
    facts.nodeModules = {
      dir: spec.nodeModules.dir,
      names: [...new Set(closure.packages.map((p) => p.name))].sort(),
      storeDirs: closure.packages.map((p) => p.storeDir),
    };
  }
  return facts;
}
