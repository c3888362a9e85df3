// The one Dockerfile parser of the harness (dockerfile-ast underneath): each stage with its
// name, what it is built FROM, what it copies or mounts from (`COPY --from`, `RUN
// --mount=from=`), its BuildKit cache mounts and its secret mounts. References built from ARGs declared before
// the first FROM are resolved from their defaults or from the build args given. Stage names
// and indexes are internal, and `scratch` is the empty image: neither is an external reference.
// The frontend a `# syntax=` directive names is an external image too: BuildKit runs it to
// read the file, so every target needs it (the forge makes it present like any base).
// The forge reads base images from it, the catalogue its stage names, the bench its cache mounts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import type { Copy, From, Run } from 'dockerfile-ast';
import { DockerfileError } from './errors.ts';
import { expand } from './expand.ts';
import { isScratch, normalizeRef } from './refs.ts';

export interface AnalyzeOptions {
  /** Values that override ARG defaults, as `--build-arg` would. */
  buildArgs?: Record<string, string>;
}

/** One `FROM` and what it pulls in. */
export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit matches it; null when unnamed. */
  name: string | null;
  /** 1-based line of its FROM. */
  line: number;
  /** The FROM's image after ARG expansion: an external ref, a stage (by index) or scratch. */
  base: Source;
  /** `COPY --from` and `RUN --mount=from=` sources of this stage. */
  sources: Source[];
  /** `RUN --mount=type=cache` of this stage: the id BuildKit keys it on (the target when no id is given). */
  cacheMounts: CacheMount[];
  /** `RUN --mount=type=secret` of this stage: the secret's id (its target's file name when no id is given). */
  secretMounts: { id: string; line: number }[];
}

export type Source = { kind: 'image'; ref: string; line: number } | { kind: 'stage'; stage: number; line: number } | { kind: 'scratch'; line: number };

export interface CacheMount {
  id: string;
  target: string;
  line: number;
}

export interface DockerfileAnalysis {
  file: string;
  stages: Stage[];
  /** The `# syntax=` directive's frontend image, or null: the engine's built-in frontend. */
  frontend: { ref: string; line: number } | null;
}

/** Reads and parses a Dockerfile from disk. */
export function readDockerfile(file: string, options: AnalyzeOptions = {}): DockerfileAnalysis {
  return analyzeDockerfile(readFileSync(file, 'utf8'), file, options);
}

/** Parses a Dockerfile's stages and what each one reads from. */
export function analyzeDockerfile(content: string, file: string, options: AnalyzeOptions = {}): DockerfileAnalysis {
  const dockerfile = DockerfileParser.parse(content);
  const syntax = dockerfile.getDirectives().find((d) => d.getName().toLowerCase() === 'syntax');
  const frontend = syntax?.getValue() ? { ref: normalizeRef(syntax.getValue()), line: syntax.getRange().start.line + 1 } : null;

  // Only ARGs declared before the first FROM are in scope for FROM lines (and, with
  // BuildKit, for --from values). Later defaults may refer to earlier ones.
  const globals = new Map<string, string | undefined>();
  for (const arg of dockerfile.getInitialARGs()) {
    const property = arg.getProperty();
    const name = property?.getName();
    if (!name) continue;
    const line = arg.getRange().start.line + 1;
    const given = options.buildArgs?.[name];
    const raw = property?.getValue();
    globals.set(name, given ?? (raw == null ? undefined : expand(raw, globals, file, line, true)));
  }

  const stages: Stage[] = [];
  const byName = new Map<string, number>();
  const froms = dockerfile.getFROMs();
  const resolveSource = (raw: string, line: number, allowIndex: boolean): Source => {
    const value = expand(raw, globals, file, line, false);
    if (isScratch(value)) return { kind: 'scratch', line };
    const stage = byName.get(value.toLowerCase());
    if (stage !== undefined) return { kind: 'stage', stage, line };
    if (allowIndex && /^\d+$/.test(value)) {
      const index = Number(value);
      if (index >= stages.length) throw new DockerfileError(file, line, `stage index ${index} does not name an earlier stage`);
      return { kind: 'stage', stage: index, line };
    }
    return { kind: 'image', ref: normalizeRef(value), line };
  };

  for (const [index, from] of froms.entries()) {
    const line = from.getRange().start.line + 1;
    const image = imageArgument(from);
    if (!image) throw new DockerfileError(file, line, 'FROM names no image');
    const stage: Stage = {
      index,
      name: from.getBuildStage()?.toLowerCase() ?? null,
      line,
      base: resolveSource(image, line, false),
      sources: [],
      cacheMounts: [],
      secretMounts: [],
    };
    stages.push(stage);
    // The stage's own name is defined after its FROM is read: `FROM node AS node` is external.
    if (stage.name) byName.set(stage.name, index);
  }

  // Attribute each instruction to the stage whose range contains it.
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const line = instruction.getRange().start.line + 1;
    const owner = stageAt(froms, line);
    if (owner === null) continue;
    const stage = stages[owner];
    if (!stage) continue;
    if (keyword === 'COPY') {
      // Among all flags: dockerfile-ast's getFromFlag() misses a --from after another flag (`COPY --link --from=...`).
      const value = (instruction as Copy)
        .getFlags()
        .find((flag) => flag.getName().toLowerCase() === 'from')
        ?.getValue();
      if (value) stage.sources.push(resolveSource(value, line, true));
    } else if (keyword === 'RUN') {
      for (const flag of (instruction as Run).getFlags()) {
        if (flag.getName().toLowerCase() !== 'mount') continue;
        const spec = flag.getValue() ?? '';
        const from = mountOption(spec, 'from');
        if (from) stage.sources.push(resolveSource(from, line, true));
        if ((mountOption(spec, 'type') ?? 'bind') === 'cache') {
          const target = mountOption(spec, 'target') ?? mountOption(spec, 'dst') ?? mountOption(spec, 'destination');
          if (!target) throw new DockerfileError(file, line, 'a cache mount needs a target');
          stage.cacheMounts.push({ id: mountOption(spec, 'id') ?? target, target, line });
        }
        if (mountOption(spec, 'type') === 'secret') {
          const target = mountOption(spec, 'target') ?? mountOption(spec, 'dst') ?? mountOption(spec, 'destination');
          const id = mountOption(spec, 'id') ?? (target ? path.basename(target) : '');
          stage.secretMounts.push({ id, line });
        }
      }
    }
  }
  return { file, stages, frontend };
}

/** Stage names, in order (unnamed stages left out). */
export function stageNames(analysis: DockerfileAnalysis): string[] {
  return analysis.stages.flatMap((s) => (s.name ? [s.name] : []));
}

/** The stages building `target` (a stage name; the last stage when absent) needs, itself first, then what each reads from. */
export function stagesForTarget(analysis: DockerfileAnalysis, target?: string): Stage[] {
  const { stages, file } = analysis;
  let start = stages.length - 1;
  if (target) {
    start = stages.findIndex((s) => s.name === target.toLowerCase());
    if (start < 0) throw new DockerfileError(file, 1, `no stage named "${target}"`);
  }
  const needed: Stage[] = [];
  const visit = (index: number): void => {
    const stage = stages[index];
    if (!stage || needed.includes(stage)) return;
    needed.push(stage);
    for (const source of [stage.base, ...stage.sources]) if (source.kind === 'stage') visit(source.stage);
  };
  visit(start);
  return needed;
}

/** External references needed to build `target` (a stage name; the last stage when absent). */
export function externalRefsForTarget(analysis: DockerfileAnalysis, target?: string): { ref: string; line: number }[] {
  const refs: { ref: string; line: number }[] = analysis.frontend ? [analysis.frontend] : [];
  for (const stage of stagesForTarget(analysis, target)) {
    for (const source of [stage.base, ...stage.sources]) {
      if (source.kind === 'image' && !refs.some((r) => r.ref === source.ref)) refs.push({ ref: source.ref, line: source.line });
    }
  }
  return refs;
}

/**
 * The RUNs that mount build secret `id` (any secret, without `id`), with their stages: the stages
 * a secret claim builds and searches, and whose steps it makes run again (a cached step never saw
 * the secret).
 */
export function secretMounts(analysis: DockerfileAnalysis, id?: string): { stage: string | null; line: number }[] {
  return analysis.stages.flatMap((s) => s.secretMounts.filter((m) => id === undefined || m.id === id).map((m) => ({ stage: s.name, line: m.line })));
}

/** Every cache mount id the Dockerfile names, once each, sorted. */
export function cacheMountIds(analysis: DockerfileAnalysis): string[] {
  return [...new Set(analysis.stages.flatMap((s) => s.cacheMounts.map((m) => m.id)))].sort();
}

function imageArgument(from: From): string | null {
  // The first argument that is not a flag; getImage() would give the same, but
  // arguments keep `${VAR}` intact for our own expansion.
  const args = from.getArguments().map((a) => a.getValue());
  return args[0] ?? null;
}

function mountOption(spec: string, key: string): string | null {
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === key) return part.slice(eq + 1).trim();
  }
  return null;
}

function stageAt(froms: From[], line: number): number | null {
  let owner: number | null = null;
  for (const [index, from] of froms.entries()) {
    if (from.getRange().start.line + 1 <= line) owner = index;
  }
  return owner;
}
