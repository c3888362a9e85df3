// The fork's Dockerfile: the app's multi-stage Dockerfile at the root, its labels made the
// fork's own (title, description, and a source from the SOURCE build arg, defaulting to the
// fork's address), the lab's paths in its comments rewritten. Read with dockerfile-ast, edited
// as text at the ranges it gives, so everything else stays byte for byte.
import { DockerfileParser, type Arg, type Label, type Run } from 'dockerfile-ast';
import type { ForkIdentity } from './fork-identity.ts';
import { rewriteLabPaths, type LabLayout } from './lab-paths.ts';

interface Edit {
  start: number;
  end: number;
  text: string;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') offsets.push(i + 1);
  return offsets;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

/** A double-quoted Dockerfile string. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"$]/g, '\\$&')}"`;
}

export interface StageInfo {
  name: string | null;
  from: string;
  /** 0-based lines of its FROM and of its last line. */
  line: number;
  endLine: number;
  /** The comment right above its FROM (not the file's header), without decoration. */
  comment: string;
  /** Stages it builds on (FROM) or copies from (COPY --from), by name. */
  uses: string[];
}

/**
 * The comment block right above a stage's FROM, if it is not the file's header, as sentences:
 * a heading line such as "# ---- deps: every dependency ... ----" loses its dashes and the
 * stage's name, and ends with a full stop.
 */
export function commentAbove(lines: string[], line: number, stage: string | null = null): string {
  let first = line;
  while (first > 0 && /^\s*#/.test(lines[first - 1] ?? '')) first--;
  if (first === line) return '';
  // The file's header starts the file (a syntax directive or blank lines at most before it);
  // a block after a blank line is the first stage's own.
  const header = lines.slice(0, first).every((l) => /^\s*$/.test(l));
  if (header) return '';
  const block = lines.slice(first, line).map((l) => l.replace(/^\s*#\s?/, '').trim());
  return block
    .map((text, i) => {
      if (!/-{3,}/.test(text)) return text;
      let heading = text.replace(/-{3,}/g, '').trim();
      if (stage) heading = heading.replace(new RegExp(`^${stage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\([^)]*\\))?:?\\s*`, 'i'), '');
      if (!heading) return '';
      // "... lockfile --" runs on into the next line: a full stop before a new sentence, else nothing.
      const continued = /\s--$/.test(heading);
      heading = heading.replace(/\s*--$/, '');
      heading = heading[0]!.toUpperCase() + heading.slice(1);
      if (continued && !/^[A-Z]/.test(block[i + 1] ?? '')) return heading;
      return /[.!?:;]$/.test(heading) ? heading : `${heading}.`;
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function stagesOf(text: string): StageInfo[] {
  const dockerfile = DockerfileParser.parse(text);
  const lines = text.split('\n');
  const froms = dockerfile.getFROMs();
  const stages = froms.map((from, i) => {
    const line = from.getRange().start.line;
    const next = froms[i + 1];
    return {
      name: from.getBuildStage(),
      from: from.getImage() ?? '',
      line,
      endLine: next ? next.getRange().start.line - 1 : lines.length - 1,
      comment: commentAbove(lines, line, from.getBuildStage()),
      uses: [] as string[],
    };
  });
  const names = new Set(stages.map((s) => s.name).filter((n): n is string => n !== null));
  for (const stage of stages) {
    if (names.has(stage.from)) stage.uses.push(stage.from);
  }
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() !== 'COPY') continue;
    const line = instruction.getRange().start.line;
    const stage = stages.filter((s) => s.line <= line).at(-1);
    const from = /--from=(\S+)/.exec(instruction.getTextContent())?.[1];
    if (stage && from && names.has(from) && !stage.uses.includes(from)) stage.uses.push(from);
  }
  return stages;
}

/** Build secrets the Dockerfile mounts (`RUN --mount=type=secret,id=<id>`), by id. */
export function secretIds(text: string): string[] {
  const ids = new Set<string>();
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction.getKeyword() !== 'RUN') continue;
    for (const flag of (instruction as Run).getFlags()) {
      if (flag.getName().toLowerCase() !== 'mount') continue;
      const options = new Map((flag.getValue() ?? '').split(',').map((part) => part.split('=').map((s) => s.trim()) as [string, string]));
      if (options.get('type') === 'secret') ids.add(options.get('id') ?? options.get('target')?.split('/').at(-1) ?? 'secret');
    }
  }
  return [...ids];
}

const sourceLabel = 'org.opencontainers.image.source';

/**
 * The Dockerfile for the fork. In the production stage (the last): the title and description
 * labels say the fork's, the source label reads the SOURCE build arg, and `ARG SOURCE` defaults
 * to the fork's address. Then the lab's paths in it are rewritten.
 */
export function forkDockerfile(text: string, identity: ForkIdentity, layout: LabLayout): string {
  const dockerfile = DockerfileParser.parse(text);
  const offsets = lineOffsets(text);
  const at = (p: { line: number; character: number }) => (offsets[p.line] ?? text.length) + p.character;
  const stages = stagesOf(text);
  const production = stages.at(-1);
  if (!production) throw new Error('the Dockerfile has no FROM');
  const inProduction = (line: number) => line >= production.line && line <= production.endLine;
  const instructions = dockerfile.getInstructions().filter((i) => inProduction(i.getRange().start.line));
  const labels = instructions.filter((i): i is Label => i.getKeyword() === 'LABEL');
  const args = instructions.filter((i): i is Arg => i.getKeyword() === 'ARG');
  const edits: Edit[] = [];
  const wanted: Record<string, string> = {
    'org.opencontainers.image.title': quoted(identity.title),
    'org.opencontainers.image.description': quoted(identity.description),
    [sourceLabel]: '"${SOURCE}"',
  };
  const present = new Set<string>();
  for (const label of labels) {
    for (const property of label.getProperties()) {
      const value = wanted[property.getName()];
      const range = property.getValueRange();
      if (value === undefined || !range) continue;
      present.add(property.getName());
      edits.push({ start: at(range.start), end: at(range.end), text: value });
    }
  }
  const missing = Object.entries(wanted).filter(([name]) => !present.has(name));
  const sourceArg = args.find((a) => a.getProperty()?.getName() === 'SOURCE');
  const argLine = `ARG SOURCE=${identity.source}`;
  if (sourceArg) {
    const range = sourceArg.getRange();
    edits.push({ start: at(range.start), end: at(range.end), text: argLine });
  }
  // What is missing goes before the first LABEL (or at the stage's end): the ARG before any use.
  const firstLabel = labels[0];
  const insertAt = firstLabel ? at(firstLabel.getRange().start) : at({ line: production.endLine + 1, character: 0 });
  const inserted = [
    ...(sourceArg ? [] : [argLine]),
    ...(missing.length ? [`LABEL ${missing.map(([name, value]) => `${name}=${value}`).join(' \\\n      ')}`] : []),
  ];
  if (inserted.length) {
    const atEnd = !firstLabel && !text.endsWith('\n');
    edits.push({ start: insertAt, end: insertAt, text: `${atEnd ? '\n' : ''}${inserted.join('\n')}\n` });
  }
  return rewriteLabPaths(applyEdits(text, edits), layout);
}

/** The last HEALTHCHECK's command, as words (exec form) or as its shell line; undefined without one. */
export function healthcheckCommand(text: string): string[] | undefined {
  const check = DockerfileParser.parse(text)
    .getInstructions()
    .filter((i) => i.getKeyword() === 'HEALTHCHECK')
    .at(-1);
  if (!check) return undefined;
  const line = check.getTextContent().replace(/\\\r?\n\s*/g, ' ');
  const command = /\bCMD\s+(.*)$/s.exec(line)?.[1]?.trim();
  if (!command) return undefined;
  try {
    const words = JSON.parse(command) as unknown;
    if (Array.isArray(words)) return words.map(String);
  } catch {
    // Shell form.
  }
  return [command];
}
