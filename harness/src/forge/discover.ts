// Which external images a Dockerfile needs, read with a real parser (dockerfile-ast) rather
// than a regular expression: FROM (with or without --platform), references built from ARGs
// declared before the first FROM (resolved from their defaults, or from build args given),
// `COPY --from=<image>` and `RUN --mount=...,from=<image>`. Stage names and stage indexes are
// internal, and `scratch` is the empty image: neither is an external reference.

import { readFile } from 'node:fs/promises';
import { DockerfileParser } from 'dockerfile-ast';
import type { Copy, From, Run } from 'dockerfile-ast';
import { isScratch, normalizeRef } from './refs.ts';

export interface BaseRef {
  /** Normalised reference (`node:24-trixie-slim`, `gcr.io/distroless/static-debian13:nonroot`). */
  ref: string;
  /** The Dockerfile, as given. */
  file: string;
  /** 1-based line of the instruction that names it. */
  line: number;
}

export interface DiscoverOptions {
  /** Values that override ARG defaults, as `--build-arg` would. */
  buildArgs?: Record<string, string>;
}

/** One `FROM` and what it pulls in. */
export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit matches it; null when unnamed. */
  name: string | null;
  line: number;
  /** The FROM's image after ARG expansion: an external ref, a stage (by name) or scratch. */
  base: Source;
  /** `COPY --from` and `RUN --mount=from=` sources of this stage. */
  sources: Source[];
}

export type Source =
  | { kind: 'image'; ref: string; line: number }
  | { kind: 'stage'; stage: number; line: number }
  | { kind: 'scratch'; line: number };

export interface DockerfileAnalysis {
  file: string;
  stages: Stage[];
}

export class DiscoveryError extends Error {
  readonly file: string;
  readonly line: number;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'DiscoveryError';
    this.file = file;
    this.line = line;
  }
}

export async function discoverBaseRefs(dockerfilePaths: string[], options: DiscoverOptions = {}): Promise<BaseRef[]> {
  const found: BaseRef[] = [];
  for (const file of dockerfilePaths) {
    const analysis = analyzeDockerfile(await readFile(file, 'utf8'), file, options);
    for (const stage of analysis.stages) {
      for (const source of [stage.base, ...stage.sources]) {
        if (source.kind === 'image') found.push({ ref: source.ref, file, line: source.line });
      }
    }
  }
  return found;
}

/** Parse a Dockerfile's stages and what each one reads from. */
export function analyzeDockerfile(content: string, file: string, options: DiscoverOptions = {}): DockerfileAnalysis {
  const dockerfile = DockerfileParser.parse(content);

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
      if (index >= stages.length) throw new DiscoveryError(file, line, `stage index ${index} does not name an earlier stage`);
      return { kind: 'stage', stage: index, line };
    }
    return { kind: 'image', ref: normalizeRef(value), line };
  };

  for (const [index, from] of froms.entries()) {
    const line = from.getRange().start.line + 1;
    const image = imageArgument(from);
    if (!image) throw new DiscoveryError(file, line, 'FROM names no image');
    const stage: Stage = { index, name: from.getBuildStage()?.toLowerCase() ?? null, line, base: resolveSource(image, line, false), sources: [] };
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
      const value = (instruction as Copy).getFromFlag()?.getValue();
      if (value) stage.sources.push(resolveSource(value, line, true));
    } else if (keyword === 'RUN') {
      for (const flag of (instruction as Run).getFlags()) {
        if (flag.getName().toLowerCase() !== 'mount') continue;
        const from = mountOption(flag.getValue() ?? '', 'from');
        if (from) stage.sources.push(resolveSource(from, line, true));
      }
    }
  }
  return { file, stages };
}

/** External references needed to build `target` (a stage name; the last stage when absent). */
export function externalRefsForTarget(analysis: DockerfileAnalysis, target?: string): { ref: string; line: number }[] {
  const { stages, file } = analysis;
  let start = stages.length - 1;
  if (target) {
    start = stages.findIndex((s) => s.name === target.toLowerCase());
    if (start < 0) throw new DiscoveryError(file, 1, `no stage named "${target}"`);
  }
  const seen = new Set<number>();
  const refs: { ref: string; line: number }[] = [];
  const visit = (index: number): void => {
    if (seen.has(index)) return;
    seen.add(index);
    const stage = stages[index];
    if (!stage) return;
    for (const source of [stage.base, ...stage.sources]) {
      if (source.kind === 'stage') visit(source.stage);
      else if (source.kind === 'image' && !refs.some((r) => r.ref === source.ref)) refs.push({ ref: source.ref, line: source.line });
    }
  };
  visit(start);
  return refs;
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

/**
 * Shell-like expansion as the Dockerfile frontend does it: $VAR, ${VAR}, ${VAR:-word},
 * ${VAR-word}, ${VAR:+word}, ${VAR+word}. An ARG without a default (and not given as a
 * build arg) is unset; a reference that stays unresolvable is an error naming the line.
 */
export function expand(text: string, vars: Map<string, string | undefined>, file: string, line: number, lenient: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    if (ch !== '$') {
      out += ch;
      continue;
    }
    let name: string;
    let op: string | null = null;
    let word = '';
    if (text[i + 1] === '{') {
      const close = matchingBrace(text, i + 1);
      if (close < 0) throw new DiscoveryError(file, line, `unterminated \${ in "${text}"`);
      const inner = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(inner);
      if (!m || !m[1]) throw new DiscoveryError(file, line, `unsupported substitution \${${inner}}`);
      name = m[1];
      op = m[2] ?? null;
      word = m[3] ?? '';
      i = close;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
      if (!m) {
        out += '$';
        continue;
      }
      name = m[0];
      i += name.length;
    }
    const value = vars.get(name);
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    if (op === ':-') out += nonEmpty ? value : expand(word, vars, file, line, lenient);
    else if (op === '-') out += set ? value : expand(word, vars, file, line, lenient);
    else if (op === ':+') out += nonEmpty ? expand(word, vars, file, line, lenient) : '';
    else if (op === '+') out += set ? expand(word, vars, file, line, lenient) : '';
    else if (set) out += value;
    else if (lenient) out += '';
    else throw new DiscoveryError(file, line, `\$${name} has no default and no build arg gives it a value, so the image it names is unknown`);
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}
