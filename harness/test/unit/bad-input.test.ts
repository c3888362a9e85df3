// Every command answers input it cannot take in one line that says what to do, and exits 2: no
// stack trace, nothing built or written first. Each command is spawned as a user runs it; with
// no engine reachable, a command that asked the engine before checking its input would exit 1.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fromRepo } from '../../src/paths.ts';
import { spawnedCommandLimitMs, spawningTestTimeoutMs } from '../../src/limits.ts';

// No test report from the runs spawned here: they would overwrite this run's own.
const { LAB_TEST_RESULTS: _report, LAB_APPS: _apps, ...inherited } = process.env;
const noEngine = { ...inherited, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };

const cases: { command: string; args: string[]; env?: Record<string, string>; says: RegExp }[] = [
  { command: 'verify', args: ['--app', 'nosuch'], says: /^--app nosuch: not in the catalogue; name one of fullstack, go-api, / },
  {
    command: 'verify',
    args: [],
    env: { LAB_APPS: 'nosuch' },
    says: /^LAB_APPS names nosuch, which the catalogue does not have: set it to some of fullstack, .* \(comma-separated\), or unset it$/,
  },
  { command: 'verify', args: ['--bogus'], says: /^unknown option '--bogus'; usage: pnpm verify / },
  { command: 'verify', args: ['--app'], says: /^option '--app <value>' argument missing; usage: pnpm verify / },
  {
    command: 'verify',
    args: ['--record', '--app', 'go-api'],
    says: /^--record records the figures of every app, and this run leaves out fullstack, java-api, node-api, .*: drop --app and LAB_APPS, or drop --record$/,
  },
  { command: 'bench', args: ['--runs', '0'], says: /^--runs takes a whole number of runs, 1 or more, not '0'; usage: pnpm bench / },
  { command: 'bench', args: ['--runs', 'abc'], says: /^--runs takes a whole number of runs, 1 or more, not 'abc'; usage: pnpm bench / },
  { command: 'bench', args: ['--bogus'], says: /^unknown option '--bogus'; usage: pnpm bench / },
  { command: 'bench', args: [], env: { LAB_APPS: 'nosuch' }, says: /^LAB_APPS names nosuch, / },
  {
    command: 'bench',
    args: ['--record'],
    env: { LAB_APPS: 'go-api' },
    says: /^--record records the figures of every app, and this run leaves out fullstack, /,
  },
  { command: 'report-merge', args: ['--bogus'], says: /^unknown option '--bogus'; usage: pnpm report:merge / },
  { command: 'report-merge', args: ['/nonexistent/claims.json'], says: /^no such file or folder: \/nonexistent\/claims\.json; usage: pnpm report:merge / },
  { command: 'report-merge', args: [fromRepo('harness')], env: { LAB_APPS: 'nosuch' }, says: /^LAB_APPS names nosuch, / },
  { command: 'fork', args: ['--bogus'], says: /^unknown option '--bogus'; usage: pnpm fork / },
  { command: 'fork', args: ['nosuch', '/nonexistent/fork'], says: /^no app nosuch in the catalogue \(it has fullstack, / },
  { command: 'new-app', args: [], says: /^name the new app; usage: pnpm new-app NAME --like APP$/ },
  { command: 'new-app', args: ['orders-api'], says: /^say which app to start from with --like APP; usage: pnpm new-app / },
  { command: 'new-app', args: ['orders-api', '--bogus'], says: /^unknown option '--bogus'; usage: pnpm new-app / },
  { command: 'new-app', args: ['Orders_API', '--like', 'go-api'], says: /^'Orders_API' cannot name an app: lower-case letters and digits / },
  { command: 'new-app', args: ['go-api', '--like', 'selftest'], says: /^go-api is taken \(the catalogue has go-api already\): choose another name$/ },
  { command: 'new-app', args: ['orders-api', '--like', 'nosuch'], says: /^--like nosuch: not in the catalogue; name one of go-api, java-api, / },
  {
    command: 'new-app',
    args: ['orders-api', '--like', 'toolbox'],
    says: /^--like toolbox: its build context \(apps\/go-api\) or Dockerfiles are not its own folders/,
  },
  { command: 'bases', args: ['--bogus'], says: /^unknown option\(s\) --bogus; usage: pnpm bases / },
  { command: 'clean', args: ['--bogus'], says: /^unknown option '--bogus'; usage: pnpm clean \[-- --bases\]$/ },
  { command: 'clean', args: ['images'], says: /^unexpected argument\(s\) images; usage: pnpm clean / },
  { command: 'readme', args: ['--bogus'], says: /^unknown option '--bogus'; usage: pnpm readme / },
  { command: 'first-run', args: ['--bogus'], says: /^unknown option '--bogus'; usage: pnpm bench:first-run / },
];

const run = promisify(execFile);
const title = (c: (typeof cases)[number]) => [...Object.entries(c.env ?? {}).map(([k, v]) => `${k}=${v}`), `pnpm ${c.command}`, ...c.args].join(' ');

// Side by side: each is a Node start-up and a catalogue load, about a second of one core.
describe.concurrent('bad input', { timeout: spawningTestTimeoutMs }, () => {
  it.each(cases.map((c) => [title(c), c] as const))('%s: one line, exit 2', async (_title, { command, args, env, says }) => {
    const failed = await run(process.execPath, [fromRepo(`harness/src/cli/${command}.ts`), ...args], {
      cwd: fromRepo('.'),
      env: { ...noEngine, ...env },
      timeout: spawnedCommandLimitMs,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed.stderr.trim().split('\n'), failed.stderr).toHaveLength(1);
    expect(failed.stderr.trim()).toMatch(says);
    expect(failed.stdout).toBe('');
    expect(failed.code).toBe(2);
  });
});
