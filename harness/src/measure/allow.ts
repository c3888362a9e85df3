// What an entry's allow-list is checked against, measured: the files of the production stage's
// base image (read from that image, not typed), and the production closure of its lockfile.
import type { AppEntry } from '../catalogue/types.ts';
import { readDockerfile } from '../dockerfile/stages.ts';
import type { AllowFacts } from '../contract/app-facts.ts';
import { inspectImage } from '../inspect/image.ts';
import { productionClosure, type ProdClosure } from '../inspect/pnpm-closure.ts';
import { fromRepo } from '../paths.ts';
import { labBuildArgs } from './version-args.ts';

/**
 * The image the production stage is built FROM, through any stages it builds on. FROM lines that
 * name a stage through an ARG (`FROM variant-${X}`) resolve as a build would: the entry's build
 * args over the ARG defaults.
 */
export function productionBase(entry: AppEntry): string {
  const { stages } = readDockerfile(fromRepo(entry.dockerfiles.multi), { buildArgs: { ...labBuildArgs(), ...entry.buildArgs } });
  let stage = stages.find((s) => s.name === entry.productionTarget.toLowerCase());
  if (!stage) throw new Error(`${entry.dockerfiles.multi} has no stage ${entry.productionTarget}`);
  while (stage.base.kind === 'stage') stage = stages[stage.base.stage]!;
  return stage.base.kind === 'scratch' ? 'scratch' : stage.base.ref;
}

const nameOf = (storeDir: string, closure: ProdClosure) => closure.packages.find((p) => p.storeDir === storeDir)?.name ?? storeDir;

export async function measureAllowFacts(entry: AppEntry): Promise<AllowFacts | undefined> {
  const spec = entry.allow;
  if (!spec) return undefined;
  const base = productionBase(entry);
  const baseFiles = base === 'scratch' ? [] : (await inspectImage(base)).files.map((f) => f.path);
  const facts: AllowFacts = { base, baseFiles };
  if (spec.nodeModules) {
    const lockfile = fromRepo(`${entry.context}/${spec.nodeModules.lockfile}`);
    const closure = await productionClosure(lockfile);
    // The full install beside it: what a copy of an unpruned node_modules would ship (the tutorial's Example 6).
    const prod = new Set(closure.packages.map((p) => p.storeDir));
    // Counted as installed on the images' platform (linux, glibc, this machine's cpu): other platforms' optional builds are skipped.
    const full = await productionClosure(lockfile, { devDependencies: true, platform: { os: 'linux', cpu: process.arch, libc: 'glibc' } });
    const directDev = new Set(full.direct.filter((name) => !closure.direct.includes(name)));
    facts.nodeModules = {
      dir: spec.nodeModules.dir,
      names: [...new Set(closure.packages.map((p) => p.name))].sort(),
      storeDirs: closure.packages.map((p) => p.storeDir),
      // The app's own dev dependencies first (what a reader knows), then what they pull in.
      devOnly: [...new Set(full.packages.filter((p) => !prod.has(p.storeDir)).map((p) => p.storeDir))].sort(
        (a, b) => Number(!directDev.has(nameOf(a, full))) - Number(!directDev.has(nameOf(b, full))),
      ),
    };
  }
  return facts;
}
