// What a failed build of a recipe comes to: the engine's own error, quoted; or, when the
// engine failed only for a base image it does not have and could not pull, "not built here".
import { BuildError } from '../engine/build.ts';
import type { BaseImage, RecipeOutcome } from './types.ts';

/** The engine's reason in a BuildError's first line ("build of X from Y failed: <reason>"). */
export function engineReason(error: Error): string {
  const first = error.message.split('\n')[0] ?? '';
  const at = first.indexOf(' failed: ');
  return at < 0 ? first : first.slice(at + ' failed: '.length);
}

/** Resolving or pulling an image failed: BuildKit's words for a base it could not get. */
const unreachable = /failed to resolve source metadata for|pull access denied|failed to do request|no such host|connection refused|i\/o timeout/i;

/** The outcome of a build that threw, given the bases the engine was missing. */
export function failedBuildOutcome(error: unknown, bases: BaseImage[], unscope: (text: string) => string): RecipeOutcome {
  if (!(error instanceof Error)) return { kind: 'failed', error: String(error) };
  const reason = engineReason(error);
  const absent = bases.filter((b) => b.origin === 'absent');
  if (unreachable.test(reason) && absent.length) {
    // The engine stops at the first base it cannot get: name that one, then any others missing.
    const named = absent.find((b) => reason.includes(b.ref)) ?? absent[0]!;
    const others = absent.filter((b) => b !== named).map((b) => b.ref);
    return { kind: 'not-built-here', reason: `not built here: ${named.ref} needs a registry${others.length ? ` (and ${others.join(', ')})` : ''}` };
  }
  const step = error instanceof BuildError && error.failingStep ? ` (step: ${error.failingStep})` : '';
  return { kind: 'failed', error: unscope(`${reason}${step}`) };
}
