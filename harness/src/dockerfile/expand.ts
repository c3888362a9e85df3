// ARG expansion as the Dockerfile frontend does it, for the values the harness reads itself
// (FROM images, --from sources): the parser keeps `${VAR}` as written.
import { DockerfileError } from './errors.ts';

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
      if (close < 0) throw new DockerfileError(file, line, `unterminated \${ in "${text}"`);
      const inner = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(inner);
      if (!m || !m[1]) throw new DockerfileError(file, line, `unsupported substitution \${${inner}}`);
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
    else throw new DockerfileError(file, line, `\$${name} has no default and no build arg gives it a value, so the image it names is unknown`);
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
