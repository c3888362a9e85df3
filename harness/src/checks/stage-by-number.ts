// stage-by-number: a stage can be referenced by its number (`COPY --from=0`) as well as by its
// name, with the same result: the production image is built again with every `--from=<stage>`
// rewritten to the stage's index (read with dockerfile-ast) and its files compared with the
// named build's, layer by layer and byte for byte. Not the layer digests: they differ where the
// files do not (go-api's `COPY --link` of the CA bundle from an image gave layer 074b54772f10
// named and 3725c9ec0caa by number, and another digest again in another run, the same file in
// each). Names are for the reader: the lab's Dockerfiles reference stages by name only, and one
// that copies from a stage by number fails here with its line (a stage added above it would
// shift the number). The entry's `stageByNumber` turns it on.
import { createHash } from 'node:crypto';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import type { AppEntry } from '../catalogue/types.ts';
import { analyzeDockerfile } from '../dockerfile/stages.ts';
import { readImageFiles } from '../inspect/file-contents.ts';
import { buildApp, temporaryTag } from '../measure/images.ts';
import { fromRepo } from '../paths.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ClaimModule } from './check.ts';
import { tempFolder } from '../temp-folder.ts';

declare module '../catalogue/types.ts' {
  interface AppEntry {
    /** Build the production image again with its stages referenced by number, and compare. */
    stageByNumber?: true;
  }
}

export interface StageByNumberFacts {
  /** `--from=` values that already name a stage by its number, with their line. */
  byNumber: { line: number; text: string }[];
  /** Each rewrite made: "--from=build -> --from=0 (line 12)". */
  rewrites: string[];
  /** Each build's files: "path (layer n) sha256:...", sorted. */
  namedFiles: string[];
  numberedFiles: string[];
  error?: string;
}

/**
 * The Dockerfile with every `COPY --from=<stage name>` rewritten to the stage's index, each
 * rewrite named; and the `COPY --from=` values that already are numbers (a mount's `from=` stays).
 */
export function numberStages(dockerfile: string): { text: string; rewrites: string[]; byNumber: { line: number; text: string }[] } {
  const stages = analyzeDockerfile(dockerfile, 'Dockerfile').stages;
  const index = new Map(stages.flatMap((s) => (s.name ? [[s.name, s.index] as const] : [])));
  const lines = dockerfile.split('\n');
  const rewrites: string[] = [];
  const byNumber: { line: number; text: string }[] = [];
  for (const instruction of DockerfileParser.parse(dockerfile).getInstructions()) {
    if (instruction.getKeyword() !== 'COPY') continue;
    const { start, end } = instruction.getRange();
    for (let n = start.line; n <= end.line; n++) {
      lines[n] = lines[n]!.replace(/--from=([^\s,]+)/g, (whole, value: string) => {
        if (/^\d+$/.test(value)) {
          byNumber.push({ line: n + 1, text: instruction.getTextContent().split('\n')[0]!.trim() });
          return whole;
        }
        const at = index.get(value.toLowerCase());
        if (at === undefined) return whole; // an image, not a stage
        rewrites.push(`--from=${value} -> --from=${at} (line ${n + 1})`);
        return `--from=${at}`;
      });
    }
  }
  return { text: lines.join('\n'), rewrites, byNumber };
}

/** An image's files, each with the layer that wrote it and its content's digest. */
async function filesOf(tag: string): Promise<string[]> {
  const files = await readImageFiles(tag, () => true);
  return files.map((f) => `${f.path} (layer ${f.layer}) ${f.content ? `sha256:${createHash('sha256').update(f.content).digest('hex')}` : 'link'}`);
}

/** Builds the production target named and numbered (each cached step reused), and reads both images' files. */
export async function measureStageByNumber(entry: AppEntry): Promise<StageByNumberFacts> {
  const facts: StageByNumberFacts = { byNumber: [], rewrites: [], namedFiles: [], numberedFiles: [] };
  const scratch = await tempFolder('by-number');
  try {
    const source = fromRepo(entry.dockerfiles.multi);
    const numbered = numberStages(await readFile(source, 'utf8'));
    facts.rewrites = numbered.rewrites;
    facts.byNumber = numbered.byNumber;
    // The copy keeps the Dockerfile's own ignore file, so both builds see the same context.
    const copy = path.join(scratch, path.basename(source));
    await writeFile(copy, numbered.text);
    if (existsSync(`${source}.dockerignore`)) await copyFile(`${source}.dockerignore`, `${copy}.dockerignore`);
    const target = { variant: 'multi' as const, target: entry.productionTarget };
    const named = await buildApp(entry, { ...target, temporaryTag: temporaryTag(entry, 'by-name') });
    const byNumber = await buildApp(entry, { ...target, dockerfile: copy, temporaryTag: temporaryTag(entry, 'by-number') });
    facts.namedFiles = await filesOf(named.tag);
    facts.numberedFiles = await filesOf(byNumber.tag);
  } catch (error) {
    facts.error = (error as Error).message;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return facts;
}

export function checkStageByNumber(entry: AppEntry, facts: StageByNumberFacts): Verdict {
  const expected = `${entry.dockerfiles.multi} names the stages it copies from, and built with them referenced by number it gives the same files, layer by layer`;
  if (facts.error) return verdict(false, expected, `not measured: ${facts.error.split('\n')[0]}`, facts.error);
  if (facts.byNumber.length)
    return verdict(
      false,
      expected,
      facts.byNumber.map((b) => `line ${b.line}: ${b.text}`).join('; '),
      'references a stage by its number: name the stage (AS name) and copy from the name, or a stage added above it silently changes what is copied',
    );
  if (facts.rewrites.length === 0)
    return verdict(false, expected, 'no COPY --from names a stage: nothing to reference by number', 'the entry turns on a claim its Dockerfile cannot show');
  const same = facts.namedFiles.length > 0 && facts.namedFiles.join('\n') === facts.numberedFiles.join('\n');
  const differ = [
    ...facts.namedFiles.filter((f) => !facts.numberedFiles.includes(f)).map((f) => `named: ${f}`),
    ...facts.numberedFiles.filter((f) => !facts.namedFiles.includes(f)).map((f) => `by number: ${f}`),
  ];
  const found = `${facts.rewrites.length} reference${facts.rewrites.length > 1 ? 's' : ''} rewritten (${facts.rewrites.join(', ')}): ${
    same
      ? `the same ${facts.namedFiles.length} files, each in the same layer, byte for byte`
      : `${differ.length} files differ: ${differ.slice(0, 6).join('; ')}`
  }`;
  return verdict(same, expected, found, same ? undefined : 'the build by number differs from the build by name');
}

export const stageByNumber: ClaimModule = {
  kind: 'claim',
  id: 'stage-by-number',
  fixtures: ['from-stage-by-number'],
  claims: (entry, { claim }) =>
    entry.stageByNumber
      ? [
          claim(
            'stage-by-number',
            'a stage referenced by its number (`COPY --from=0`) gives what its name gives; the Dockerfile uses names',
            () => measureStageByNumber(entry),
            (f) => checkStageByNumber(entry, f),
          ),
        ]
      : [],
};
