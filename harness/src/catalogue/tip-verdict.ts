// How the trial of one of the tutorial's tips is decided: by the verdict line its script prints
// as its last step, with the exit status that goes with it. A script that stops before it (a
// setup or control command that failed, under `set -e` with whatever status that command had)
// decides nothing: its exit status alone cannot tell "the tip failed" from "the trial broke".
/** The lines a trial prints when it has decided: with exit 0, and with exit 1. */
export const tipVerdictLine = { holds: 'verdict: holds', 'does not hold': 'verdict: does not hold' } as const;

export type TipOutcome = { verdict: 'holds' | 'does not hold' } | { verdict: 'not decided'; why: string };

const lastLine = (output: string) => output.trim().split('\n').at(-1)?.trim() || '(no output)';

export function tipOutcome(tried: { exitCode: number; output: string }): TipOutcome {
  const lines = new Set(tried.output.split('\n').map((l) => l.trim()));
  if (tried.exitCode === -1) return { verdict: 'not decided', why: `the trial could not run: ${lastLine(tried.output)}` };
  if (tried.exitCode === 0 && lines.has(tipVerdictLine.holds)) return { verdict: 'holds' };
  if (tried.exitCode === 1 && lines.has(tipVerdictLine['does not hold'])) return { verdict: 'does not hold' };
  const printed = [...lines].find((l) => l === tipVerdictLine.holds || l === tipVerdictLine['does not hold']);
  return {
    verdict: 'not decided',
    why: printed
      ? `it printed "${printed}" but exited ${tried.exitCode}`
      : `a setup or control step failed before the trial printed a verdict (exit ${tried.exitCode}): ${lastLine(tried.output)}`,
  };
}
