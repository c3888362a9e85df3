// The fork's Dockerfile, Compose file, workflow and plan decisions, as pure functions.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AppEntry } from '../../src/catalogue/types.ts';
import goApi from '../../src/catalogue/apps/go-api.ts';
import nodeApi from '../../src/catalogue/apps/node-api.ts';
import { composeFromEntry, composeServices, forkComposeFile, productionService } from '../../src/fork/fork-compose.ts';
import { forkDockerfile, secretIds, stagesOf } from '../../src/fork/dockerfile.ts';
import type { ForkIdentity } from '../../src/fork/fork-identity.ts';
import { dropLines, forkRefusals, isAllowList, isDropped, pruneScripts } from '../../src/fork/plan.ts';
import { renderWorkflow } from '../../src/fork/workflow.ts';

const identity: ForkIdentity = { title: 'widgets', source: 'https://github.com/acme/widgets', description: 'Widgets "API"', from: 'options' };
const layout = { context: 'apps/widgets', dockerfile: 'dockerfiles/widgets/multi.Dockerfile' };

const withArgSource = `# Build: docker build -f dockerfiles/widgets/multi.Dockerfile apps/widgets
FROM golang AS build
RUN go build

# ---- production (default): the binary alone ----
FROM scratch AS production
COPY --from=build /out/app /app
USER 65532:65532
ARG VERSION=dev
ARG SOURCE=https://github.com/lab/lab/tree/main/apps/widgets
LABEL org.opencontainers.image.title="widgets-lab" \\
      org.opencontainers.image.description="the lab's widgets" \\
      org.opencontainers.image.version="\${VERSION}" \\
      org.opencontainers.image.source="\${SOURCE}"
`;

const hardcodedSource = `FROM scratch AS production
ARG VERSION=dev
LABEL org.opencontainers.image.title="x" \\
      org.opencontainers.image.version="\${VERSION}" \\
      org.opencontainers.image.source="https://github.com/lab/lab/tree/main/apps/x"
COPY site /www
`;

describe('forkDockerfile', () => {
  it("makes the labels the fork's and defaults SOURCE to its address", () => {
    const out = forkDockerfile(withArgSource, identity, layout);
    expect(out).toContain('ARG SOURCE=https://github.com/acme/widgets\n');
    expect(out).toContain('org.opencontainers.image.title="widgets"');
    expect(out).toContain('org.opencontainers.image.description="Widgets \\"API\\""');
    expect(out).toContain('org.opencontainers.image.source="${SOURCE}"');
    expect(out).toContain('org.opencontainers.image.version="${VERSION}"');
    expect(out).not.toContain('lab');
    expect(out.split('\n')[0]).toBe('# Build: docker build .');
  });

  it('turns a hard-coded source into the SOURCE build arg, declared before the LABEL', () => {
    const out = forkDockerfile(hardcodedSource, identity, layout);
    expect(out).toMatch(
      /ARG SOURCE=https:\/\/github.com\/acme\/widgets\n(LABEL org.opencontainers.image.description="Widgets \\"API\\""\n)?LABEL org.opencontainers.image.title="widgets"/,
    );
    expect(out).toContain('org.opencontainers.image.source="${SOURCE}"');
    expect(out).toContain('org.opencontainers.image.description=');
    expect(out.endsWith('COPY site /www\n')).toBe(true);
  });

  it('leaves SOURCE empty when the fork has no address yet', () => {
    expect(forkDockerfile(withArgSource, { ...identity, source: '' }, layout)).toContain('ARG SOURCE=\n');
  });
});

describe('stagesOf', () => {
  it('reads each stage, its comment (not the file header) and what it builds on', () => {
    const stages = stagesOf(withArgSource);
    expect(stages.map((s) => [s.name, s.from, s.uses])).toEqual([
      ['build', 'golang', []],
      ['production', 'scratch', ['build']],
    ]);
    expect(stages[0]!.comment).toBe('');
    expect(stages[1]!.comment).toBe('The binary alone.');
  });

  it('finds build secrets', () => {
    expect(secretIds('FROM x\nRUN --mount=type=secret,id=npm_token,required=false --mount=type=cache,target=/c pnpm i\n')).toEqual(['npm_token']);
    expect(secretIds(withArgSource)).toEqual([]);
  });
});

describe('Compose', () => {
  const labCompose = `services:
  app-dev:
    build:
      context: .
      # Relative to the context: the Dockerfiles live with the repository's others.
      dockerfile: ../../dockerfiles/widgets/multi.Dockerfile
      target: development
  app-prod:
    build:
      context: .
      dockerfile: ../../dockerfiles/widgets/multi.Dockerfile
      target: production
    read_only: true
`;

  it("drops the lab's Dockerfile path (Compose defaults to Dockerfile) and its comment", () => {
    const out = forkComposeFile(labCompose, 'compose.yaml', layout);
    expect(out).not.toContain('dockerfile');
    expect(out).not.toContain('Relative to the context');
    expect(parse(out)).toEqual({
      services: {
        'app-dev': { build: { context: '.', target: 'development' } },
        'app-prod': { build: { context: '.', target: 'production' }, read_only: true },
      },
    });
  });

  it('writes both targets of an app that has no Compose file, from its entry', () => {
    const out = composeFromEntry(goApi as AppEntry);
    expect(composeServices(out)).toEqual([
      { name: 'app-dev', target: 'development', ports: ['8080'] },
      { name: 'app-prod', target: 'production', ports: ['8080'] },
    ]);
    const prod = (parse(out) as { services: Record<string, Record<string, unknown>> }).services['app-prod']!;
    expect(prod).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
    expect((parse(out) as { services: Record<string, { volumes?: string[] }> }).services['app-dev']!.volumes).toEqual(['.:/src']);
  });

  it('finds the production service by its target', () => {
    expect(productionService(labCompose, 'production')).toBe('app-prod');
    expect(() => productionService(labCompose, 'runtime')).toThrow(/no service of the Compose file builds the runtime target/);
  });
});

describe('plan', () => {
  it('refuses a tool image, an app without tests, and a context that holds other apps', () => {
    const app = nodeApi as AppEntry;
    const composite = { ...app, name: 'both', context: 'apps', test: undefined } as AppEntry;
    const tool = { ...app, name: 'tool', service: undefined } as AppEntry;
    expect(forkRefusals(app, [app, composite, tool])).toEqual([]);
    expect(forkRefusals(tool, [app, tool]).join('\n')).toContain('tool serves nothing');
    const reasons = forkRefusals(composite, [app, composite]);
    expect(reasons.join('\n')).toContain("both's Dockerfile has no test target");
    expect(reasons.join('\n')).toContain('build context apps holds other apps (node-api in apps/node-api)');
  });

  it('tells an allow-list from a deny list', () => {
    expect(isAllowList('# only what the build needs\n*\n!src\n')).toBe(true);
    expect(isAllowList('.git\nnode_modules/\n')).toBe(false);
  });

  it('drops declared files and folders, and declared lines', () => {
    expect(isDropped('scripts/lockfile.ts', ['scripts'])).toBe(true);
    expect(isDropped('scripts2/x.ts', ['scripts'])).toBe(false);
    expect(dropLines('a\n// LAB_X: for CI\nreporters: [x, ...(process.env.LAB_X ? [] : [])],\nb', 'LAB_X')).toBe('a\nb');
  });

  it('leaves out scripts that run a dropped file, and keeps a dropped folder as an argument', () => {
    const manifest = JSON.stringify({
      name: 'x',
      scripts: { lint: 'oxlint src scripts', lockfile: 'node scripts/lockfile.ts', sync: 'node ./scripts/lockfile.ts --check' },
    });
    const { text, removed } = pruneScripts(manifest, ['scripts/lockfile.ts']);
    expect(removed).toEqual(['lockfile', 'sync']);
    expect(JSON.parse(text)).toEqual({ name: 'x', scripts: { lint: 'oxlint src scripts' } });
    expect(pruneScripts(manifest, []).text).toBe(manifest);
  });

  it("leaves out a package.json that only runs the lab's runners: a Python or Java app's, there for turbo", () => {
    const runner = JSON.stringify({ name: 'py', private: true, scripts: { 'test:unit': 'node ../../harness/src/tasks/python-test.ts' } });
    expect(pruneScripts(runner, [])).toMatchObject({ removed: ['test:unit'], lab: true });
    // A script that stays, or a dependency, keeps the manifest (without the lab's runner).
    const goVet = JSON.stringify({ name: 'go', scripts: { 'test:unit': 'node ../../harness/src/tasks/go-test.ts', typecheck: 'go vet ./...' } });
    expect(pruneScripts(goVet, [])).toMatchObject({ removed: ['test:unit'], lab: false });
    expect(JSON.parse(pruneScripts(goVet, []).text)).toEqual({ name: 'go', scripts: { typecheck: 'go vet ./...' } });
    const withDependency = JSON.stringify({ name: 'n', dependencies: { express: '5.3.0' }, scripts: { check: 'node ../tool.ts' } });
    expect(pruneScripts(withDependency, []).lab).toBe(false);
    expect(pruneScripts(JSON.stringify({ name: 'x', scripts: {} }), []).lab).toBe(false);
  });
});

describe('renderWorkflow', () => {
  const workflow = renderWorkflow({
    testTarget: 'test',
    sizeBudgetBytes: 8_000_000,
    composeFile: 'compose.yaml',
    productionService: 'app-prod',
    secrets: ['npm_token'],
  });

  it('builds the test target, then production with VERSION and REVISION from git, and pushes on a tag', () => {
    const parsed = parse(workflow) as { on: unknown; jobs: { image: { env: Record<string, string>; steps: { name?: string; run?: string; if?: string }[] } } };
    const steps = parsed.jobs.image.steps;
    expect(steps.find((s) => s.name?.startsWith('Tests'))?.run).toBe('docker build --target test --secret id=npm_token,env=NPM_TOKEN .');
    expect(steps.find((s) => s.name === 'Version and revision from git')?.run).toContain('git describe --tags --always --dirty');
    expect(steps.find((s) => s.name === 'Production image')?.run).toContain('--build-arg REVISION="$REVISION"');
    expect(steps.find((s) => s.name?.startsWith('Push'))?.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(parsed.jobs.image.env).toMatchObject({ SIZE_BUDGET_BYTES: '8000000', NPM_TOKEN: '${{ secrets.NPM_TOKEN }}' });
  });
});
