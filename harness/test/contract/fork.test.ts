// `pnpm fork` for every catalogue app that is a service, generated from the catalogue: the fork
// is written into a temporary folder (a fresh clone with a remote, as a user would make one),
// then checked with the plain Docker CLI there, nothing of this repository around: `docker
// build .` passes the image contract, `docker build --target test .` passes, `docker compose
// up` brings the production service up healthy, the workflow passes actionlint, and no path
// leaves the fork and no name of the lab is in it. An app that cannot be forked is refused,
// with its reasons, and nothing is written. Everything made is removed, also on failure.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, entries } from '../../src/catalogue/index.ts';
import { contractChecks } from '../../src/checks/registry.ts';
import { describeFailure } from '../../src/verdict.ts';
import type { AppFacts } from '../../src/contract/app-facts.ts';
import { actionlint } from '../../src/fork/actionlint.ts';
import { forkApp, ForkRefused, otherAppNames, type ForkResult } from '../../src/fork/fork.ts';
import { isAllowList, forkRefusals } from '../../src/fork/plan.ts';
import { describeFindings, scanFork } from '../../src/fork/scan.ts';
import { buildFork, composeUpHealthy, forkTag, measureForkImage, notForForks, removeImages, versionFromGit } from '../../src/fork/verify.ts';
import { workflowFile } from '../../src/fork/workflow.ts';
import { mustRun } from './support/must-run.ts';

/** A fork's text files, fork-relative path -> contents (.git left out). */
function textFiles(dir: string, relative = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
    const file = path.posix.join(relative, entry.name);
    if (entry.name === '.git') continue;
    if (entry.isDirectory()) for (const [f, t] of textFiles(dir, file)) files.set(f, t);
    else {
      const content = readFileSync(path.join(dir, file));
      if (!content.subarray(0, 8000).includes(0)) files.set(file, content.toString('utf8'));
    }
  }
  return files;
}

for (const entry of catalogue()) {
  const refusals = forkRefusals(entry, entries);

  // The catalogue says which apps are forkable: each gets the fork suite (a fork that refuses
  // fails it, and no test of it may skip), each other one is refused with its reasons.
  if (!entry.forkable) {
    describe(`${entry.name}: pnpm fork refuses`, () => {
      it('with its reasons, writing nothing', async () => {
        const parent = await mkdtemp(path.join(tmpdir(), `fork-${entry.name}-`));
        try {
          const dir = path.join(parent, 'repo');
          const refused = await forkApp(entry, entries, { dir, git: false }).then(
            () => undefined,
            (error: unknown) => error,
          );
          expect(refused).toBeInstanceOf(ForkRefused);
          for (const reason of refusals) expect((refused as Error).message).toContain(reason);
          expect(existsSync(dir)).toBe(false);
        } finally {
          await rm(parent, { recursive: true, force: true });
        }
      });
    });

    continue;
  }

  describe(`${entry.name}: pnpm fork, then the plain Docker CLI in the fork`, () => {
    mustRun(`${entry.name} is forkable (its catalogue entry says so)`);
    let parent = '';
    let dir = '';
    let fork: ForkResult | undefined;
    let forkError: Error | undefined;
    const images: string[] = [];

    beforeAll(async () => {
      parent = await mkdtemp(path.join(tmpdir(), `fork-${entry.name}-`));
      dir = path.join(parent, `${entry.name}-starter`);
      // A fresh clone of an empty repository: the fork's title and source come from its remote.
      execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
      execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', `git@github.com:example/${entry.name}-starter.git`]);
      fork = await forkApp(entry, entries, { dir }).catch((error: Error) => {
        forkError = error;
        return undefined;
      });
    });

    afterAll(async () => {
      try {
        await removeImages(images, tmpdir());
      } finally {
        if (parent) await rm(parent, { recursive: true, force: true });
      }
    });

    const forked = (): ForkResult => {
      if (!fork) throw forkError ?? new Error('not forked');
      return fork;
    };

    it('is forked: pnpm fork refuses nothing', () => {
      expect(refusals, `${entry.name}'s catalogue entry says it is forkable`).toEqual([]);
      forked();
    });

    it('is one commit, titled and sourced from the remote, with the Dockerfile, an allow-list .dockerignore, compose.yaml, the workflow and a README', () => {
      const result = forked();
      expect(result.identity).toMatchObject({ title: `${entry.name}-starter`, source: `https://github.com/example/${entry.name}-starter`, from: 'git remote' });
      expect(execFileSync('git', ['-C', dir, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).trim()).toBe('1');
      expect(execFileSync('git', ['-C', dir, 'status', '--porcelain'], { encoding: 'utf8' })).toBe('');
      for (const file of ['Dockerfile', '.dockerignore', 'compose.yaml', workflowFile, 'README.md']) expect(result.files).toContain(file);
      expect(isAllowList(readFileSync(path.join(dir, '.dockerignore'), 'utf8'))).toBe(true);
    });

    it('holds no path that leaves it and no word of the lab (its names, other apps, other Dockerfiles), comments included', () => {
      forked();
      const findings = scanFork(textFiles(dir), otherAppNames(entry, entries));
      if (findings.length) expect.fail(`${entry.name}'s fork still points at the lab:\n${describeFindings(findings)}`);
    });

    it('has a workflow that actionlint passes', async () => {
      forked();
      const lint = await actionlint(dir, [workflowFile]);
      if (!lint.ok) expect.fail(`actionlint on ${entry.name}'s fork:\n${lint.output}`);
    });

    it('docker build --target test . passes', async () => {
      forked();
      const { id } = await buildFork(dir, ['--target', entry.test!.target], 'the test target');
      images.push(id);
    });

    describe('docker build . makes an image that passes the image contract', () => {
      let facts: AppFacts | undefined;
      let measureError: Error | undefined;

      beforeAll(async () => {
        try {
          forked();
          const buildArgs = await versionFromGit(dir);
          const tag = forkTag(entry);
          images.push(tag);
          // The entry's own build args too (react-spa's API_URL, which its browser check answers),
          // as a fork's user passes theirs.
          const entryArgs = Object.entries(entry.buildArgs ?? {}).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]);
          const { ms } = await buildFork(
            dir,
            [...entryArgs, '--build-arg', `VERSION=${buildArgs.VERSION}`, '--build-arg', `REVISION=${buildArgs.REVISION}`, '--tag', tag],
            'the production image',
          );
          facts = await measureForkImage(entry, tag, buildArgs, ms);
        } catch (error) {
          measureError = error as Error;
        }
      });

      for (const check of contractChecks(entry, {}).filter((c) => !notForForks.has(c.id))) {
        it(check.title, () => {
          if (!facts) throw measureError ?? new Error('not measured');
          const verdict = check.evaluate(facts);
          if (!verdict.ok) expect.fail(describeFailure(`${entry.name} (fork)`, { id: check.id, title: check.title, ...verdict }));
        });
      }

      it("labels it with the fork's title and source, not the lab's", () => {
        if (!facts) throw measureError ?? new Error('not measured');
        const labels = facts.multi.facts.config.labels;
        expect(labels['org.opencontainers.image.title']).toBe(`${entry.name}-starter`);
        expect(labels['org.opencontainers.image.source']).toBe(`https://github.com/example/${entry.name}-starter`);
      });
    });

    it('docker compose up brings the production service up healthy', async () => {
      forked();
      const up = await composeUpHealthy(entry, dir, await versionFromGit(dir));
      expect(up.status).toContain('healthy');
    });
  });
}
