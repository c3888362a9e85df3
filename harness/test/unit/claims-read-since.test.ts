// The claims read since the first forty, decided on hand-made reports: the tutorial's own recipes
// (what the engine said when each ran as written, what its text tags and gates), the base images'
// sizes, a full install against the production closure, and sizes stored and sent.
import { describe, expect, it } from 'vitest';
import { claimVerdicts } from '../../src/tutorial/verdicts.ts';
import { testsOnDefaultPath } from '../../src/tutorial/recipe-verdicts.ts';
import type { ClaimsReport } from '../../src/report/claims-model.ts';
import { claimsReportProblems } from '../../src/report/schema.ts';
import type { RecipeResult } from '../../src/recipes/types.ts';
import { fixtureCatalogue, fixtureReport, goApiReport, nodeApiReport } from './support/report-fixture.ts';

const verdictOf = (report: ClaimsReport, id: string) => {
  const found = claimVerdicts(report, fixtureCatalogue).find((v) => v.id === id);
  if (!found) throw new Error(`no claim ${id}`);
  return found;
};

function recipe(section: string, kind: RecipeResult['kind'], text: string, outcome: RecipeResult['outcome'], extra: Partial<RecipeResult> = {}): RecipeResult {
  return { id: `${section}-${text.length}`, kind, source: { section, where: 'block 1 of 1' }, text, bases: [], outcome, ...extra };
}

const notHere = (image: string): RecipeResult['outcome'] => ({ kind: 'not-built-here', reason: `not built here: ${image} needs a registry` });

const exampleSeven = `FROM node:18-alpine AS base
WORKDIR /app
COPY package*.json ./

FROM base AS build
RUN npm ci
COPY . .
RUN npm run build
RUN npm test

FROM base AS production
RUN npm ci --only=production
COPY --from=build /app/dist ./dist
CMD ["node", "dist/server.js"]
`;

const recipes: RecipeResult[] = [
  recipe('Example 1: Simple Node.js App', 'build-command', 'docker build -t myapp:multistage .', notHere('node:18-alpine')),
  recipe('Example 1: Simple Node.js App', 'image-command', 'docker images myapp', { kind: 'ran', output: ['no images'] }),
  recipe('Example 7: Development vs Production Stages', 'dockerfile', exampleSeven, notHere('node:18-alpine')),
  recipe('Debugging Multi-Stage Builds', 'build-command', 'docker build --target=builder .', notHere('node:18-alpine')),
  recipe('Debugging Multi-Stage Builds', 'build-command', 'docker build --target=test .', {
    kind: 'failed',
    error: 'failed to solve: target stage "test" could not be found',
  }),
  recipe('Debugging Multi-Stage Builds', 'build-command', 'docker build --target=production .', {
    kind: 'failed',
    error: 'failed to solve: target stage "production" could not be found',
  }),
  recipe('Docker Compose with Multi-Stage', 'compose-file', 'version: "3.8"', {
    kind: 'ran',
    output: ['docker-compose.yml: the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion'],
  }),
  recipe('Example 8: Using External Images in Stages', 'dockerfile', 'FROM hashicorp/terraform:latest AS terraform', notHere('bitnami/kubectl:latest'), {
    bases: [{ ref: 'bitnami/kubectl:latest', origin: 'absent' }],
  }),
];

const withRecipes = (list: RecipeResult[] | null = recipes): ClaimsReport => ({ ...fixtureReport(), ...(list ? { recipes: list } : {}) });

describe("claims decided on the tutorial's recipes as written", () => {
  it("quote the engine's error where a recipe fails, even beside one not built here", () => {
    const v = verdictOf(withRecipes(), 'debug-see-all-stages');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toContain('`docker build --target=test .` fails as written: failed to solve: target stage "test" could not be found');
    expect(v.detail).toContain('target stage "production" could not be found');
  });

  it("a warning is the finding where nothing should be said (Compose's obsolete version key)", () => {
    const v = verdictOf(withRecipes(), 'compose-version-key');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toContain('the attribute `version` is obsolete');
    expect(verdictOf(withRecipes([{ ...recipes[6]!, outcome: { kind: 'ran', output: [] } }]), 'compose-version-key').verdict).toBe('holds');
  });

  it('a recipe not built here waits, naming the image and where it would be decided, and names the recipe it read', () => {
    const v = verdictOf(withRecipes(), 'example-8-as-written');
    expect(v.verdict).toBe('not checked yet');
    expect(v.detail).toContain('not built here: bitnami/kubectl:latest needs a registry; where a registry answers (CI on GitHub runners)');
    expect(v.measuredOn).toEqual([{ app: recipes[7]!.id, recipe: 'tutorial', bases: [{ ref: 'bitnami/kubectl:latest', origin: 'absent' }] }]);
  });

  it("go into claims.json as its schema says: the recipes' verdicts, the recipes they were measured on", () => {
    const report = withRecipes();
    report.tutorialClaims = claimVerdicts(report, fixtureCatalogue);
    expect(claimsReportProblems(JSON.parse(JSON.stringify(report)))).toEqual([]);
  });

  it('wait when the run ran no recipes, or when the tutorial has no such recipe', () => {
    expect(verdictOf(withRecipes(null), 'debug-see-all-stages').detail).toMatch(/^the tutorial's recipes were not run in this run/);
    expect(verdictOf(withRecipes([]), 'compose-version-key').detail).toMatch(
      /^no recipe of the tutorial is a compose-file in "Docker Compose with Multi-Stage"/,
    );
  });

  it('`docker images myapp` compares nothing when the block tags one image (decided on its text, built or not)', () => {
    const v = verdictOf(withRecipes(), 'example-1-compare-sizes');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toContain('tag myapp:multistage: it lists that one image, nothing to compare');
    const twice = [recipe('Example 1: Simple Node.js App', 'build-command', 'docker build -t myapp:single .', notHere('node:18')), ...recipes];
    expect(verdictOf(withRecipes(twice), 'example-1-compare-sizes').verdict).toBe('holds');
  });

  it('tests gate the production image when a stage its build needs runs them (read with dockerfile-ast)', () => {
    expect(testsOnDefaultPath(exampleSeven)).toEqual([{ stage: 'build', command: 'RUN npm test' }]);
    expect(verdictOf(withRecipes(), 'example-7-tests-gate-production').verdict).toBe('holds');
    const offPath = exampleSeven.replace('COPY --from=build /app/dist ./dist', 'COPY dist ./dist');
    expect(testsOnDefaultPath(offPath)).toEqual([]);
    const v = verdictOf(withRecipes([{ ...recipes[2]!, text: offPath }]), 'example-7-tests-gate-production');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toContain('no stage that a build of its last stage needs runs a test command');
  });
});

describe("a before decided on the tutorial's own recipe", () => {
  const measured = (bytes: number): RecipeResult =>
    recipe(
      'Example 1: Simple Node.js App',
      'dockerfile',
      'FROM node:18\n\nWORKDIR /app\n\nCOPY package*.json ./\nRUN npm install  # Installs ALL dependencies\n',
      {
        kind: 'measured',
        measure: {
          tag: 'myapp:single',
          imageId: `sha256:${'ef'.repeat(32)}`,
          uncompressedBytes: bytes,
          compressedBytes: bytes / 3,
          packages: { os: 400, osSource: 'dpkg status', language: [] },
          user: '',
          nonRoot: false,
          buildMs: 1_000,
          stop: { exitedBeforeStop: false, exitCode: 137, ms: 10_100, killed: true },
        },
      },
      { bases: [{ ref: 'node:18', origin: 'forged', id: `sha256:${'12'.repeat(32)}` }] },
    );

  it('decides Example 1\'s "~1.1 GB" on the recipe as written on node:18 where the run measured it, and names that build', () => {
    const v = verdictOf(withRecipes([measured(1_100e6)]), 'example-1-single');
    expect(v.verdict).toBe('holds');
    expect(v.detail).toBe(
      "the tutorial's single-stage recipe as written (Example 1: Simple Node.js App, block 1 of 1) on node:18 (forged 121212121212): 1.10 GB (~1.10 GB)",
    );
    expect(v.measuredOn?.find((m) => m.recipe === 'tutorial')?.bases).toEqual([{ ref: 'node:18', origin: 'forged', id: `sha256:${'12'.repeat(32)}` }]);
    const big = verdictOf(withRecipes([measured(1_600e6)]), 'example-1-single');
    expect(big.verdict).toBe('does not hold');
    expect(big.detail).toContain(": the recipe's 1.60 GB against ~1.10 GB");
    // Its container, killed when the stop's grace ran out, is the finding of the stop claim (Example 4 beside it).
    const example4 = { ...measured(123.4e6), id: 'example-4', source: { section: 'Example 4: Python Application', where: 'block 1 of 1' } };
    const stop = verdictOf(withRecipes([measured(1_100e6), example4]), 'recipes-stop-on-sigterm');
    expect(stop.verdict).toBe('does not hold');
    expect(stop.detail).toContain("block 1 of 1): killed (SIGKILL) when `docker stop`'s grace ran out, after 10.1 s: as PID 1");
    // Not measured (its base needs a registry): the lab's before on today's base, labelled, as before.
    expect(verdictOf(withRecipes(), 'example-1-single').verdict).toBe('not checked yet');
  });
});

describe('claims decided on sizes and lockfiles the suite measures', () => {
  it('minimal bases: each slim variant against its full image, with origin and id; waits where the sizes were not measured', () => {
    const report = fixtureReport([
      nodeApiReport({
        bases: [
          { ref: 'node:24', origin: 'forged locally (stand-in: node 24)', id: `sha256:${'ab'.repeat(32)}`, bytes: 1_230e6 },
          { ref: 'node:24-slim', origin: 'forged locally (stand-in: node 24)', id: `sha256:${'cd'.repeat(32)}`, bytes: 230e6 },
        ],
      }),
      goApiReport(),
    ]);
    const v = verdictOf(report, 'minimal-base');
    expect(v.verdict).toBe('holds');
    expect(v.detail).toBe(
      'node:24-slim 230.0 MB (forged cdcdcdcdcdcd) against node:24 1.23 GB (forged abababababab): 81.3% smaller; not measured: python:3.13-trixie, python:3.13-slim-trixie',
    );
    expect(v.measuredOn?.map((m) => m.bases.map((b) => b.ref))).toEqual([['node:24', 'node:24-slim']]);
    expect(verdictOf(fixtureReport(), 'minimal-base').verdict).toBe('not checked yet');
  });

  it("Example 6's copied node_modules: the dev-only packages of a full install are the finding; a report without the count waits", () => {
    const fullstack = nodeApiReport({ app: 'fullstack' });
    fullstack.facts!.allow = {
      base: 'gcr.io/distroless/static-debian13:nonroot',
      baseFiles: [],
      nodeModules: {
        dir: '/app/node_modules',
        names: ['express'],
        storeDirs: ['express@5.3.0'],
        devOnly: ['vitest@5.1.1_@types+node@24.19.2', '@types+node@24.19.2'],
      },
    };
    const v = verdictOf(fixtureReport([fullstack, nodeApiReport()]), 'example-6-dev-dependencies');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toMatch(
      /^fullstack's lockfile: a full install is 3 packages, its production closure 1: copying node_modules from a full install ships 2 dev-only packages \(vitest, @types\/node\)/,
    );
    expect(verdictOf(fixtureReport([nodeApiReport({ app: 'fullstack' }), nodeApiReport()]), 'example-6-dev-dependencies').verdict).toBe('not checked yet');
  });

  it("less storage and bandwidth: smaller both uncompressed and gzip'd for every app", () => {
    const v = verdictOf(fixtureReport(), 'why-cost-savings');
    expect(v.verdict).toBe('holds');
    expect(v.detail).toMatch(/^stored \(uncompressed\): node-api .* -> .*; sent \(gzip'd\): node-api/);
    const bigger = nodeApiReport();
    bigger.facts!.multi.facts.compressedBytes = bigger.facts!.single.facts.compressedBytes;
    expect(verdictOf(fixtureReport([bigger, goApiReport()]), 'why-cost-savings').verdict).toBe('does not hold');
  });
});
