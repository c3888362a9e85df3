// What a check decides, the word every room shares: contract checks and claims return it,
// the suite asserts it, the report renders it.

/** What one check decided: pass or fail, with what was expected and what was found. */
export interface Verdict {
  ok: boolean;
  expected: string;
  found: string;
  /** The layer, instruction or log lines that explain a failure. */
  blame?: string;
}

/** A verdict under the check's id and title, as the report lists it. */
export interface CheckResult extends Verdict {
  id: string;
  title: string;
}

/** A verdict; the blame is kept only when it failed (a passing check has nothing to blame). */
export function verdict(ok: boolean, expected: string, found: string, blame?: string): Verdict {
  return { ok, expected, found, ...(blame && !ok ? { blame } : {}) };
}

/** A failed check as a message a person can act on. */
export function describeFailure(app: string, check: CheckResult): string {
  return [
    `${app}: ${check.title}`,
    `  expected: ${check.expected}`,
    `  found:    ${check.found}`,
    ...(check.blame ? [`  why:      ${check.blame.split('\n').join('\n            ')}`] : []),
  ].join('\n');
}
