// `pnpm fork APP DIR`: an app of the catalogue as a repository of its own. Everything is made
// in memory first (the app's files without the lab's glue, the Dockerfile at the root, its
// .dockerignore, compose.yaml, CI workflow and README), scanned for paths that leave the folder
// and for the lab's names, and only then written, and committed unless --no-git.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile, chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import type { AppEntry } from '../catalogue/types.ts';
import { fromRepo, repoRoot, reportsDir } from '../paths.ts';
import { composeFileNames, composeFromEntry, composeServices, forkComposeFile, productionService } from './fork-compose.ts';
import { forkDockerfile, healthcheckCommand, secretIds, stagesOf } from './dockerfile.ts';
import { resolveIdentity, type ForkIdentity } from './fork-identity.ts';
import { rewriteLabPaths, type LabLayout } from './lab-paths.ts';
import { readMeasuredFigures } from './fork-figures.ts';
import { dropLines, forkRefusals, generatedFiles, isAllowList, isDropped, pruneScripts, workspaceFiles } from './plan.ts';
import { renderReadme } from './fork-readme.ts';
import { renameFork } from './rename.ts';
import { endpointsOf, gitignoreFor, languageOf, localLoop, mitLicense, toolchainPin } from './starter.ts';
import { describeFindings, scanFork } from './scan.ts';
import { renderWorkflow, workflowFile } from './workflow.ts';

export interface ForkOptions {
  dir: string;
  /** git init (where DIR is no repository yet) and one commit. Default true. */
  git?: boolean;
  name?: string;
  source?: string;
  description?: string;
  /** Where the lab's report data is read from (default reports/). */
  reportsDir?: string;
}

export interface ForkResult {
  dir: string;
  identity: ForkIdentity;
  /** Every file written, fork-relative. */
  files: string[];
  /** package.json scripts left out because they ran a dropped file. */
  removedScripts: string[];
  commit?: string;
}

export class ForkRefused extends Error {
  constructor(app: string, reasons: string[]) {
    super(`${app} cannot be forked:\n${reasons.map((r) => `  - ${r}`).join('\n')}`);
    this.name = 'ForkRefused';
  }
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** The app's files as git sees them (tracked, and new ones not ignored), context-relative. */
function appFiles(context: string): string[] {
  const listed = git(repoRoot, ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', context]);
  return listed
    .split('\0')
    .filter(Boolean)
    .filter((file) => existsSync(path.join(repoRoot, file)))
    .map((file) => path.posix.relative(context, file));
}

const isText = (content: Buffer) => !content.subarray(0, 8000).includes(0);

/** DIR must be new, empty, or hold nothing but a git repository (a fresh clone). */
function checkTarget(dir: string): { hasGit: boolean; remote?: string } {
  if (!existsSync(dir)) return { hasGit: false };
  const present = readdirSync(dir);
  const others = present.filter((name) => name !== '.git');
  if (others.length)
    throw new Error(
      `${dir} is not empty (${others.slice(0, 5).join(', ')}${others.length > 5 ? ', ...' : ''}): fork into a new folder, an empty one, or a fresh clone`,
    );
  if (!present.includes('.git')) return { hasGit: false };
  let remote: string | undefined;
  try {
    remote = git(dir, ['remote', 'get-url', 'origin']);
  } catch {
    remote = undefined;
  }
  return { hasGit: true, ...(remote ? { remote } : {}) };
}

/** The production stage's USER, as written. */
function productionUser(dockerfile: string): string | undefined {
  const parsed = DockerfileParser.parse(dockerfile);
  const froms = parsed.getFROMs();
  const last = froms.at(-1)?.getRange().start.line ?? 0;
  const users = parsed.getInstructions().filter((i) => i.getKeyword() === 'USER' && i.getRange().start.line >= last);
  return users.at(-1)?.getArgumentsContent() ?? undefined;
}

/** Maven's exact version in the forged Maven image (its tag says 3.9 only), if the recipe is here. */
function mavenVersion(): string | undefined {
  const recipe = fromRepo('dockerfiles/bases/java/recipe.json');
  if (!existsSync(recipe)) return undefined;
  return (JSON.parse(readFileSync(recipe, 'utf8')) as { upstream?: { maven?: string } }).upstream?.maven;
}

/** The lab's other apps, by name: words a fork of `entry` must not hold. */
export function otherAppNames(entry: AppEntry, entries: AppEntry[]): string[] {
  return entries.map((e) => e.name).filter((name) => name !== entry.name);
}

/** Everything the fork holds, path -> contents, without touching DIR. */
export function planFork(
  entry: AppEntry,
  entries: AppEntry[],
  identity: ForkIdentity,
  reports = reportsDir,
  rename = false,
): { files: Map<string, Buffer>; removedScripts: string[] } {
  const refusals = forkRefusals(entry, entries);
  const layout: LabLayout = { context: entry.context, dockerfile: entry.dockerfiles.multi };
  // Docker reads <Dockerfile>.dockerignore beside the Dockerfile before the context's own.
  const ignoreFiles = [`${entry.dockerfiles.multi}.dockerignore`, `${entry.context}/.dockerignore`].filter((f) => existsSync(fromRepo(f)));
  const dockerignore = ignoreFiles[0] ? readFileSync(fromRepo(ignoreFiles[0]), 'utf8') : undefined;
  if (dockerignore === undefined) refusals.push(`${entry.name} has no .dockerignore: a fork's build context is its whole folder, so it needs an allow-list`);
  else if (!isAllowList(dockerignore))
    refusals.push(
      `${ignoreFiles[0]} is not an allow-list (its first rule must be \`*\`, then \`!\` for each thing the build needs): a fork would send its whole folder to every build`,
    );
  if (refusals.length) throw new ForkRefused(entry.name, refusals);

  const declared = entry.fork ?? {};
  const sources = appFiles(entry.context);
  const composeFile = entry.compose?.file ?? composeFileNames.find((name) => sources.includes(name));
  const droppedFiles = sources.filter((f) => isDropped(f, declared.drop ?? []));
  const out = new Map<string, Buffer>();
  const removedScripts: string[] = [];
  for (const file of sources) {
    if (droppedFiles.includes(file) || generatedFiles.includes(file) || workspaceFiles.includes(file) || file === composeFile) continue;
    let content = readFileSync(path.join(fromRepo(entry.context), file));
    if (isText(content)) {
      let text = content.toString('utf8');
      for (const rule of declared.dropLines ?? []) if (rule.file === file) text = dropLines(text, rule.pattern);
      if (path.posix.basename(file) === 'package.json') {
        const pruned = pruneScripts(text, droppedFiles);
        if (pruned.lab) continue;
        text = pruned.text;
        removedScripts.push(...pruned.removed);
      }
      content = Buffer.from(rewriteLabPaths(text, layout));
    }
    out.set(file, content);
  }
  // Files the build copies from the host (a fixture's static busybox): part of the fork's context.
  for (const [destination, source] of Object.entries(entry.hostFiles ?? {})) {
    if (!existsSync(source)) throw new Error(`${entry.name} builds with ${source} from this machine (hostFiles), which is not here`);
    out.set(destination, readFileSync(source));
  }

  const dockerfileText = readFileSync(fromRepo(entry.dockerfiles.multi), 'utf8');
  const dockerfile = forkDockerfile(dockerfileText, identity, layout);
  out.set('Dockerfile', Buffer.from(dockerfile));
  const ignoreText = (declared.dropLines ?? [])
    .filter((rule) => rule.file === '.dockerignore')
    .reduce((text, rule) => dropLines(text, rule.pattern), dockerignore!);
  out.set('.dockerignore', Buffer.from(rewriteLabPaths(ignoreText, layout)));
  const composeName = composeFile ?? 'compose.yaml';
  const compose = composeFile
    ? forkComposeFile(readFileSync(path.join(fromRepo(entry.context), composeFile), 'utf8'), composeFile, layout)
    : composeFromEntry(entry);
  out.set(composeName, Buffer.from(compose));
  const production = productionService(compose, entry.productionTarget);
  const secrets = secretIds(dockerfile);
  // A project of its own: its language's .gitignore (the app's own if it has one), a LICENSE
  // naming the fork's authors, the toolchain pinned where its tools look.
  const language = languageOf(out.keys());
  const texts = () => new Map([...out].filter(([, c]) => isText(c)).map(([f, c]) => [f, c.toString('utf8')]));
  const binary = /^module \S*?([^/\s]+)\s*$/m.exec(out.get('go.mod')?.toString('utf8') ?? '')?.[1];
  if (!out.has('.gitignore')) out.set('.gitignore', Buffer.from(gitignoreFor(language, binary)));
  if (!out.has('LICENSE')) out.set('LICENSE', Buffer.from(mitLicense(new Date().getUTCFullYear(), `the ${identity.title} authors`)));
  const maven = mavenVersion();
  const pin = toolchainPin({ language, dockerfile, files: texts(), ...(maven ? { mavenVersion: maven } : {}) });
  for (const [file, text] of pin.files) out.set(file, Buffer.from(text));
  const mainPackage = [...out.keys()].find((f) => /^[^/]+\/__main__\.py$/.test(f))?.split('/')[0];
  out.set(
    workflowFile,
    Buffer.from(
      renderWorkflow({
        testTarget: entry.test!.target,
        sizeBudgetBytes: entry.limits.uncompressedBytes.limit,
        composeFile: composeName,
        productionService: production,
        secrets,
      }),
    ),
  );
  out.set(
    'README.md',
    Buffer.from(
      renderReadme({
        entry,
        identity,
        stages: stagesOf(dockerfile),
        user: productionUser(dockerfile),
        compose: { file: composeName, services: composeServices(compose), production },
        secrets,
        workflowFile,
        measured: readMeasuredFigures(entry, reports),
        starter: {
          pinSays: pin.says,
          loop: localLoop(language, entry.service!.port, mainPackage),
          endpoints: endpointsOf(texts(), [entry.service!.healthPath, ...(entry.service!.versionPath ? [entry.service!.versionPath] : [])]),
        },
        healthcheck: healthcheckCommand(dockerfile),
      }),
    ),
  );

  // --name: the app's name becomes the fork's in its sources too (see rename.ts).
  if (rename) {
    const renamed = renameFork(out, entry.name, identity.title, isText);
    out.clear();
    for (const [file, content] of renamed) out.set(file, content);
  }
  const findings = scanFork(new Map([...out].filter(([, c]) => isText(c)).map(([f, c]) => [f, c.toString('utf8')])), otherAppNames(entry, entries));
  if (findings.length) {
    throw new Error(
      `the fork of ${entry.name} would still point at this repository (declare lab-only files and lines in the catalogue entry's \`fork\`, or reword them in the app):\n${describeFindings(findings)}`,
    );
  }
  return { files: out, removedScripts };
}

export async function forkApp(entry: AppEntry, entries: AppEntry[], options: ForkOptions): Promise<ForkResult> {
  const dir = path.resolve(options.dir);
  const target = checkTarget(dir);
  const identity = resolveIdentity({
    options: {
      ...(options.name ? { name: options.name } : {}),
      ...(options.source ? { source: options.source } : {}),
      ...(options.description ? { description: options.description } : {}),
    },
    ...(target.remote ? { remote: target.remote } : {}),
    dir,
    description: entry.title,
  });
  const { files, removedScripts } = planFork(entry, entries, identity, options.reportsDir, options.name !== undefined);
  for (const [file, content] of files) {
    const destination = path.join(dir, file);
    await mkdir(path.dirname(destination), { recursive: true });
    await writeFile(destination, content);
    // Keep the executable bit of scripts and binaries the build runs (build.sh, a host's busybox).
    const source = entry.hostFiles?.[file] ?? path.join(fromRepo(entry.context), file);
    if (existsSync(source) && ((await stat(source)).mode & 0o111) !== 0) await chmod(destination, 0o755);
  }
  const result: ForkResult = { dir, identity, files: [...files.keys()].sort(), removedScripts };
  if (options.git ?? true) {
    if (!target.hasGit) git(dir, ['init', '--quiet', '--initial-branch=main']);
    git(dir, ['add', '--all']);
    // A machine without a git identity still gets its one commit.
    const who = (() => {
      try {
        return git(dir, ['config', 'user.email']) ? [] : ['-c', 'user.name=pnpm fork', '-c', 'user.email=fork@localhost'];
      } catch {
        return ['-c', 'user.name=pnpm fork', '-c', 'user.email=fork@localhost'];
      }
    })();
    git(dir, [...who, 'commit', '--quiet', '--message', `${identity.title}: a service and its multi-stage Dockerfile, from the ${entry.name} template`]);
    result.commit = git(dir, ['rev-parse', 'HEAD']);
  }
  return result;
}
