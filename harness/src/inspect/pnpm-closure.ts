// The production dependency closure of a pnpm lockfile: what `pnpm install --prod` installs and
// `pnpm ls --prod` lists. Read and walked with pnpm's own libraries (the lockfile reader, its
// walker and its dependency-path rules), so aliases, peer suffixes and optional dependencies
// mean here what they mean to pnpm.
import path from 'node:path';
import * as dp from '@pnpm/deps.path';
import { readWantedLockfile } from '@pnpm/lockfile.fs';
import { lockfileWalker, type LockfileWalkerStep } from '@pnpm/lockfile.walker';

export interface ProdPackage {
  /** pnpm's dependency path, e.g. "express@5.3.0" or "a@1.0.0(b@2.0.0)". */
  depPath: string;
  name: string;
  version: string;
  /** Its folder under node_modules/.pnpm/. */
  storeDir: string;
  /** The platforms it installs on, where the lockfile restricts them (optional native builds). */
  platforms?: { os?: string[]; cpu?: string[]; libc?: string[] };
}

/** Whether a package installs on this platform: pnpm skips an optional one whose os, cpu or libc does not fit. */
export interface Platform {
  os: string;
  cpu: string;
  libc: string;
}

export function installsOn(pkg: Pick<ProdPackage, 'platforms'>, platform: Platform): boolean {
  const fits = (list: string[] | undefined, value: string) =>
    !list || list.includes(value) || (list.every((v) => v.startsWith('!')) && !list.includes(`!${value}`));
  return fits(pkg.platforms?.os, platform.os) && fits(pkg.platforms?.cpu, platform.cpu) && fits(pkg.platforms?.libc, platform.libc);
}

export interface ProdClosure {
  /** Direct production dependencies, by the name they are installed under. */
  direct: string[];
  packages: ProdPackage[];
}

/** pnpm's default `virtual-store-dir-max-length` on Linux: longer folder names are hashed. */
const virtualStoreDirMaxLength = 120;

/**
 * The production closure of the lockfile in `dir` (pnpm-lock.yaml), for its root project; with
 * `devDependencies`, the closure of a full install (what `pnpm install` or `npm ci` lays out).
 */
export async function productionClosure(
  lockfilePath: string,
  {
    devDependencies = false,
    platform,
  }: { devDependencies?: boolean; /** Leave out what pnpm skips on this platform, and all below it. */ platform?: Platform } = {},
): Promise<ProdClosure> {
  if (path.basename(lockfilePath) !== 'pnpm-lock.yaml') throw new Error(`${lockfilePath}: pnpm reads a lockfile named pnpm-lock.yaml`);
  const lockfile = await readWantedLockfile(path.dirname(lockfilePath), { ignoreIncompatible: false });
  if (!lockfile) throw new Error(`${lockfilePath}: no lockfile`);
  // The root project's id; the walker's type for it is pnpm's branded string.
  const walker = lockfileWalker(lockfile, ['.' as Parameters<typeof lockfileWalker>[1][number]], {
    include: { dependencies: true, devDependencies, optionalDependencies: true },
  });
  const packages: ProdPackage[] = [];
  const missing: string[] = [];
  const visit = (step: LockfileWalkerStep) => {
    missing.push(...step.missing);
    for (const dependency of step.dependencies) {
      const parsed = dp.parse(dependency.depPath);
      if (!parsed.name || !parsed.version) throw new Error(`${lockfilePath}: cannot read the package of ${dependency.depPath}`);
      const { os, cpu, libc } = dependency.pkgSnapshot as { os?: string[]; cpu?: string[]; libc?: string[] };
      if (platform && !installsOn({ platforms: { ...(os ? { os } : {}), ...(cpu ? { cpu } : {}), ...(libc ? { libc } : {}) } }, platform)) continue;
      packages.push({
        depPath: dependency.depPath,
        name: parsed.name,
        version: parsed.version,
        storeDir: dp.depPathToFilename(dependency.depPath, virtualStoreDirMaxLength),
        ...(os || cpu || libc ? { platforms: { ...(os ? { os } : {}), ...(cpu ? { cpu } : {}), ...(libc ? { libc } : {}) } } : {}),
      });
      visit(dependency.next());
    }
  };
  visit(walker.step);
  if (missing.length) throw new Error(`${lockfilePath} names packages it does not describe: ${missing.join(', ')}`);
  return { direct: walker.directDeps.map((d) => d.alias), packages: packages.sort((a, b) => a.depPath.localeCompare(b.depPath)) };
}
