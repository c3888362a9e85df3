// Every lab Dockerfile is read by the current Dockerfile frontend with its build checks as errors:
// it starts with `# syntax=docker/dockerfile:1.29` and a `# check=` directive with error=true, and
// each rule it skips (`skip=Rule,...`) is named again, with its reason, in a comment line
// `# Check skipped: Rule, because ...` (a directive line cannot hold a reason). The frontend
// image is dockerfiles/bases/dockerfile-frontend's, where no registry serves it. A Dockerfile built
// where that image cannot be (an engine of a test's own, empty but for what the test makes) says so
// on its first line, `# Built-in frontend, because ...`, and carries no syntax line.
import { DockerfileParser } from 'dockerfile-ast';
import type { LintFinding } from './dockerfile-lint.ts';

/** The frontend every lab Dockerfile names: the one BuildKit v0.35.0 carries. */
export const LAB_FRONTEND = 'docker/dockerfile:1.29';

/** The `# check=` directive's skipped rules, or null when it does not make violations errors. */
function checkDirective(value: string): { skipped: string[] } | null {
  const options = new Map(
    value.split(';').map((part) => {
      const eq = part.indexOf('=');
      return [part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim()] as const;
    }),
  );
  if (options.get('error') !== 'true') return null;
  const skip = options.get('skip');
  return { skipped: skip ? skip.split(',').map((r) => r.trim()) : [] };
}

/** Findings for a Dockerfile that is not under the lab's frontend with its checks as errors. */
export function lintFrontendDirectives(content: string, file: string): LintFinding[] {
  const findings: LintFinding[] = [];
  const add = (line: number, message: string, fix: string) => findings.push({ file, line, rule: 'frontend-directives', message, fix });
  const directives = DockerfileParser.parse(content).getDirectives();
  const named = (name: string) => directives.find((d) => d.getName().toLowerCase() === name);
  const syntax = named('syntax');
  if (!syntax && /^#\s*Built-in frontend, because \S/.test(content)) return findings;
  if (syntax?.getValue() !== LAB_FRONTEND)
    add(
      1,
      syntax
        ? `the file is read by ${syntax.getValue()}, not the lab's frontend ${LAB_FRONTEND}`
        : "no `# syntax=` directive: the engine's built-in frontend reads the file, with no build checks and no Dockerfile 1.10+ features",
      `make the first line \`# syntax=${LAB_FRONTEND}\``,
    );
  const check = named('check');
  const parsed = check ? checkDirective(check.getValue()) : null;
  if (!parsed) {
    add(
      check ? check.getRange().start.line + 1 : 1,
      "the frontend's build checks do not fail the build: a violation is a warning nobody reads",
      'add `# check=error=true` right after the syntax line (`# check=skip=Rule;error=true` to skip one, with its reason)',
    );
    return findings;
  }
  const lines = content.split('\n');
  for (const rule of parsed.skipped) {
    const reason = lines.find((l) => new RegExp(`^#\\s*Check skipped: ${rule}, because \\S`).test(l));
    if (!reason)
      add(
        check!.getRange().start.line + 1,
        `the check ${rule} is skipped without a reason`,
        `say why below the directives: \`# Check skipped: ${rule}, because ...\``,
      );
  }
  return findings;
}
