// The final filesystem of an image, from its layers in order, with OCI whiteouts applied:
// `.wh.<name>` deletes <name> (and below it) from lower layers, `.wh..wh..opq` empties a folder.
// Each file remembers the layer that last wrote it, so a finding can name the layer to blame.

export interface LayerEntry {
  /** Absolute path, e.g. "/usr/bin/node". */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
  size: number;
  mode: number;
  linkname?: string;
  /** Owner, as the layer's tar records it (where it was read). */
  uid?: number;
  gid?: number;
}

export interface FileRecord extends LayerEntry {
  /** Index of the layer (0 = bottom) that last wrote this path. */
  layer: number;
}

const whiteoutPrefix = '.wh.';
const opaqueMarker = '.wh..wh..opq';

/** Normalises a tar entry name ("./usr/bin/", "usr/bin") to an absolute path ("/usr/bin"). */
export function normaliseEntryName(name: string): string {
  const trimmed = name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  return `/${trimmed}`;
}

function removeTree(files: Map<string, FileRecord>, root: string, keepRoot: boolean): void {
  const prefix = root === '/' ? '/' : `${root}/`;
  for (const key of files.keys()) {
    if (key.startsWith(prefix) || (!keepRoot && key === root)) files.delete(key);
  }
}

/** Applies layers bottom to top and returns the files of the final filesystem. */
export function mergeLayers(layers: LayerEntry[][]): Map<string, FileRecord> {
  const files = new Map<string, FileRecord>();
  layers.forEach((entries, layer) => {
    // Whiteouts apply to lower layers only, so take them before this layer's own entries.
    for (const entry of entries) {
      const slash = entry.path.lastIndexOf('/');
      const dir = entry.path.slice(0, slash) || '/';
      const base = entry.path.slice(slash + 1);
      if (base === opaqueMarker) removeTree(files, dir, true);
      else if (base.startsWith(whiteoutPrefix)) removeTree(files, `${dir === '/' ? '' : dir}/${base.slice(whiteoutPrefix.length)}`, false);
    }
    for (const entry of entries) {
      const base = entry.path.slice(entry.path.lastIndexOf('/') + 1);
      if (base.startsWith(whiteoutPrefix)) continue;
      files.set(entry.path, { ...entry, layer });
    }
  });
  return files;
}
