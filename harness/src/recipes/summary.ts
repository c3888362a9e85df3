// One line per recipe result, for the terminal and claims.md: where it is in the tutorial,
// what it is, and what it came to (figures, the quoted error, or why it was not built here).
import { formatBytes, formatMs } from '../format.ts';
import type { RecipeOutcome, RecipeResult, RecipeStop } from './types.ts';

function describeStop(stop: RecipeStop): string {
  if (stop.exitedBeforeStop) return `its command ended by itself (exit ${stop.exitCode})`;
  return `docker stop: ${stop.killed ? 'killed (SIGKILL)' : `exit ${stop.exitCode}`} after ${formatMs(stop.ms)}`;
}

export function describeOutcome(outcome: RecipeOutcome): string {
  switch (outcome.kind) {
    case 'measured': {
      const m = outcome.measure;
      const language = m.packages.language.map((l) => `${l.count} ${l.ecosystem}`).join(', ');
      return `measured: ${formatBytes(m.uncompressedBytes)} (${formatBytes(m.compressedBytes)} gzip'd), ${m.packages.os} OS packages${language ? ` and ${language} packages` : ''}, ${m.nonRoot ? `runs as ${m.user}` : 'runs as root'}, ${describeStop(m.stop)}`;
    }
    case 'failed':
      return `fails as written: ${outcome.error}`;
    case 'ran':
      return `ran${outcome.output.length ? `: ${outcome.output.join(' / ')}` : ''}`;
    case 'not-built-here':
      return outcome.reason;
  }
}

/** What a Dockerfile recipe is by its FROM lines: one stage or more. */
export function stagesWord(dockerfile: string): 'single-stage' | 'multi-stage' {
  return (dockerfile.match(/^\s*FROM\s/gim) ?? []).length > 1 ? 'multi-stage' : 'single-stage';
}

/** The base images a result was built on: tag, id (short) and origin. */
export function describeBases(result: RecipeResult): string {
  return result.bases.map((b) => `${b.ref} ${b.origin === 'absent' ? '(absent)' : `${b.id?.slice(7, 19) ?? ''} ${b.origin}`}`).join(', ');
}

export function recipeLine(result: RecipeResult): string {
  const bases = describeBases(result);
  return `${result.source.section} (${result.source.where}), ${result.kind}: ${describeOutcome(result.outcome)}${bases ? ` [on ${bases}]` : ''}`;
}

/** One line for the terminal: how many recipes came to what. */
export function recipesCount(results: RecipeResult[]): string {
  const n = (kind: RecipeResult['outcome']['kind']) => results.filter((r) => r.outcome.kind === kind).length;
  return `the tutorial's ${results.length} recipes as written: ${n('measured')} measured, ${n('failed')} fail with the engine's error, ${n('ran')} commands ran, ${n('not-built-here')} not built here`;
}
