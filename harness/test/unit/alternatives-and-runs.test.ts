// The generic features the Java entry brought: a command's forbidden output, alternative builds
// of the production image measured beside it, and outputs kept for the report.
import { describe, expect, it } from 'vitest';
import javaApi from '../../src/catalogue/apps/java-api.ts';
import { checkAlternative, type Alternative } from '../../src/checks/alternative.ts';
import { checkToolRun, type ToolRun } from '../../src/checks/runs.ts';
import type { AlternativeFacts, AppFacts } from '../../src/contract/app-facts.ts';
import type { ImageFacts } from '../../src/inspect/image.ts';
import { markdownReport } from '../../src/report/claims-report.ts';
import { productionBase } from '../../src/measure/allow.ts';
import { targetClaims } from '../../src/suite.ts';
import { fixtureEngine } from './support/report-fixture.ts';

const listModules: ToolRun = {
  entrypoint: ['/opt/java/bin/java'],
  command: ['--list-modules'],
  expectOutput: 'java.base@25',
  forbidOutput: ['jdk.compiler', 'jdk.jlink'],
  report: 'Modules',
};

describe('a command run in the image', () => {
  it('passes with the expected output and none of the forbidden', () => {
    const verdict = checkToolRun(listModules, { command: ['--list-modules'], exitCode: 0, output: 'java.base@25.0.5\njava.sql@25.0.5\n' });
    expect(verdict.ok).toBe(true);
  });

  it('fails when the output holds a forbidden text, and says which', () => {
    const verdict = checkToolRun(listModules, { command: ['--list-modules'], exitCode: 0, output: 'java.base@25.0.5\njdk.compiler@25.0.5\n' });
    expect(verdict.ok).toBe(false);
    expect(verdict.expected).toContain('none of "jdk.compiler", "jdk.jlink"');
    expect(verdict.found).toContain('output contains "jdk.compiler"');
  });
});

const aot: Alternative = {
  name: 'aot-cache',
  title: 'with an AOT cache',
  buildArgs: { AOT_CACHE: 'on' },
  limits: { uncompressedBytes: { limit: 150_000_000, measured: 140_000_000 }, healthyWithinMs: { limit: 5_000, measured: 1_200 } },
};
const measured = (over: Partial<AlternativeFacts> = {}): AlternativeFacts => ({
  name: 'aot-cache',
  title: 'with an AOT cache',
  buildMs: 1,
  uncompressedBytes: 140_000_000,
  compressedBytes: 60_000_000,
  run: { httpReadyMs: 900, healthyMs: 1_200 },
  ...over,
});

describe('an alternative build of the production image', () => {
  it('passes within its own size budget and start limit', () => {
    const verdict = checkAlternative(aot, measured());
    expect(verdict.ok).toBe(true);
    expect(verdict.found).toBe('140.0 MB (60.0 MB compressed), healthy after 1.20 s');
  });

  it('fails over its budget, or when it never becomes healthy (with the diagnostics)', () => {
    expect(checkAlternative(aot, measured({ uncompressedBytes: 151_000_000 })).ok).toBe(false);
    const never = checkAlternative(aot, measured({ run: { error: 'not healthy within 35000 ms\nhealth check (exit 1): refused' } }));
    expect(never.ok).toBe(false);
    expect(never.found).toContain('never healthy: not healthy within 35000 ms');
    expect(never.blame).toContain('refused');
  });

  it('becomes one claim per alternative of a service', () => {
    const ids = targetClaims(javaApi).map((c) => c.id);
    expect(ids).toContain('alternative-no-aot-cache');
    expect(targetClaims({ ...javaApi, service: undefined }).map((c) => c.id)).not.toContain('alternative-no-aot-cache');
  });
});

describe('the report', () => {
  const image = { uncompressedBytes: 90_000_000, compressedBytes: 40_000_000, layers: [] } as unknown as ImageFacts;
  const facts = {
    app: 'java-api',
    buildArgs: { VERSION: '1', REVISION: 'abc' },
    single: { tag: 's', buildMs: 1, facts: { ...image, uncompressedBytes: 500_000_000 } },
    multi: { tag: 'm', buildMs: 1, facts: image },
    run: { httpReadyMs: 1_500, healthyMs: 2_000 },
    tools: [{ command: ['--list-modules'], exitCode: 0, output: 'java.base@25\n', report: 'Modules of the jlink runtime' }],
  } as AppFacts;

  it('shows production beside its alternatives, and the outputs kept for it', () => {
    const md = markdownReport({
      schemaVersion: 2,
      lessons: [],
      generatedAt: 'now',
      engine: fixtureEngine,
      apps: [{ app: 'java-api', title: 't', facts, contract: [], claims: [], bases: [], alternatives: [measured()] }],
      tutorialClaims: [],
    });
    expect(md).toContain('| production (default) | 90.0 MB | 40.0 MB | 1.50 s | 2.00 s |');
    expect(md).toContain('| with an AOT cache | 140.0 MB | 60.0 MB | 900 ms | 1.20 s |');
    expect(md).toContain('Modules of the jlink runtime (`--list-modules`):');
    expect(md).toContain('java.base@25');
  });
});

describe('the production base, for the allow-list', () => {
  it('follows a FROM that names a stage through an ARG, as the build would', () => {
    expect(productionBase(javaApi)).toBe('gcr.io/distroless/static-debian13:nonroot');
    expect(productionBase({ ...javaApi, buildArgs: { AOT_CACHE: 'off' } })).toBe('gcr.io/distroless/static-debian13:nonroot');
  });
});
