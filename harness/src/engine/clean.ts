// `pnpm clean`: what the lab made on the engine, found and removed, and nothing else. The lab's
// are: what carries the run label (ownership.ts), the app images (lab/*), the forge's temporary
// tags (lab-forge-tmp/*), the BuildKit cache mounts the repository's Dockerfiles name, and, when
// asked, the forged bases (lab-forge/*, and the official names they stand in for, which carry
// the forge's labels). The engine's other build-cache records carry no owner: BuildKit has no
// labels for them, and their descriptions ("local source for context", "[stage n/m] COPY ...")
// name no Dockerfile, tag or project (test/contract/clean.test.ts shows it), so they are left
// to the user, with a line that says how much they hold.
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { BadInputError } from '../bad-input.ts';
import { cacheMountIds, readDockerfile } from '../dockerfile/stages.ts';
import { DockerfileError } from '../dockerfile/errors.ts';
import { LABELS } from './forge-labels.ts';
import { repoRoot } from '../paths.ts';
import { emptyCacheMounts } from './cache-mounts.ts';
import { docker } from './docker.ts';
import { ownerLabel, runId, runIsAlive } from './ownership.ts';

export interface CleanResult {
  containers: string[];
  networks: string[];
  /** Tags untagged and, for untagged images, short ids. */
  images: string[];
  cacheMounts: string[];
  /** The lab's images a container not of the lab still uses: left. */
  keptInUse: string[];
  /** Bytes the engine's layers and build cache hold less than before. */
  freed: number;
  /** Build cache no one owns (left in place). */
  unownedBuildCache: number;
}

const appImage = /^lab(-forge-tmp)?\//;
const forgedImage = /^lab-forge\//;
/** The source label of the lab's app images (their Dockerfiles' SOURCE default; a fork names its own). */
const sourceLabel = 'org.opencontainers.image.source';
const labSource = 'https://github.com/multi-stage-lab/multi-stage-lab/';

/** The runs (other than this one) whose objects are on the engine and whose process still lives. */
export async function liveRuns(): Promise<string[]> {
  const filters = JSON.stringify({ label: [ownerLabel] });
  const [containers, networks, images] = await Promise.all([
    docker().listContainers({ all: true, filters }),
    docker().listNetworks({ filters }),
    docker().listImages({ filters }),
  ]);
  const owners = new Set([...containers, ...networks, ...images].map((o) => (o.Labels ?? {})[ownerLabel]).filter((id): id is string => id !== undefined));
  owners.delete(runId());
  return [...owners].filter(runIsAlive);
}

/** "host.pid.random" -> "pid N on host". */
function describeRun(id: string): string {
  const parts = id.split('.');
  return `pid ${parts.at(-2)} on ${parts.slice(0, -2).join('.')}`;
}

/**
 * A Dockerfile's cache-mount ids. A template whose FROM needs a build arg (the trust probes) is
 * read with a stand-in value for each ARG: the image it names does not matter here, its mounts do.
 */
function mountIdsOf(file: string): string[] {
  try {
    return cacheMountIds(readDockerfile(file));
  } catch (error) {
    if (!(error instanceof DockerfileError)) throw error;
    const args = [...readFileSync(file, 'utf8').matchAll(/^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)/gim)].map((m) => m[1]!);
    return cacheMountIds(readDockerfile(file, { buildArgs: Object.fromEntries(args.map((name) => [name, 'stand-in'])) }));
  }
}

/** Every cache-mount id the repository's Dockerfiles name (apps, dockerfiles/, test fixtures). */
export async function repositoryMountIds(root = repoRoot): Promise<string[]> {
  const ids = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'reports') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/(^|\.)Dockerfile$/.test(entry.name)) for (const id of mountIdsOf(full)) ids.add(id);
    }
  };
  await walk(root);
  return [...ids].sort();
}

interface DiskUsage {
  LayersSize?: number;
  BuildCache?: { Size?: number; Type?: string; Shared?: boolean }[] | null;
}

/** The engine's layers and build cache, in bytes, as `docker system df` counts them. */
async function diskUsage(): Promise<{ total: number; buildCache: number }> {
  const usage = (await docker().df()) as DiskUsage;
  const buildCache = (usage.BuildCache ?? []).reduce((sum, r) => sum + (r.Size ?? 0), 0);
  return { total: (usage.LayersSize ?? 0) + buildCache, buildCache };
}

const ignoreMissing = (error: { statusCode?: number }) => {
  if (error.statusCode !== 404) throw error;
};
/** An image a container that is not the lab's still uses (409) stays: the container is the user's. */
const keptInUse = (kept: string[], name: string) => (error: { statusCode?: number }) => {
  if (error.statusCode === 409) return void kept.push(name);
  ignoreMissing(error);
};

/** Removes the lab's objects; refuses (BadInputError) while another lab run is alive. */
export async function cleanLab(options: { bases: boolean; mountIds?: string[] }): Promise<CleanResult> {
  const alive = await liveRuns();
  if (alive.length) throw new BadInputError(`another lab run is going (${alive.map(describeRun).join(', ')}): run 'pnpm clean' once it has ended`);
  const before = await diskUsage();
  const filters = JSON.stringify({ label: [ownerLabel] });

  const containers = await docker().listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => docker().getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreMissing)));
  const networks = await docker().listNetworks({ filters });
  await Promise.all(networks.map((n) => docker().getNetwork(n.Id).remove().catch(ignoreMissing)));

  const removedImages: string[] = [];
  const kept: string[] = [];
  for (const image of await docker().listImages({ all: true })) {
    const labels = image.Labels ?? {};
    const tags = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    if (labels[ownerLabel] !== undefined) {
      // A run's own image: every tag goes, and the image with them.
      await docker().getImage(image.Id).remove({ force: true }).catch(ignoreMissing);
      removedImages.push(...(tags.length ? tags : [image.Id.replace(/^sha256:/, '').slice(0, 12)]));
      continue;
    }
    // An app image a later build of its tag left untagged: known by the lab's source label.
    if (tags.length === 0) {
      if (!labels[sourceLabel]?.startsWith(labSource)) continue;
      const name = image.Id.replace(/^sha256:/, '').slice(0, 12);
      const before = kept.length;
      await docker().getImage(image.Id).remove().catch(keptInUse(kept, name));
      if (kept.length === before) removedImages.push(name);
      continue;
    }
    // Otherwise only the lab's tags: an image the user also tagged keeps the user's name. The
    // forge's labels pass to every image built on a forged base, so a base is known by being
    // tagged as one of the names its label lists, not by the label alone.
    const standsInFor = new Set((labels[LABELS.tags] ?? '').split(',').filter(Boolean));
    const labTags = tags.filter((t) => appImage.test(t) || (options.bases && (forgedImage.test(t) || standsInFor.has(t))));
    for (const tag of labTags) {
      const before = kept.length;
      await docker().getImage(tag).remove().catch(keptInUse(kept, tag));
      if (kept.length === before) removedImages.push(tag);
    }
  }

  const mounts = await emptyCacheMounts(options.mountIds ?? (await repositoryMountIds()));
  const after = await diskUsage();
  return {
    containers: containers.map((c) => (c.Names?.[0] ?? c.Id).replace(/^\//, '')),
    networks: networks.map((n) => n.Name),
    images: removedImages,
    keptInUse: kept,
    cacheMounts: [...new Set(mounts.map((m) => m.mountId))].sort(),
    freed: Math.max(0, before.total - after.total),
    unownedBuildCache: after.buildCache,
  };
}
