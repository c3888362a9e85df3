// Which base images the repository needs: every Dockerfile under dockerfiles/ (the recipes'
// own excepted), read with the harness's Dockerfile parser, and the external images each names
// (its `# syntax=` frontend included).
// Images the harness builds itself (lab/<app>) are not bases.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeDockerfile, type AnalyzeOptions } from '../dockerfile/stages.ts';
import { parseRef } from '../dockerfile/refs.ts';
import { basesDir, dockerfilesDir } from '../paths.ts';

export interface BaseRef {
  /** Normalised reference (`node:24-trixie-slim`, `gcr.io/distroless/static-debian13:nonroot`). */
  ref: string;
  /** The Dockerfile, as given. */
  file: string;
  /** 1-based line of the instruction that names it. */
  line: number;
}

/** Every external image the Dockerfiles name, with the line that names it (repeats kept). */
export async function discoverBaseRefs(dockerfilePaths: string[], options: AnalyzeOptions = {}): Promise<BaseRef[]> {
  const found: BaseRef[] = [];
  for (const file of dockerfilePaths) {
    const analysis = analyzeDockerfile(await readFile(file, 'utf8'), file, options);
    if (analysis.frontend) found.push({ ...analysis.frontend, file });
    for (const stage of analysis.stages) {
      for (const source of [stage.base, ...stage.sources]) {
        if (source.kind === 'image') found.push({ ref: source.ref, file, line: source.line });
      }
    }
  }
  return found;
}

/** Every Dockerfile under dockerfiles/, the recipes' own excepted. */
export async function listDockerfiles(root = dockerfilesDir, skip = basesDir): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== skip) await walk(path);
      } else if (/(^|\.)Dockerfile$|^Dockerfile\./i.test(entry.name)) out.push(path);
    }
  };
  await walk(root);
  return out.sort();
}

/** The namespace of the images the harness builds from the catalogue. */
export const PROJECT_NAMESPACE = 'lab/';

export function isProjectImage(ref: string): boolean {
  return parseRef(ref).repository.startsWith(PROJECT_NAMESPACE);
}
