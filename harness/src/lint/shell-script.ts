// The shell script a RUN instruction hands to /bin/sh, as the lint rules need to read it: the
// shell form with its line continuations joined and Dockerfile comment lines dropped, a heredoc
// used as the script (`RUN <<EOT`), or the `-c` argument of an exec-form `["sh", "-c", "..."]`.
// Quoted text and shell comments are blanked out (same length), so a `|` inside quotes or a
// comment is never read as a pipe, and every offset still maps to its line in the Dockerfile.
import type { Instruction, Run } from 'dockerfile-ast';

export interface ShellScript {
  /** The script with quoted text and comments replaced by spaces. */
  code: string;
  /** 1-based Dockerfile line of an offset in `code`. */
  lineAt(offset: number): number;
}

interface SourceLine {
  text: string;
  /** 0-based line in the Dockerfile. */
  line: number;
}

/** Joins lines as the shell reads them (a trailing backslash continues the line) and remembers where each came from. */
function join(lines: SourceLine[]): { text: string; lineAt: (offset: number) => number } {
  let text = '';
  const starts: { offset: number; line: number }[] = [];
  for (const { text: raw, line } of lines) {
    starts.push({ offset: text.length, line });
    const continued = /\\\s*$/.test(raw);
    text += continued ? `${raw.replace(/\\\s*$/, '')} ` : `${raw}\n`;
  }
  const lineAt = (offset: number): number => {
    let found = starts[0]?.line ?? 0;
    for (const start of starts) {
      if (start.offset > offset) break;
      found = start.line;
    }
    return found + 1;
  };
  return { text, lineAt };
}

/**
 * Replaces quoted text, escaped characters and comments with spaces (newlines kept). A command
 * substitution `$(...)` stays code, also inside double quotes: `"$(ldconfig -p | awk ...)"` pipes.
 */
export function blankQuotesAndComments(script: string): string {
  const out = script.split('');
  const blank = (at: number) => {
    if (out[at] !== '\n') out[at] = ' ';
  };
  // Reads code from i; returns where it stopped: the end, or the `)` closing a substitution (depth > 0).
  const code = (start: number, depth: number): number => {
    let i = start;
    let parens = 0;
    while (i < script.length) {
      const ch = script[i];
      if (ch === '\\') {
        blank(i);
        if (i + 1 < script.length) blank(i + 1);
        i += 2;
      } else if (ch === "'") {
        i++;
        while (i < script.length && script[i] !== "'") blank(i++);
        i++;
      } else if (ch === '"') {
        i = doubleQuoted(i + 1, depth);
      } else if (ch === '#' && (i === 0 || /[\s;&|(]/.test(script[i - 1] ?? ''))) {
        while (i < script.length && script[i] !== '\n') blank(i++);
      } else if (ch === '$' && script[i + 1] === '(') {
        i = code(i + 2, depth + 1) + 1;
      } else if (ch === '(') {
        parens++;
        i++;
      } else if (ch === ')') {
        if (parens === 0 && depth > 0) return i;
        parens--;
        i++;
      } else {
        i++;
      }
    }
    return i;
  };
  // Blanks a double-quoted string from i (after its opening quote); returns the offset after its closing quote.
  const doubleQuoted = (start: number, depth: number): number => {
    let i = start;
    while (i < script.length && script[i] !== '"') {
      if (script[i] === '$' && script[i + 1] === '(') {
        i = code(i + 2, depth + 1) + 1;
      } else if (script[i] === '\\') {
        blank(i);
        if (i + 1 < script.length) blank(i + 1);
        i += 2;
      } else {
        blank(i++);
      }
    }
    return i + 1;
  };
  code(0, 0);
  return out.join('');
}

function rangeText(lines: string[], from: number, to: number): SourceLine[] {
  const picked: SourceLine[] = [];
  for (let line = from; line <= to; line++) picked.push({ text: lines[line] ?? '', line });
  return picked;
}

/**
 * The script of a RUN instruction, or null when it runs no shell (an exec-form RUN without
 * `-c`). `source` is the whole Dockerfile's text.
 */
export function runScript(run: Instruction, source: string): ShellScript | null {
  const lines = source.split('\n');
  const argsRange = run.getArgumentsRange();
  if (!argsRange) return null;
  const raw = run.getRawArgumentsContent() ?? '';
  const firstLine = argsRange.start.line;

  // Exec form: only `[..., "-c", "<script>"]` runs a shell.
  if (raw.trimStart().startsWith('[')) {
    let argv: unknown;
    try {
      argv = JSON.parse(raw.replace(/\\\r?\n/g, ''));
    } catch {
      return null;
    }
    if (!Array.isArray(argv)) return null;
    const dashC = argv.indexOf('-c');
    const script = dashC >= 0 ? argv[dashC + 1] : undefined;
    if (typeof script !== 'string') return null;
    return { code: blankQuotesAndComments(script), lineAt: () => firstLine + 1 };
  }

  const heredocs = (run as Run).getHeredocs?.() ?? [];
  let picked: SourceLine[];
  if (/^<<-?["']?[A-Za-z_]/.test(raw.trimStart()) && heredocs[0]) {
    // `RUN <<EOT`: the here-document is the script.
    const content = heredocs[0].getContentRange();
    picked = content ? rangeText(lines, content.start.line, content.end.line) : [];
  } else {
    // Shell form: the argument lines, less Dockerfile comment lines and here-document bodies (data, not script).
    const bodies = heredocs.flatMap((h) => {
      const content = h.getContentRange();
      const end = h.getDelimiterRange();
      return content ? [{ from: content.start.line, to: end?.start.line ?? content.end.line }] : [];
    });
    picked = rangeText(lines, firstLine, run.getRange().end.line)
      .map((l, index) => (index === 0 ? { ...l, text: l.text.slice(argsRange.start.character) } : l))
      .filter((l) => !/^\s*#/.test(l.text) && !bodies.some((b) => l.line >= b.from && l.line <= b.to));
  }
  const joined = join(picked);
  return { code: blankQuotesAndComments(joined.text), lineAt: joined.lineAt };
}

/** One simple command of a script: its words up to the next `;`, `&&`, `||`, `|`, `&`, newline or paren. */
export interface SimpleCommand {
  /** Offset of the first word in the script's code. */
  offset: number;
  words: string[];
  /** What ends it: '|' when its output is piped on. */
  end: string;
}

/** Splits a blanked script into simple commands (good enough for the rules: no full shell grammar). */
export function simpleCommands(code: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  const separator = /\|\||&&|;;|\|&?|[;&\n(){}`]|\$\(/g;
  let start = 0;
  const push = (from: number, to: number, end: string) => {
    const text = code.slice(from, to);
    const lead = text.length - text.trimStart().length;
    const words = text.trim().split(/\s+/).filter(Boolean);
    // Reserved words that open a compound command are not the command itself.
    while (words[0] && ['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!'].includes(words[0])) words.shift();
    if (words.length) commands.push({ offset: from + lead, words, end });
  };
  for (const match of code.matchAll(separator)) {
    push(start, match.index, match[0]);
    start = match.index + match[0].length;
  }
  push(start, code.length, '');
  return commands;
}
