// Which catalogue entries can be forked, and which of an app's files a fork takes and how:
// pure decisions over the entry and the list of the app's files, so they can be tested alone.
import type { AppEntry } from '../catalogue/types.ts';

/** Why an entry cannot be forked (empty when it can), as sentences a user reads. */
export function forkRefusals(entry: AppEntry, entries: AppEntry[]): string[] {
  const reasons: string[] = [];
  if (!entry.service)
    reasons.push(
      `${entry.name} serves nothing (its catalogue entry has no service): a fork is a starter for a service, with its health check, Compose service and CI`,
    );
  if (!entry.test) reasons.push(`${entry.name}'s Dockerfile has no test target: a fork's CI builds one, so a failing test stops a release`);
  const inside = entries.filter(
    (other) => other.name !== entry.name && other.context !== entry.context && other.context.startsWith(`${entry.context.replace(/\/+$/, '')}/`),
  );
  if (inside.length) {
    reasons.push(
      `${entry.name}'s build context ${entry.context} holds other apps (${inside.map((o) => `${o.name} in ${o.context}`).join(', ')}): a fork owns one app's folder, and those apps are forked on their own (pnpm fork ${inside[0]!.name} DIR)`,
    );
  }
  return reasons;
}

/** Whether a .dockerignore is an allow-list: its first rule leaves everything out (`*`). */
export function isAllowList(dockerignore: string): boolean {
  const rules = dockerignore
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return rules[0] === '*' || rules[0] === '**' || rules[0] === '/*';
}

/** Whether `file` (context-relative) is `dropped` or lies in a dropped folder. */
export function isDropped(file: string, dropped: string[]): boolean {
  return dropped.some((d) => {
    const prefix = d.replace(/\/+$/, '');
    return file === prefix || file.startsWith(`${prefix}/`);
  });
}

/** The text without the lines (of one file) that match `pattern`. */
export function dropLines(text: string, pattern: string): string {
  const regex = new RegExp(pattern);
  return text
    .split('\n')
    .filter((line) => !regex.test(line))
    .join('\n');
}

/**
 * package.json without the scripts that run a file the fork leaves out (`node scripts/lockfile.ts`
 * when scripts/ is dropped) or one outside the app's folder (`node ../../harness/...`, the lab's
 * runners): a fork keeps no command that cannot run. A dropped folder named as an argument
 * (`oxlint src test scripts`) is no file and stays. Written back as npm and pnpm do. `lab`: the
 * manifest held nothing else, no script left and no dependency (a Python or Java app's, there only
 * so turbo runs its tests in the lab's workspace): the fork leaves the file out.
 */
export function pruneScripts(packageJson: string, droppedFiles: string[]): { text: string; removed: string[]; lab: boolean } {
  const manifest = JSON.parse(packageJson) as { scripts?: Record<string, string> } & Record<string, unknown>;
  const dropped = new Set(droppedFiles);
  const removed: string[] = [];
  for (const [name, command] of Object.entries(manifest.scripts ?? {})) {
    if (command.split(/[\s'"=]+/).some((word) => dropped.has(word.replace(/^\.\//, '')) || word.startsWith('../'))) {
      delete manifest.scripts![name];
      removed.push(name);
    }
  }
  const dependencies = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].some(
    (key) => Object.keys((manifest[key] as object | undefined) ?? {}).length,
  );
  const lab = removed.length > 0 && !Object.keys(manifest.scripts ?? {}).length && !dependencies;
  return { text: removed.length ? `${JSON.stringify(manifest, null, 2)}\n` : packageJson, removed, lab };
}

/** Files the fork writes itself, whatever the app has under these names. */
export const generatedFiles = ['Dockerfile', '.dockerignore', 'README.md', '.github/workflows/image.yml'];

/** The lab workspace's glue in an app's folder, never a fork's: the app's turbo tasks (they extend the root's). */
export const workspaceFiles = ['turbo.json'];
