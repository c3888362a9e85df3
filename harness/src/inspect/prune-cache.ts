// The inspection cache (.cache/inspect/<inspector>/) keeps the facts of every image inspected and
// the scan of every layer (by its blob's digest), and an inspector change empties it
// (cache-key.ts); nothing else did, so it grew with every image a run built and removed (a
// run's temporary images, every rebuild's). At the end of a run, what no image on the engine
// holds any more goes: an image's facts once the image is gone, a layer's scan once no image has
// the layer. On the classic store a saved layer's blob digest is its diff id, which `docker image
// inspect` lists; the containerd store saves its blobs compressed, under digests the engine's API
// does not list, so there nothing is pruned.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { docker } from '../engine/docker.ts';
import { imageStoreOf } from '../engine/engine-identity.ts';
import { inspectCacheFile, inspectLayersDir } from './cache-key.ts';

/** What the engine holds, by sha256 hex: its images' ids and their layers' diff ids. */
export interface Held {
  images: Set<string>;
  layers: Set<string>;
}

const hex = (digest: string) => digest.replace(/^sha256:/, '');

/** The images and layers on the engine, or undefined where its layers' blobs cannot be named (the containerd store). */
export async function heldByEngine(): Promise<Held | undefined> {
  if (imageStoreOf(await docker().info()) === 'containerd') return undefined;
  const held: Held = { images: new Set(), layers: new Set() };
  for (const summary of await docker().listImages({ all: true })) {
    const info = await docker()
      .getImage(summary.Id)
      .inspect()
      .catch(() => undefined);
    if (!info) continue; // removed meanwhile
    held.images.add(hex(info.Id));
    for (const layer of info.RootFS?.Layers ?? []) held.layers.add(hex(layer));
  }
  return held;
}

/** Removes this inspector's entries of images and layers `held` lacks; returns how many files and bytes. */
export async function pruneInspectCache(cacheDir: string, held: Held): Promise<{ files: number; bytes: number }> {
  const removed = { files: 0, bytes: 0 };
  const drop = async (file: string) => {
    const size = await stat(file).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) return;
    await rm(file, { force: true });
    removed.files++;
    removed.bytes += size;
  };
  const imagesDir = path.dirname(inspectCacheFile(cacheDir, 'x'));
  const layersDir = inspectLayersDir(cacheDir);
  // <image id>.json (its facts) and <image id>.size.json (its size alone), beside the layers' folder.
  for (const name of await readdir(imagesDir).catch(() => [] as string[])) {
    const id = /^([0-9a-f]{64})(?:\.size)?\.json$/.exec(name)?.[1];
    if (id && !held.images.has(id)) await drop(path.join(imagesDir, name));
  }
  for (const name of await readdir(layersDir).catch(() => [] as string[])) {
    const digest = /^([0-9a-f]{64})\.json$/.exec(name)?.[1];
    if (digest && !held.layers.has(digest)) await drop(path.join(layersDir, name));
  }
  return removed;
}
