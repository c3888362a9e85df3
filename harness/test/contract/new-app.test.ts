// An app is a folder, two Dockerfiles and one entry: in a temporary copy of the repository,
// `pnpm new-app` adds a throwaway app started from selftest (it needs no base image), and with no
// other edit it is in CI's matrix and the image contract runs on it: built, both images measured,
// every check and claim of apps.test.ts passing. Runs where selftest is in the catalogue.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/catalogue/index.ts';
import { spawnedCommandLimitMs } from '../../src/limits.ts';
import { fromRepo } from '../../src/paths.ts';
import { suiteFor } from '../../src/suite.ts';
import { copyOfRepo, type RepoCopy } from '../support/repo-copy.ts';

const run = promisify(execFile);
// The copy's run is a run of its own: its own id (so its clean-up cannot take this run's
// resources), its own LAB_APPS, no test report over this run's.
const { LAB_RUN_ID: _run, LAB_APPS: _apps, LAB_TEST_RESULTS: _report, ...inherited } = process.env;

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: { assertionResults: { ancestorTitles: string[]; title: string; status: string; failureMessages: string[] }[] }[];
}

for (const like of catalogue().filter((e) => e.name === 'selftest')) {
  // Unique per run: two runs on one engine never share the lab/NAME images.
  const name = `throwaway-${process.pid}`;

  describe(`an app added with pnpm new-app ${name} --like ${like.name}, and nothing else`, () => {
    let copy: RepoCopy;
    const inCopy = (args: string[], env: NodeJS.ProcessEnv = {}, timeout = spawnedCommandLimitMs) =>
      run(process.execPath, args, { cwd: copy.root, env: { ...inherited, ...env }, timeout, maxBuffer: 64 * 1024 * 1024 });

    beforeAll(async () => {
      copy = await copyOfRepo('new-app-contract');
      await inCopy(['harness/src/cli/new-app.ts', name, '--like', like.name]);
    });
    afterAll(async () => {
      try {
        // The images the report keeps (lab/NAME:single and :multi) are this test's to remove.
        const { stdout } = await run('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', `lab/${name}`]);
        const refs = stdout.split('\n').filter(Boolean);
        if (refs.length) await run('docker', ['image', 'rm', '--force', ...refs]);
      } finally {
        await copy?.[Symbol.asyncDispose]();
      }
    });

    it("is in CI's matrix", async () => {
      expect(JSON.parse((await inCopy(['harness/src/tasks/ci-matrix.ts'])).stdout)).toContain(name);
    });

    it('is built and passes the image contract, its targets and cache claims, in a contract run of its own', async () => {
      const report = path.join(copy.root, '.cache/new-app-contract.json');
      const vitest = fromRepo('node_modules/vitest/vitest.mjs');
      const child = await run(
        process.execPath,
        [vitest, 'run', '--project', 'contract', 'test/contract/apps.test.ts', '--reporter=json', `--outputFile=${report}`],
        {
          cwd: path.join(copy.root, 'harness'),
          env: { ...inherited, LAB_APPS: name },
          timeout: 25 * 60_000,
          maxBuffer: 64 * 1024 * 1024,
        },
      ).catch((error: { stdout: string; stderr: string; code: number }) => error);
      const results = JSON.parse(await readFile(report, 'utf8').catch(() => 'null')) as VitestJson | null;
      const tests = results?.testResults.flatMap((file) => file.assertionResults) ?? [];
      const failed = tests.filter((t) => t.status !== 'passed').map((t) => `${t.title}: ${t.status} ${t.failureMessages.join('\n').slice(0, 400)}`);
      const said = 'stderr' in child ? `${child.stdout.slice(-2000)}\n${child.stderr.slice(-3000)}` : '';
      expect(tests.length, `no test ran in the copy:\n${said}`).toBeGreaterThan(0);
      expect(failed, said).toEqual([]);
      // The same checks and claims as the app it came from: the contract, the targets (development, test), Compose and the cache.
      const { contract, claims } = suiteFor(like);
      expect(tests.every((t) => t.ancestorTitles[0] === name)).toBe(true);
      expect(tests.map((t) => t.title).sort()).toEqual([...contract, ...claims].map((c) => c.title).sort());
      expect(tests.map((t) => t.title)).toEqual(
        expect.arrayContaining([expect.stringMatching(/--target development/), expect.stringMatching(/--target test/)]),
      );
      expect('code' in child ? child.code : 0).toBe(0);
    });
  });
}
