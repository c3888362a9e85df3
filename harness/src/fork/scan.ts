// What must not be in a fork: a path that leaves it (`../` climbing above its root, as the lab's
// Compose files and scripts do), or a name of the lab (its name, harness, catalogue, workspace
// glue, image names and labels). Pure: the fork command runs it on what it wrote, and the fork
// test runs it again on the folder.
import path from 'node:path';

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** The lab's names, each with what it is. Word-bounded: "gitlab" or "label" are not the lab. */
export const labNames: { pattern: RegExp; what: string }[] = [
  { pattern: /multi-?stage[ -]lab/i, what: "the lab's name" },
  // "lab" as a word, also a package or group id (lab.javaapi): "gitlab", "label" are no word "lab".
  { pattern: /\blab\b/i, what: 'the lab' },
  { pattern: /\bharness\b/i, what: "the lab's harness" },
  { pattern: /\bcatalogue\b/i, what: "the lab's catalogue" },
  { pattern: /\bLAB_[A-Z]/, what: 'a lab environment variable' },
  { pattern: /(?<![\w.-])dockerfiles\//, what: "the lab's Dockerfiles folder" },
  { pattern: /\bturbo\b|pnpm-workspace|\bworkspace\b|\bmonorepo\b/i, what: "the lab's workspace" },
  // pytest's own fixtures (@pytest.fixture) are the app's.
  { pattern: /(?<!\.)\bfixtures?\b/i, what: "a word of the lab's tests (fixture)" },
  // A fork has one Dockerfile, named Dockerfile: another (token-as-build-arg.Dockerfile) is the lab's.
  { pattern: /[\w-]+\.Dockerfile\b/, what: "another of the lab's Dockerfiles" },
  { pattern: /\blab\/[a-z0-9-]+:/, what: 'a lab image name' },
  { pattern: /io\.multistage-lab/, what: 'a lab label' },
];

/** `../` runs in a line, with what follows them: a relative path that may climb. */
const climbing = /(?:^|[^\w.])((?:\.\.\/)+)([^\s'"`),;]*)/g;

/**
 * Paths in a file that climb above the fork's root: `../` resolved from the file's folder.
 * An import of `../src/app.ts` from test/ stays inside and is fine.
 */
export function escapingPaths(file: string, text: string): Finding[] {
  const findings: Finding[] = [];
  const dir = path.posix.dirname(file);
  text.split('\n').forEach((line, i) => {
    for (const match of line.matchAll(climbing)) {
      const target = path.posix.normalize(path.posix.join(dir, `${match[1]}${match[2]}`));
      if (target === '..' || target.startsWith('../')) {
        findings.push({ file, line: i + 1, text: line.trim(), why: `${match[1]}${match[2]} leaves the repository` });
      }
    }
  });
  return findings;
}

/** The names of the lab's other apps, as words (a fork of node-api names no react-spa). */
export function appNamePatterns(names: string[]): { pattern: RegExp; what: string }[] {
  return names.map((name) => ({
    pattern: new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'i'),
    what: "another of the lab's apps",
  }));
}

export function labNameFindings(file: string, text: string, otherApps: string[] = []): Finding[] {
  const findings: Finding[] = [];
  const patterns = [...labNames, ...appNamePatterns(otherApps)];
  text.split('\n').forEach((line, i) => {
    for (const { pattern, what } of patterns) {
      const match = pattern.exec(line);
      if (match) findings.push({ file, line: i + 1, text: line.trim(), why: `"${match[0]}": ${what}` });
    }
  });
  return findings;
}

/**
 * Every finding in a fork's text files (path -> contents; binary files left out by the caller).
 * `otherApps`: the names of the lab's apps other than the forked one.
 */
export function scanFork(files: Map<string, string>, otherApps: string[] = []): Finding[] {
  const findings: Finding[] = [];
  const names = [...labNames, ...appNamePatterns(otherApps)];
  for (const [file, text] of files) {
    if (names.some(({ pattern }) => pattern.test(file))) findings.push({ file, line: 0, text: file, why: 'its name is a lab name' });
    findings.push(...escapingPaths(file, text), ...labNameFindings(file, text, otherApps));
  }
  return findings;
}

export function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `${f.file}${f.line ? `:${f.line}` : ''}: ${f.why}\n    ${f.text.slice(0, 160)}`).join('\n');
}
