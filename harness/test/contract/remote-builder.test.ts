// An app built on a current BuildKit holds the same contract as on the engine's own builder:
// scripts/buildkit starts buildkitd v0.35.0 as a remote buildx builder on a local
// socket (its own name, run dir and mirror port, so a builder someone started is left alone),
// the harness builds go-api's production image there (LAB_BUILDER, with its base images pushed to the builder's
// mirror), every contract check runs on the result, its production image is the size of the one
// the engine's own builder makes (within otherBuilderSizeTolerance), and the builder is stopped
// and its state deleted, also when a step fails. The builder is named lab-remote-test-<pid>, so
// the builder of a run killed before its afterAll is stopped by the next run, first thing
// (stopAbandonedBuilders, src/engine/abandoned-builders.ts; abandoned-builders.test.ts shows it on
// real builders, one of them started by a node process then killed with SIGKILL).
// Part of `pnpm test` (wherever go-api is among LAB_APPS; `pnpm test:remote-builder` runs it
// alone). buildkitd comes out of the forged moby/buildkit:v0.35.0 image (dockerfiles/bases/
// buildkit, which pnpm test's forge makes beside the Dockerfile frontend, sharing its Go build
// cache): copying it out takes a second, where building it on the host took 8.6 min.
// Every app on that builder (LAB_BUILDER=lab-remote, apps.test.ts with LAB_APPS=<app>, one at a
// time, 2026-12-07, load average 10-26 from other work): selftest, go-api, python-api, react-spa,
// node-api, toolbox, fullstack and java-api pass their whole contract; every production image is
// the docker driver's size to the byte (figures/sizes.json at 7ddcaa1) but java-api's, 32 KiB
// (0.024%) larger: its JVM AOT cache is written by a training run during the build, and that file
// is not the same from run to run (the likely cause, not traced further); compressed sizes within
// 6 KB (gzip of the layers' tar, whose file times differ). Single-stage images differ by up to 0.081%
// (toolbox; node-api 0.005%, react-spa 0.004%, fullstack 0.0003%; go-api, python-api, selftest 0):
// not traced to a file here; they keep what package managers write at install time, the likely
// cause (it varies from build to build). Go-api on both builders in one run (`pnpm bench --runs 1 --builders lab-remote,default`):
// cold production 85.3 s there against 70.5 s on the engine's, a one-line rebuild 6.69 s against
// 1.57 s, a warm single-stage build 6.20 s against 0.99 s: an image built elsewhere comes back to
// the engine as a tarball (--load), 960 MB for the single-stage one, on every build.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { otherBuilderSizeTolerance } from '../../src/catalogue/budgets.ts';
import { catalogue } from '../../src/catalogue/index.ts';
import { ensureBases } from '../../src/forge/index.ts';
import { describeFailure } from '../../src/verdict.ts';
import type { AppFacts, BuiltImage } from '../../src/contract/app-facts.ts';
import { cacheMountIds, readDockerfile } from '../../src/dockerfile/stages.ts';
import { stopAbandonedBuilders, pidNamedBuilder } from '../../src/engine/abandoned-builders.ts';
import { builderFacts } from '../../src/engine/builder.ts';
import { buildkitImage, buildkitRunDir, runBuildkitScript } from '../../src/engine/buildkit-script.ts';
import { cacheMountRecords } from '../../src/engine/cache-mounts.ts';
import { buildAndInspect } from '../../src/measure/images.ts';
import { measureBuiltImage } from '../../src/measure/app.ts';
import { labBuildArgs } from '../../src/measure/version-args.ts';
import { fromRepo } from '../../src/paths.ts';
import { suiteFor } from '../../src/suite.ts';
import { remoteBuilderApp, remoteTestBuilders } from './support/test-builders.ts';

const run = promisify(execFile);
const app = remoteBuilderApp;
const name = pidNamedBuilder(remoteTestBuilders.prefix);
const registryPort = 5200 + (process.pid % 500);
const buildkit = (command: 'start' | 'stop') => runBuildkitScript(command, { name, registryPort });
const selected = catalogue().some((e) => e.name === app);

// LAB_APPS without go-api: one skipped test that says why, instead of every check skipped without a reason.
// Not registered at all where go-api is selected: describe.runIf(false) would list it as a skip without a reason.
if (!selected)
  describe(`${app} built on buildkitd v0.35.0, a remote buildx builder`, () => {
    it('runs where go-api is among LAB_APPS', (context) => context.skip(`LAB_APPS leaves out ${app}, the app built on the remote builder`));
  });

if (selected)
  describe(`${app} built on buildkitd v0.35.0, a remote buildx builder`, () => {
    const entry = catalogue().find((e) => e.name === app)!;
    let defaultBytes = 0;
    let single: BuiltImage | undefined;
    let facts: AppFacts | undefined;
    let failure: Error | undefined;

    beforeAll(async () => {
      // The engine's own builder first (the default path, no LAB_BUILDER): the size to match.
      vi.stubEnv('LAB_BUILDER', '');
      vi.stubEnv('BUILDX_BUILDER', '');
      await stopAbandonedBuilders(remoteTestBuilders);
      // The single-stage image too: the contract's comparisons need it, and it is the engine's
      // builder's here (a 960 MB image sent back as a tarball costs minutes and shows nothing the
      // production image does not; every app's whole contract on this builder is recorded above).
      single = await buildAndInspect(entry, 'single', { temporary: true });
      defaultBytes = (await buildAndInspect(entry, 'multi', { temporary: true })).facts.uncompressedBytes;
      // Present after pnpm test's forge; forged here when this file runs alone.
      await ensureBases({ refs: [buildkitImage] });
      await buildkit('start');
      vi.stubEnv('LAB_BUILDER', name);
      vi.stubEnv('LAB_BUILDER_MIRROR', `127.0.0.1:${registryPort}`);
      facts = await buildAndInspect(entry, 'multi', { temporary: true })
        .then((multi) => measureBuiltImage(entry, { app: entry.name, buildArgs: labBuildArgs(), single: single!, multi }))
        .catch((error: Error) => {
          failure = error;
          return undefined;
        });
    });

    afterAll(async () => {
      vi.unstubAllEnvs();
      await buildkit('stop');
      const left = await run('docker', ['buildx', 'inspect', name]).then(
        () => true,
        () => false,
      );
      expect(left, `builder ${name} is still registered after scripts/buildkit stop`).toBe(false);
      expect(
        existsSync(buildkitRunDir(name)),
        `${buildkitRunDir(name)} (buildkitd's state, the mirror's storage) is still there after scripts/buildkit stop`,
      ).toBe(false);
    });

    it("is built by that builder: remote driver, BuildKit v0.35.0, and its cache holds the build's cache mounts", async () => {
      const builder = await builderFacts(name);
      expect({ driver: builder.driver, buildkit: builder.buildkit }).toEqual({ driver: 'remote', buildkit: ['v0.35.0'] });
      // Only a build that ran there leaves them (read through buildx du --builder, LAB_BUILDER still set).
      const ids = cacheMountIds(readDockerfile(fromRepo(entry.dockerfiles.multi)));
      expect([...new Set((await cacheMountRecords(ids)).map((r) => r.mountId))].sort(), `cache mounts of ${entry.dockerfiles.multi} on ${name}`).toEqual(ids);
    });

    for (const check of suiteFor(entry).contract) {
      it(check.title, () => {
        if (!facts) throw failure ?? new Error('not measured');
        const verdict = check.evaluate(facts);
        if (!verdict.ok) expect.fail(describeFailure(entry.name, { id: check.id, title: check.title, ...verdict }));
      });
    }

    it(`makes a production image the size of the engine's own builder's (within ${otherBuilderSizeTolerance * 100}%)`, () => {
      if (!facts) throw failure ?? new Error('not measured');
      const remote = facts.multi.facts.uncompressedBytes;
      expect(Math.abs(remote - defaultBytes) / defaultBytes, `${remote} bytes on ${name}, ${defaultBytes} on the engine's builder`).toBeLessThanOrEqual(
        otherBuilderSizeTolerance,
      );
    });
  });
