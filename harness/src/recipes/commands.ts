// The shell commands of a tutorial code block, one per logical line (a trailing backslash
// continues it, `#` lines are comments), and what a `docker build` line asks for. Only the
// forms the tutorial's blocks use are understood; anything else is kept as written and said so.

export interface CommandLine {
  text: string;
  /** 1-based line in its block where it starts. */
  line: number;
}

/** The commands of a shell block, comments and blank lines left out. */
export function commandLines(block: string): CommandLine[] {
  const commands: CommandLine[] = [];
  let pending: CommandLine | undefined;
  block.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    const continued = line.endsWith('\\');
    const part = continued ? line.slice(0, -1).trim() : line;
    pending = pending ? { ...pending, text: `${pending.text} ${part}` } : { text: part, line: i + 1 };
    if (!continued) {
      commands.push(pending);
      pending = undefined;
    }
  });
  if (pending) commands.push(pending);
  return commands;
}

export interface DockerBuild {
  tags: string[];
  target?: string;
  buildArgs: Record<string, string>;
  /** Other options as written (e.g. --progress=plain), passed through. */
  other: string[];
  context: string;
}

/** Splits on blanks (the tutorial's commands quote nothing). */
function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** The words after `docker`, or null for a line that is not one docker command (a pipe is not one). */
export function dockerWords(text: string): string[] | null {
  const all = words(text);
  return all[0] === 'docker' && !all.includes('|') ? all.slice(1) : null;
}

/** A `docker build` line's tags, target, build args and context; null for any other line. */
export function parseDockerBuild(text: string): DockerBuild | null {
  const rest = dockerWords(text);
  if (!rest || rest[0] !== 'build') return null;
  const build: DockerBuild = { tags: [], buildArgs: {}, other: [], context: '.' };
  const positional: string[] = [];
  for (let i = 1; i < rest.length; i++) {
    const word = rest[i] ?? '';
    const [flag, inline] =
      word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const value = () => inline ?? rest[++i] ?? '';
    if (flag === '-t' || flag === '--tag') build.tags.push(value());
    else if (flag === '--target') build.target = value();
    else if (flag === '--build-arg') {
      const pair = value();
      const eq = pair.indexOf('=');
      build.buildArgs[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? '' : pair.slice(eq + 1);
    } else if (word.startsWith('-')) build.other.push(word);
    else positional.push(word);
  }
  build.context = positional.at(-1) ?? '.';
  return build;
}
