// What an entry's allow-list is checked against, measured: the files of the production stage's
// base image (read from that image, not typed), and the production closure of its lockfile.
import { readFileSync } from 'node:fs';
import type { AppEntry } from '../catalogue/types.ts';
import type { AllowFacts } from '../contract/facts.ts';
import { analyzeDockerfile } from '../forge/discover.ts';
import { inspectImage } from '../inspect/image.ts';
import { productionClosure } from '../inspect/pnpm-closure.ts';
import { fromRepo } from '../paths.ts';

/**
 * The image the production stage is built FROM, through any stages it builds on. FROM lines that
 * name a stage through an ARG (`FROM variant-${X}`) resolve as a build would: the entry's build
 * args over the ARG defaults.
 */
export function productionBase(entry: AppEntry): string {
  const file = fromRepo(entry.dockerfiles.multi);
  const { stages } = analyzeDockerfile(readFileSync(file, 'utf8'), entry.dockerfiles.multi, entry.buildArgs ? { buildArgs: entry.buildArgs } : {});
  let stage = stages.find((s) => s.name === entry.productionTarget.toLowerCase());
  for (let hops = 0; stage && hops <= stages.length; hops++) {
    const base = stage.base;
    if (base.kind === 'image') return base.ref;
    if (base.kind === 'scratch') return 'scratch';
    stage = stages[base.stage];
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
