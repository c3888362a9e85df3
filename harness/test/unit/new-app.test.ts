// `pnpm new-app NAME --like APP` in a temporary copy of the repository: the three places written,
// APP's name made NAME, and with no other edit the app is in the catalogue (validated: its
// context, Dockerfiles, stages and edits are there), type-checks, and is in CI's matrix.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryText } from '../../src/catalogue/scaffold.ts';
import { spawnedCommandLimitMs, spawningTestTimeoutMs } from '../../src/limits.ts';
import { fromRepo } from '../../src/paths.ts';
import { copyOfRepo, type RepoCopy } from '../support/repo-copy.ts';

const run = promisify(execFile);
const { LAB_TEST_RESULTS: _report, LAB_APPS: _apps, ...env } = process.env;
const node = (copy: RepoCopy, ...args: string[]) => run(process.execPath, args, { cwd: copy.root, env, timeout: spawnedCommandLimitMs });

describe('pnpm new-app orders-api --like go-api', { timeout: spawningTestTimeoutMs }, () => {
  let copy: RepoCopy;
  let said: string;
  beforeAll(async () => {
    copy = await copyOfRepo('new-app');
    said = (await node(copy, 'harness/src/cli/new-app.ts', 'orders-api', '--like', 'go-api')).stdout;
  }, spawningTestTimeoutMs);
  afterAll(() => copy?.[Symbol.asyncDispose]());

  it("writes the three places, go-api's name made orders-api in each", () => {
    expect(said).toMatch(
      /^wrote orders-api from go-api: apps\/orders-api\/, dockerfiles\/orders-api\/ \(\d+ files\) and harness\/src\/catalogue\/apps\/orders-api\.ts\n/,
    );
    for (const file of [
      'apps/orders-api/main.go',
      'apps/orders-api/package.json',
      'apps/orders-api/turbo.json',
      'dockerfiles/orders-api/multi.Dockerfile',
      'dockerfiles/orders-api/single.Dockerfile',
    ]) {
      const text = readFileSync(path.join(copy.root, file), 'utf8');
      expect(text, file).not.toContain('go-api');
      expect(text, file).toEqual(readFileSync(fromRepo(file.replace('orders-api', 'go-api')), 'utf8').replaceAll('go-api', 'orders-api'));
    }
    const entry = readFileSync(path.join(copy.root, 'harness/src/catalogue/apps/orders-api.ts'), 'utf8');
    expect(entry).toContain("name: 'orders-api',");
    expect(entry.slice(entry.indexOf('export default')).replace(/^  title: .*\n/m, '')).not.toContain('go-api');
    // go-api's tutorial row is go-api's: the new app claims none until its entry says so.
    expect(entry).not.toMatch(/^\s*tutorial:/m);
  });

  it('is in the catalogue with no other edit: loaded, validated, with the conventional paths and stages', async () => {
    const { stdout } = await node(
      copy,
      '--input-type=module',
      '-e',
      "const { catalogue } = await import('./harness/src/catalogue/index.ts'); const e = catalogue().find((e) => e.name === 'orders-api'); console.log(JSON.stringify([e.context, e.dockerfiles, e.productionTarget, e.development.target, e.test.target]))",
    );
    expect(JSON.parse(stdout)).toEqual([
      'apps/orders-api',
      { single: 'dockerfiles/orders-api/single.Dockerfile', multi: 'dockerfiles/orders-api/multi.Dockerfile' },
      'production',
      'development',
      'test',
    ]);
  });

  it("and in CI's matrix", async () => {
    expect(JSON.parse((await node(copy, 'harness/src/tasks/ci-matrix.ts')).stdout)).toContain('orders-api');
  });

  it('type-checks', async () => {
    await expect(run(fromRepo('node_modules/.bin/tsc'), ['-p', 'harness'], { cwd: copy.root, timeout: spawnedCommandLimitMs })).resolves.toBeDefined();
  });

  it('refuses the same name again, in one line, and writes nothing', async () => {
    const again = await node(copy, 'harness/src/cli/new-app.ts', 'orders-api', '--like', 'go-api').catch((error: { code: number; stderr: string }) => error);
    expect(again).toMatchObject({ code: 2, stderr: 'orders-api is taken (the catalogue has orders-api already): choose another name\n' });
  });
});

describe('the entry of a new app', () => {
  it("keeps APP's limits but not the loosenings of them, nor its tutorial row or header", () => {
    const text = entryText(readFileSync(fromRepo('harness/src/catalogue/apps/java-api.ts'), 'utf8'), 'java-api', 'billing');
    const [header, body] = text.split(/(?<=\n)(?=export default)/);
    expect(header).toMatch(/^import [^]*\n\/\/ billing: started from java-api with `pnpm new-app billing --like java-api`\. [^]*\n$/);
    expect(header).not.toContain('Spring Boot');
    expect(body!.replace(/^  title: .*\n/m, '')).not.toMatch(/loosened|tutorial:|java-api/);
    expect(text).toContain("  title: 'billing: started from java-api (say here what it shows)',");
    expect(text).toContain('limit: 120 * MB,\n    },');
    expect(existsSync(fromRepo('harness/src/catalogue/apps/billing.ts'))).toBe(false);
  });
});
