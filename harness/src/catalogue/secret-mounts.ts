// Which stages of a Dockerfile mount a given build secret (`RUN --mount=type=secret,id=<id>`),
// read with dockerfile-ast: the stages a secret claim builds and searches, and whose install
// steps it makes run again (a cached step never saw the secret).
import { DockerfileParser, type Run } from 'dockerfile-ast';

export interface SecretMount {
  /** The stage's name (lower-cased, as BuildKit matches targets), or null if unnamed. */
  stage: string | null;
  /** 1-based line of the RUN. */
  line: number;
}

function mountOptions(value: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) options.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return options;
}

/** The RUNs that mount secret `id` (any secret, without `id`), with their stages. */
export function secretMounts(content: string, id?: string): SecretMount[] {
  const dockerfile = DockerfileParser.parse(content);
  const froms = dockerfile.getFROMs();
  const mounts: SecretMount[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() !== 'RUN') continue;
    const line = instruction.getRange().start.line;
    const mounted = (instruction as Run).getFlags().some((flag) => {
      if (flag.getName().toLowerCase() !== 'mount') return false;
      const options = mountOptions(flag.getValue() ?? '');
      return options.get('type') === 'secret' && (id === undefined || (options.get('id') ?? '') === id);
    });
    if (!mounted) continue;
    const from = froms.filter((f) => f.getRange().start.line <= line).at(-1);
    mounts.push({ stage: from?.getBuildStage()?.toLowerCase() ?? null, line: line + 1 });
  }
  return mounts;
}
