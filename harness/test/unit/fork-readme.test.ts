// The fork's README and the figures it shows; and, for every catalogue app, the fork as planned
// (in memory, no engine): refused with reasons, or clean of the lab's paths and names.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entries } from '../../src/catalogue/index.ts';
import type { AppEntry } from '../../src/catalogue/types.ts';
import goApi from '../../src/catalogue/apps/go-api.ts';
import { forkDockerfile, healthcheckCommand, stagesOf } from '../../src/fork/dockerfile.ts';
import { localLoop } from '../../src/fork/starter.ts';
import { ForkRefused, planFork } from '../../src/fork/fork.ts';
import { forkRefusals } from '../../src/fork/plan.ts';
import { asBench, asClaims, measuredFigures, readMeasuredFigures } from '../../src/fork/fork-figures.ts';
import type { BenchReport } from '../../src/measure/bench.ts';
import { fixtureEngine, fixtureReport, goApiReport } from './support/report-fixture.ts';
import { renderReadme, type ReadmeInput } from '../../src/fork/fork-readme.ts';
import { scanFork } from '../../src/fork/scan.ts';
import { fromRepo } from '../../src/paths.ts';

const identity = { title: 'widgets', source: 'https://github.com/acme/widgets', description: 'Widgets on scratch', from: 'options' as const };
const entry = goApi as AppEntry;

function readmeInput(measured: ReadmeInput['measured']): ReadmeInput {
  const dockerfile = forkDockerfile(readFileSync(fromRepo(entry.dockerfiles.multi), 'utf8'), identity, {
    context: entry.context,
    dockerfile: entry.dockerfiles.multi,
  });
  return {
    entry,
    identity,
    stages: stagesOf(dockerfile),
    user: '65532:65532',
    compose: {
      file: 'compose.yaml',
      services: [
        { name: 'app-dev', target: 'development' },
        { name: 'app-prod', target: 'production' },
      ],
      production: 'app-prod',
    },
    secrets: [],
    workflowFile: '.github/workflows/image.yml',
    measured,
    starter: { pinSays: 'Go 1.26.0.', loop: localLoop('go', 8080), endpoints: [{ method: 'GET', path: '/health' }] },
    healthcheck: healthcheckCommand(dockerfile),
  };
}

describe('renderReadme', () => {
  it("says how to build and run each target, with the fork's name", () => {
    const readme = renderReadme(readmeInput(undefined));
    expect(readme).toContain('# widgets\n\nWidgets on scratch.');
    expect(readme).toContain('--build-arg REVISION="$(git rev-parse HEAD)" -t widgets .');
    expect(readme).toContain('docker build --target test .');
    expect(readme).toContain('docker run --rm -p 8080:8080 -v "$PWD:/src" widgets:dev');
    expect(readme).toContain('docker compose up --build --wait -d app-prod');
  });

  it("passes the app's own build args in its build command, with the user's values, not the lab's", () => {
    const withArgs = { ...readmeInput(undefined), entry: { ...entry, buildArgs: { API_URL: 'https://api.x.lab.test', BUILD_ENV: 'production' } } };
    const readme = renderReadme(withArgs);
    expect(readme).toContain('  --build-arg API_URL="$API_URL" \\\n  --build-arg BUILD_ENV="$BUILD_ENV" \\\n');
    expect(readme).toContain("`API_URL` and `BUILD_ENV` are the app's own build args");
    expect(readme).not.toContain('lab.test');
    expect(renderReadme(readmeInput(undefined))).not.toContain('own build arg');
  });

  it('says what each stage is for: its role, its comment, what uses it', () => {
    const readme = renderReadme(readmeInput(undefined));
    expect(readme).toMatch(/\| `production` \| `scratch` \| The image that ships/);
    expect(readme).toMatch(/\| `deps` \| `base` \| Dependencies first, sources later.*Used by `source`, `development`\. \|/);
    expect(readme).toMatch(/\| `test` \| `source` \| Runs the checks and tests inside the build/);
  });

  it('says "not measured yet" without report data', () => {
    expect(renderReadme(readmeInput(undefined))).toContain('Not measured yet');
  });

  it('shows the measured size and start-up, and the budgets to keep', () => {
    const readme = renderReadme(
      readmeInput({
        uncompressedBytes: 5_900_000,
        compressedBytes: 2_520_000,
        healthyMs: 1088,
        readyMs: 30,
        stopMs: 187,
        benchRuns: 3,
        when: '2026-11-20T10:00:00Z',
        engine: '26.1.5',
      }),
    );
    expect(readme).toContain('Measured when this repository was made (Docker 26.1.5, 2026-11-20, timings: medians of 3 runs):');
    expect(readme).toContain('| size (uncompressed) | 5.9 MB |');
    expect(readme).toContain('| start to `healthy` | 1.09 s |');
    expect(readme).toContain('at most 8.0 MB uncompressed and 3.0 MB compressed');
    expect(readme).toContain('a numeric `USER uid:gid`, not 0 (now `65532:65532`)');
    expect(readme).not.toContain('Not measured yet');
  });

  it('names nothing of the lab', () => {
    expect(scanFork(new Map([['README.md', renderReadme(readmeInput(undefined))]]))).toEqual([]);
  });
});

describe('measuredFigures', () => {
  const goApiApp = { name: 'go-api', productionTarget: 'production' };
  const claims = fixtureReport([goApiReport()], '2026-11-20T10:00:00.000Z');
  // Labels are for people: the rows are found by their ids, so a reworded label changes nothing.
  const sample = (id: string, what: string, median: number) => ({ id, what, runs: [median], median });
  const bench: BenchReport = {
    generatedAt: '2026-11-21T10:00:00.000Z',
    engine: fixtureEngine,
    runs: 3,
    cpus: 2,
    benches: [
      {
        app: 'go-api',
        samples: [
          sample('build:single:cold', 'build single-stage (cold)', 99_000),
          sample('build:production:cold', 'cold build of production', 13_200),
          sample('run:healthy', 'healthy after', 1040),
          sample('run:ready', 'first answer', 8),
          sample('run:stop', 'stop', 139),
        ],
        sizes: { single: 9e8, multi: 5.9e6, multiCompressed: 2.5e6 },
      },
    ],
  };

  it('takes sizes from the claims report and timings from the bench medians, by their ids', () => {
    expect(measuredFigures(goApiApp, claims, bench)).toEqual({
      uncompressedBytes: 6.1e6,
      compressedBytes: 2.6e6,
      healthyMs: 1040,
      readyMs: 8,
      stopMs: 139,
      coldBuildMs: 13_200,
      benchRuns: 3,
      when: '2026-11-20T10:00:00.000Z',
      engine: '26.1.5',
    });
  });

  it('works from either alone, and gives nothing for an app not in them', () => {
    expect(measuredFigures(goApiApp, claims, undefined)).toMatchObject({ uncompressedBytes: 6.1e6, healthyMs: 250, stopMs: 139, engine: '26.1.5' });
    expect(measuredFigures(goApiApp, undefined, bench)).toMatchObject({ uncompressedBytes: 5.9e6, when: '2026-11-21T10:00:00.000Z' });
    expect(measuredFigures({ name: 'toolbox', productionTarget: 'production' }, claims, bench)).toBeUndefined();
  });

  it('reads a claims report only if it matches its schema, and bench data only of its shape', () => {
    expect(asClaims(claims)).toBe(claims);
    expect(asClaims({ ...claims, apps: 'nope' })).toBeUndefined();
    expect(asClaims(undefined)).toBeUndefined();
    expect(asBench(bench)).toBe(bench);
    expect(asBench([1, 2])).toBeUndefined();
    expect(asBench({ benches: [{ app: 'go-api', samples: [{ what: 'docker stop', median: 139 }], sizes: { multi: 1 } }] })).toBeUndefined();
  });

  it('reads both from a reports folder, and nothing from files of another shape', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'lab-measured-'));
    try {
      await writeFile(path.join(dir, 'claims.json'), JSON.stringify(claims));
      await writeFile(path.join(dir, 'bench.json'), JSON.stringify(bench));
      expect(readMeasuredFigures(goApiApp, dir)).toMatchObject({ uncompressedBytes: 6.1e6, healthyMs: 1040, coldBuildMs: 13_200 });
      await writeFile(path.join(dir, 'claims.json'), '{"apps": "nope"}');
      await writeFile(path.join(dir, 'bench.json'), 'not json');
      expect(readMeasuredFigures(goApiApp, dir)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('every catalogue app, forked in memory', () => {
  for (const app of entries) {
    const refusals = forkRefusals(app, entries);
    if (refusals.length) {
      it(`${app.name}: refused, with its reasons`, () => {
        expect(() => planFork(app, entries, identity, '/nonexistent')).toThrow(ForkRefused);
      });
      continue;
    }
    it(`${app.name}: no path leaves the fork, no name of the lab is in it, and its fork declaration is current`, () => {
      const { files } = planFork(app, entries, identity, '/nonexistent');
      expect(files.has('Dockerfile') && files.has('.dockerignore') && files.has('README.md')).toBe(true);
      // The app's own README (with the lab's generated figure sections) is replaced, never copied.
      expect(files.get('README.md')!.toString('utf8')).not.toMatch(/<!-- (sizes|bench):start/);
      for (const dropped of app.fork?.drop ?? []) {
        expect(existsSync(path.join(fromRepo(app.context), dropped)), `${app.name}: fork.drop names ${dropped}, which is not there`).toBe(true);
      }
      for (const rule of app.fork?.dropLines ?? []) {
        const text = readFileSync(path.join(fromRepo(app.context), rule.file), 'utf8');
        expect(new RegExp(rule.pattern).test(text), `${app.name}: fork.dropLines ${rule.pattern} matches no line of ${rule.file}`).toBe(true);
      }
    });
  }
});

describe('a fork that would still point here is not written', () => {
  const fixture = (name: string): AppEntry => ({
    ...(goApi as AppEntry),
    name: `fixture-${name}`,
    context: `harness/test/fixtures/fork/${name}/app`,
    dockerfiles: { single: `harness/test/fixtures/fork/${name}/multi.Dockerfile`, multi: `harness/test/fixtures/fork/${name}/multi.Dockerfile` },
    development: undefined,
    compose: undefined,
    fork: undefined,
  });

  it('names each file and line that names the lab or climbs out of the folder', () => {
    const app = fixture('leaky');
    expect(() => planFork(app, [app], identity, '/nonexistent')).toThrow(
      /the fork of fixture-leaky would still point at this repository[\s\S]*server\.txt:1: "lab": the lab[\s\S]*server\.txt:1: "harness": the lab's harness[\s\S]*compose\.yaml:7: \.\.\/shared:\/shared leaves the repository/,
    );
  });

  it('refuses an app whose .dockerignore is a deny list', () => {
    const app = fixture('deny-list');
    expect(() => planFork(app, [app], identity, '/nonexistent')).toThrow(/\.dockerignore is not an allow-list \(its first rule must be `\*`/);
  });
});
