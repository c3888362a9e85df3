// The fork's README, for that app alone: how to build and run each target, what each stage is
// for (from the Dockerfile: its roles, its comments, what builds on what), the image's measured
// size and start-up, and the contract to keep as the app grows, with the commands that check it.
// Pure: everything it says comes in as data.
import type { AppEntry } from '../catalogue/types.ts';
import { defaultStopWithinMs } from '../catalogue/budgets.ts';
import { formatBytes, formatMs, markdownTable } from '../format.ts';
import type { StageInfo } from './dockerfile.ts';
import type { ForkIdentity } from './fork-identity.ts';
import type { MeasuredFigures } from './fork-figures.ts';
import type { Endpoint, localLoop } from './starter.ts';

export interface ReadmeInput {
  entry: AppEntry;
  identity: ForkIdentity;
  stages: StageInfo[];
  /** The production stage's USER, as written. */
  user: string | undefined;
  compose: { file: string; services: { name: string; target: string | undefined }[]; production: string };
  secrets: string[];
  workflowFile: string;
  measured: MeasuredFigures | undefined;
  /** The toolchain pin, as a sentence; running and testing without Docker; the endpoints. */
  starter: { pinSays: string; loop: ReturnType<typeof localLoop>; endpoints: Endpoint[] };
  /** The production HEALTHCHECK's command, as words. */
  healthcheck: string[] | undefined;
}

const fence = (lines: string[]) => ['```sh', ...lines, '```'].join('\n');

function envFlags(entry: AppEntry): string {
  return Object.entries(entry.service?.env ?? {})
    .map(([k, v]) => ` -e ${k}=${JSON.stringify(v)}`)
    .join('');
}

function mountFlag(source: string, target: string): string {
  const from = source === '.' || source === './' ? '$PWD' : `$PWD/${source.replace(/^\.\//, '')}`;
  return `-v "${from}:${target}"`;
}

function stageRole(entry: AppEntry, stage: StageInfo): string {
  if (stage.name === entry.productionTarget) return 'The image that ships: the default target, what `docker build .` makes.';
  if (stage.name === entry.test?.target) return 'Runs the checks and tests inside the build: a failing test fails `docker build --target test .`.';
  if (stage.name === entry.development?.target) return 'The development server: mount the sources and it reloads on every change.';
  return '';
}

function stageRows(entry: AppEntry, stages: StageInfo[]): string[][] {
  return stages.map((stage) => {
    const usedBy = stages.filter((s) => s.name !== null && s.uses.includes(stage.name ?? '')).map((s) => `\`${s.name}\``);
    const parts = [stageRole(entry, stage), stage.comment].filter(Boolean);
    // "Used by" says where it goes, never alone what a stage is for: the Dockerfile's comment does.
    if (!parts.length) parts.push(`Shared by ${usedBy.length ? usedBy.join(', ') : 'later stages'}; see its lines in the Dockerfile.`);
    else if (usedBy.length) parts.push(`Used by ${usedBy.join(', ')}.`);
    return [stage.name ? `\`${stage.name}\`` : '(unnamed)', `\`${stage.from}\``, parts.join(' ')];
  });
}

function buildCommands(input: ReadmeInput): string {
  const { entry, identity } = input;
  const name = identity.title;
  const service = entry.service!;
  const port = service.port;
  // The app's own build args (react-spa's API_URL and BUILD_ENV): values are the user's, not the lab's.
  const appArgs = Object.keys(entry.buildArgs ?? {});
  const sections: string[] = [];
  sections.push(
    '### Production (the default target)',
    '',
    fence([
      `docker build --build-arg VERSION="$(git describe --tags --always --dirty)" \\`,
      ...appArgs.map((arg) => `  --build-arg ${arg}="$${arg}" \\`),
      `  --build-arg REVISION="$(git rev-parse HEAD)" -t ${name} .`,
      `docker run --rm -p ${port}:${port}${envFlags(entry)} ${name}`,
      `curl -i http://localhost:${port}${service.healthPath}`,
    ]),
    '',
    ...(appArgs.length
      ? [
          `${appArgs.map((a) => `\`${a}\``).join(' and ')} ${appArgs.length > 1 ? 'are' : 'is'} the app's own build ${appArgs.length > 1 ? 'args' : 'arg'}, fixed in the image at build time: the Dockerfile says what ${appArgs.length > 1 ? 'each is' : 'it is'} for.`,
          '',
        ]
      : []),
    `\`VERSION\` and \`REVISION\` become the image's OCI labels${service.versionPath ? ` and the answer of \`${service.versionPath}\`` : ''}; \`SOURCE\` (the repository's address) defaults to the one in the Dockerfile${identity.source ? ` (${identity.source})` : ', which is empty until you set it'}.`,
  );
  if (entry.test) {
    sections.push(
      '',
      '### Tests',
      '',
      fence([`docker build --target ${entry.test.target} .`]),
      '',
      'The tests run as a build step: the build fails when a test fails, and its log names the test.',
    );
  }
  if (entry.development) {
    const dev = entry.development;
    sections.push(
      '',
      '### Development',
      '',
      fence([
        `docker build --target ${dev.target} -t ${name}:dev .`,
        `docker run --rm -p ${port}:${port}${envFlags(entry)} ${dev.mounts.map((m) => mountFlag(m.source, m.target)).join(' ')} ${name}:dev`,
      ]),
      '',
      `Edit a file under the mounted folder and the server reloads; \`curl http://localhost:${port}${dev.probePath}\` shows the change.`,
    );
  }
  const others = input.stages.filter((s) => s.name && ![entry.productionTarget, entry.test?.target, entry.development?.target].includes(s.name));
  if (others.length) {
    sections.push(
      '',
      '### Other stages',
      '',
      `Any stage builds on its own, to look inside it: ${others.map((s) => `\`docker build --target ${s.name} .\``).join(', ')}.`,
    );
  }
  const { compose } = input;
  const composeFlag = compose.file === 'compose.yaml' ? '' : ` -f ${compose.file}`;
  const dev = compose.services.find((s) => s.name !== compose.production && s.target === entry.development?.target);
  sections.push(
    '',
    '### Compose',
    '',
    fence([
      ...(dev ? [`docker compose${composeFlag} up --build ${dev.name}          # the development target`] : []),
      `docker compose${composeFlag} up --build --wait -d ${compose.production}  # returns once the container is healthy`,
      `docker compose${composeFlag} port ${compose.production} ${port}          # the host port it got`,
      `docker compose${composeFlag} down`,
    ]),
  );
  if (input.secrets.length) {
    sections.push(
      '',
      '### Build secrets',
      '',
      `The Dockerfile mounts ${input.secrets.map((s) => `\`${s}\``).join(', ')} as BuildKit secrets: they never reach a layer, the image config or its history, and the build works without them. To pass one (here from an environment variable):`,
      '',
      fence(input.secrets.map((s) => `docker build --secret id=${s},env=${secretEnv(s)} .`)),
    );
  }
  return sections.join('\n');
}

/** The environment variable (and CI secret) a build secret is read from. */
export function secretEnv(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}

function measuredSection(input: ReadmeInput): string {
  const m = input.measured;
  if (!m) return 'Not measured yet: build it and see `docker image ls`, and the health timings with `docker inspect`.';
  const rows: string[][] = [];
  if (m.uncompressedBytes !== undefined) rows.push(['size (uncompressed)', formatBytes(m.uncompressedBytes)]);
  if (m.compressedBytes !== undefined) rows.push(['size (compressed, as a registry stores it)', formatBytes(m.compressedBytes)]);
  if (m.readyMs !== undefined) rows.push([`start to first answer on ${input.entry.service?.healthPath ?? 'its health path'}`, formatMs(m.readyMs)]);
  if (m.healthyMs !== undefined) rows.push(['start to `healthy`', formatMs(m.healthyMs)]);
  if (m.stopMs !== undefined) rows.push(['`docker stop`', formatMs(m.stopMs)]);
  if (m.coldBuildMs !== undefined) rows.push(['cold build of the production target', formatMs(m.coldBuildMs)]);
  const where = [m.engine ? `Docker ${m.engine}` : '', m.when ? m.when.slice(0, 10) : '', m.benchRuns ? `timings: medians of ${m.benchRuns} runs` : '']
    .filter(Boolean)
    .join(', ');
  return [`Measured when this repository was made${where ? ` (${where})` : ''}:`, '', markdownTable(['what', 'measured'], rows)].join('\n');
}

function contractSection(input: ReadmeInput): string {
  const { entry, identity } = input;
  const { limits } = entry;
  const name = identity.title;
  const service = entry.service!;
  const stop = limits.stopWithinMs?.limit ?? defaultStopWithinMs;
  const rows: string[][] = [
    [
      'size',
      `at most ${formatBytes(limits.uncompressedBytes.limit)} uncompressed and ${formatBytes(limits.compressedBytes.limit)} compressed`,
      `the regular files' bytes of every layer of \`docker save ${name}\` (on the classic image store, \`docker image inspect -f '{{.Size}}' ${name}\`); CI fails over the budget`,
    ],
    [
      'non-root',
      `a numeric \`USER uid:gid\`, not 0${input.user ? ` (now \`${input.user}\`)` : ''}`,
      `\`docker inspect -f '{{.Config.User}}' ${name}\`; \`docker top <container>\` shows the uid`,
    ],
    [
      'health',
      `a \`HEALTHCHECK\` that needs no curl or wget; \`healthy\` within ${formatMs(limits.healthyWithinMs?.limit ?? 0)} of the start`,
      `\`docker compose up --wait\`; \`docker inspect -f '{{.State.Health.Status}}' <container>\``,
    ],
    ['signals', `exec-form \`ENTRYPOINT\`/\`CMD\`; \`docker stop\` ends it within ${formatMs(stop)}, without SIGKILL`, '`time docker stop <container>`'],
    [
      'hardening',
      `serves \`${service.healthPath}\` with a read-only root, no capabilities, no privilege gain`,
      `\`docker run --read-only --cap-drop ALL --security-opt no-new-privileges ${name}\``,
    ],
    ['labels', 'OCI `version`, `revision` and `source` from the build args', `\`docker inspect -f '{{json .Config.Labels}}' ${name}\``],
  ];
  const allowed = entry.allow?.paths.length
    ? `Besides the base image's own files, the image holds only: ${entry.allow.paths.map((p) => `\`${p}\``).join(', ')}${entry.allow.nodeModules ? `, and in \`${entry.allow.nodeModules.dir}\` the production dependencies of \`${entry.allow.nodeModules.lockfile}\`` : ''}.`
    : '';
  return [
    markdownTable(['rule', 'the budget', 'check it with'], rows),
    '',
    'As the app grows:',
    '',
    '- **Nothing of the build ships.** Compilers, package managers, dev dependencies, sources and tests stay in the build stages; the production stage copies only what runs. ' +
      allowed,
    '- **`.dockerignore` is an allow-list.** Everything is left out of the build context unless it is named there: add each new file or folder the build needs, and secrets, local builds and editor files never reach it.',
    '- **Dependencies before sources.** The manifests and lockfile are copied and installed before the sources, so a source change reuses the dependency layers; keep new dependency files in that early step.',
    `- **A size budget that means something.** When a change needs more room, raise \`SIZE_BUDGET_BYTES\` in \`${input.workflowFile}\` on purpose, and say why in the commit.`,
    `- **Health stays cheap.** ${input.healthcheck ? `The health check runs \`${input.healthcheck.join(' ')}\` inside the container, a probe the image already holds` : 'The health check needs no curl or wget'}; do not add curl or a shell to the image to probe it.`,
  ].join('\n');
}

function withoutDockerSection(input: ReadmeInput): string {
  const { pinSays, loop } = input.starter;
  return [
    `The toolchain, pinned where its tools read it: ${pinSays}`,
    '',
    fence([...loop.run.map((c) => `${c}${c === loop.run.at(-1) ? `   # serves on http://localhost:${input.entry.service!.port}` : ''}`), ...loop.test]),
    '',
    `To add a dependency: ${loop.add}`,
  ].join('\n');
}

function endpointsSection(input: ReadmeInput): string {
  const { service } = input.entry;
  const roles = new Map<string, string>([
    [service!.healthPath, 'liveness: the HEALTHCHECK asks it'],
    ...(service!.versionPath ? ([[service!.versionPath, 'the version and revision it was built from']] as [string, string][]) : []),
  ]);
  if (!input.starter.endpoints.length) return `\`${service!.healthPath}\` answers when it is live; every other path is the app's.`;
  return markdownTable(
    ['method', 'path', 'what'],
    input.starter.endpoints.map((e) => [e.method, `\`${e.path}\``, roles.get(e.path) ?? "the app's"]),
  );
}

function ciSection(input: ReadmeInput): string {
  return [
    `\`${input.workflowFile}\` runs on every push and pull request: it builds the \`${input.entry.test?.target ?? 'test'}\` target (the tests), builds the production image with \`VERSION\` (\`git describe\`) and \`REVISION\` (the commit) from git, checks its size budget and non-root user, and brings it up with Compose until it is healthy. A tag \`v1.2.3\` also pushes it to the GitHub container registry as \`ghcr.io/<owner>/<repository>:1.2.3\`, with its OCI labels.`,
    ...(input.secrets.length
      ? [
          '',
          `Build secrets come from the repository's Actions secrets of the same name in capitals (${input.secrets.map((s) => `\`${secretEnv(s)}\``).join(', ')}); without them the build goes on as it is.`,
        ]
      : []),
  ].join('\n');
}

export function renderReadme(input: ReadmeInput): string {
  const { entry, identity } = input;
  return [
    `# ${identity.title}`,
    '',
    `${identity.description}.`.replace(/\.\.$/, '.'),
    '',
    `A service and the multi-stage \`Dockerfile\` that ships it: the build context is this folder, and \`docker build .\` makes the production image. It listens on port ${entry.service!.port} and answers \`${entry.service!.healthPath}\` when it is live.`,
    '',
    '## Build and run',
    '',
    buildCommands(input),
    '',
    '## Without Docker',
    '',
    withoutDockerSection(input),
    '',
    '## Endpoints',
    '',
    endpointsSection(input),
    '',
    '## Stages',
    '',
    markdownTable(['stage', 'from', 'what it is for'], stageRows(entry, input.stages)),
    '',
    '## The image',
    '',
    measuredSection(input),
    '',
    '## Keeping the contract',
    '',
    contractSection(input),
    '',
    '## CI',
    '',
    ciSection(input),
    '',
    '## Licence',
    '',
    'MIT: see `LICENSE`. It names you as the holder; change it if your project takes another licence.',
    '',
  ].join('\n');
}
