// Each check and claim over hand-made facts: it passes what it should, and fails what it should
// with the message a user reads. (The same checks on real images: test/contract/checks-fail.test.ts.)
import { describe, expect, it } from 'vitest';
import selftest from '../../src/catalogue/apps/selftest.ts';
import nodeApi from '../../src/catalogue/apps/node-api.ts';
import { MiB, type AppEntry } from '../../src/catalogue/types.ts';
import { checkCache } from '../../src/checks/cache.ts';
import { checkCompose } from '../../src/checks/compose.ts';
import { checkDevelopment } from '../../src/checks/target-development.ts';
import { checkExposedPorts } from '../../src/checks/exposes.ts';
import { checkHealthcheckTiming } from '../../src/checks/healthcheck-tutorial-timing.ts';
import { checkPoorCacheOrder } from '../../src/checks/cache-poor-order.ts';
import { checkTestStage } from '../../src/checks/target-test.ts';
import { downloaderWords } from '../../src/checks/healthcheck-config.ts';
import { reductionPercent } from '../../src/size-reduction.ts';
import { contractChecks, evaluateContract } from '../../src/checks/registry.ts';
import { describeFailure, type CheckResult } from '../../src/verdict.ts';
import type { AppFacts, CacheFacts, ComposeServiceFacts } from '../../src/contract/app-facts.ts';
import type { ImageFacts } from '../../src/inspect/image.ts';

function image(overrides: Partial<ImageFacts> = {}, config: Partial<ImageFacts['config']> = {}): ImageFacts {
  return {
    ref: 'lab/x:multi',
    id: 'sha256:x',
    uncompressedBytes: 2_000_000,
    compressedBytes: 1_000_000,
    layers: [
      { index: 0, instruction: 'COPY /bin/busybox /bin/busybox', uncompressedBytes: 1_990_000, compressedBytes: 990_000, files: 2 },
      { index: 1, instruction: 'COPY /out/www /www', uncompressedBytes: 10_000, compressedBytes: 10_000, files: 3 },
    ],
    files: [
      { path: '/bin', type: 'directory', size: 0, mode: 0o755, layer: 0 },
      { path: '/bin/busybox', type: 'file', size: 1_990_000, mode: 0o755, layer: 0 },
      { path: '/www', type: 'directory', size: 0, mode: 0o755, layer: 1 },
      { path: '/www/health', type: 'file', size: 3, mode: 0o644, layer: 1 },
    ],
    ...overrides,
    config: {
      user: '65532:65532',
      env: {},
      labels: {
        'org.opencontainers.image.version': '1.0.0',
        'org.opencontainers.image.revision': 'abc',
        'org.opencontainers.image.source': 'https://example.org/x',
      },
      exposedPorts: ['8080/tcp'],
      entrypoint: ['/bin/app'],
      cmd: null,
      workingDir: '/',
      healthcheck: { test: ['CMD', '/bin/app', '-healthcheck'] },
      ...config,
    },
  };
}

function facts(multi: ImageFacts, overrides: Partial<AppFacts> = {}): AppFacts {
  return {
    app: 'selftest',
    buildArgs: { VERSION: '1.0.0', REVISION: 'abc' },
    single: { tag: 'lab/x:single', buildMs: 1, facts: image({ uncompressedBytes: 4_000_000 }) },
    multi: { tag: 'lab/x:multi', buildMs: 1, facts: multi },
    run: { httpReadyMs: 20, healthyMs: 1000, uid: 65532, gid: 65532, versionBody: '{"version":"1.0.0"}', stop: { ms: 150, exitCode: 0, killed: false } },
    hardened: { served: true },
    starts: { healthyMs: [150, 160, 170] },
    allow: { base: 'scratch', baseFiles: [] },
    trust: { stores: [], certificates: 0, extra: [] },
    ...overrides,
  };
}

const byId = (entry: AppEntry, f: AppFacts) => Object.fromEntries(evaluateContract(entry, f, {}).map((c) => [c.id, c]));
const check = (id: string, f: AppFacts, entry: AppEntry = selftest): CheckResult => byId(entry, f)[id]!;
const run = (overrides: Partial<NonNullable<AppFacts['run']>>) => facts(image(), { run: { ...facts(image()).run!, ...overrides } });

describe('the image contract', () => {
  it('passes an image that meets every check', () => {
    const failed = evaluateContract(selftest, facts(image()), {}).filter((c) => !c.ok);
    expect(failed.map((c) => describeFailure('selftest', c))).toEqual([]);
  });

  it('names the checks before anything is measured, so tests can be generated', () => {
    expect(contractChecks(selftest, {}).map((c) => c.id)).toEqual([
      'size',
      'reduction',
      'allow-list',
      'nothing-of-the-build',
      'labels',
      'non-root',
      'trust',
      'healthcheck-config',
      'healthy',
      'health-goal',
      'exec-form',
      'exposes',
      'signals',
      'hardening',
      'version-endpoint',
    ]);
  });

  it('fails an image over budget, blaming its largest layers', () => {
    const size = check('size', facts(image({ uncompressedBytes: 3_000_000 })));
    expect(size.ok).toBe(false);
    expect(size.found).toBe('3.0 MB uncompressed, 1.0 MB compressed');
    expect(size.blame).toContain('layer 0 (2.0 MB): COPY /bin/busybox /bin/busybox');
  });

  it('computes the reduction against the single-stage image', () => {
    expect(reductionPercent(1_100_000_000, 150_000_000)).toBeCloseTo(86.36, 2);
    const reduction = check('reduction', facts(image({ uncompressedBytes: 3_000_000 })));
    expect(reduction.ok).toBe(false);
    expect(reduction.found).toBe('25.0% (4.0 MB -> 3.0 MB)');
  });

  it('finds denied files and the instruction that put them there', () => {
    const withSources = image({
      files: [
        ...image().files,
        { path: '/src', type: 'directory', size: 0, mode: 0o755, layer: 1 },
        { path: '/src/build.sh', type: 'file', size: 10, mode: 0o755, layer: 1 },
      ],
    });
    const denied = check('nothing-of-the-build', facts(withSources));
    expect(denied.ok).toBe(false);
    expect(denied.found).toBe('1 denied path(s): /src/build.sh (matches /src/**, layer 1)');
    expect(denied.blame).toContain('layer 1: COPY /out/www /www');
  });

  it('fails a file the allow-list does not name, with its layer, even one no deny pattern knows', () => {
    const leaked = image({ files: [...image().files, { path: '/usr/bin/x86_64-linux-gnu-gcc-14', type: 'file', size: 10, mode: 0o755, layer: 1 }] });
    const allow = check('allow-list', facts(leaked));
    expect(allow.ok).toBe(false);
    expect(allow.found).toBe('1 not allowed: /usr/bin/x86_64-linux-gnu-gcc-14 (layer 1)');
    expect(allow.blame).toBe('put there by:\nlayer 1: COPY /out/www /www');
    expect(check('nothing-of-the-build', facts(leaked)).ok).toBe(true);
    expect(check('allow-list', facts(image(), { allow: undefined })).found).toBe('the base image and lockfile were not measured');
  });

  it('refuses a non-numeric or root USER, and a process running as root', () => {
    expect(check('non-root', facts(image({}, { user: 'node' }))).ok).toBe(false);
    expect(check('non-root', facts(image({}, { user: '0:0' }))).ok).toBe(false);
    expect(check('non-root', facts(image({}, { user: '' }))).found).toBe('USER (unset: root); process uid 65532');
    const root = check('non-root', run({ uid: 0 }));
    expect(root.ok).toBe(false);
    expect(root.found).toBe('USER "65532:65532"; process uid 0');
    expect(root.blame).toContain('something in the image switches back');
  });

  it('fails when the uid was not shown: nothing ran, or docker top gave no number', () => {
    const nothing = check('non-root', facts(image(), { run: undefined }));
    expect(nothing.ok).toBe(false);
    expect(nothing.found).toBe('USER "65532:65532"; process uid not shown: nothing was run');
    expect(nothing.blame).toContain('idleCommand');
    // NaN is what Number() makes of a missing column; JSON turns it into null.
    for (const uid of [Number.NaN, null as unknown as number]) expect(check('non-root', run({ uid })).ok).toBe(false);
    const noTop = check('non-root', run({ uid: undefined, identityError: 'docker top shows no numeric uid/gid (columns ["PID","USER"])' }));
    expect(noTop.found).toBe('USER "65532:65532"; process uid not shown: docker top shows no numeric uid/gid (columns ["PID","USER"])');
  });

  it('refuses a health check that calls curl or wget anywhere in it, and images that ship them', () => {
    const withTest = (test: string[]) => check('healthcheck-config', facts(image({}, { healthcheck: { test } })));
    expect(withTest(['CMD', 'curl', '-f', 'http://localhost/']).ok).toBe(false);
    expect(withTest(['CMD-SHELL', 'wget -qO- http://localhost/ || exit 1']).ok).toBe(false);
    // The case: the downloader is a busybox applet, the second argument.
    const applet = withTest(['CMD', '/bin/busybox', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8080/health']);
    expect(applet.ok).toBe(false);
    expect(applet.found).toBe('`HEALTHCHECK ["CMD","/bin/busybox","wget","-q","-O","/dev/null","http://127.0.0.1:8080/health"]`; it calls wget');
    expect(applet.blame).toContain('probe with the app itself');
    expect(withTest(['CMD', '/bin/busybox', 'sh', '-c', 'busybox wget -q http://x/health']).ok).toBe(false);
    expect(withTest(['CMD', '/usr/bin/curl', 'http://x/']).ok).toBe(false);
    expect(check('healthcheck-config', facts(image({}, { healthcheck: null }))).found).toBe('no HEALTHCHECK');
    const withWget = image({ files: [...image().files, { path: '/usr/bin/wget', type: 'symlink', size: 0, mode: 0o777, linkname: '/bin/busybox', layer: 1 }] });
    const installed = check('healthcheck-config', facts(withWget));
    expect(installed.found).toBe('`HEALTHCHECK ["CMD","/bin/app","-healthcheck"]`; installed: /usr/bin/wget');
    expect(installed.blame).toBe('layer 1: COPY /out/www /www');
  });

  it('passes probes that are the app itself, or no downloader', () => {
    expect(downloaderWords(['CMD', '/usr/local/bin/node', '/app/dist/healthcheck.js'])).toEqual([]);
    expect(downloaderWords(['CMD', '/bin/busybox', 'sh', '-c', "printf 'GET /health' | /bin/busybox nc 127.0.0.1 8080 | grep -q 200"])).toEqual([]);
    expect(downloaderWords(['CMD-SHELL', 'test -f /tmp/ready && wget -q localhost'])).toEqual(['wget']);
  });

  it('refuses shell-form start commands, ENTRYPOINT as well as CMD', () => {
    const cmd = check('exec-form', facts(image({}, { entrypoint: null, cmd: ['/bin/sh', '-c', 'node server.js'] })));
    expect(cmd.ok).toBe(false);
    expect(cmd.found).toBe('`CMD ["/bin/sh","-c","node server.js"]` (shell form)');
    const entrypoint = check('exec-form', facts(image({}, { entrypoint: ['/bin/sh', '-c', 'node server.js'], cmd: null })));
    expect(entrypoint.ok).toBe(false);
    expect(entrypoint.found).toBe('`ENTRYPOINT ["/bin/sh","-c","node server.js"]` (shell form)');
    expect(entrypoint.blame).toBe('shell-form ENTRYPOINT runs the app under /bin/sh -c, which does not forward SIGTERM: write it as a JSON array');
    // Exec form whose arguments come from CMD, and a shell the author starts on purpose (its signals are the signals check's).
    expect(check('exec-form', facts(image({}, { entrypoint: ['/usr/local/bin/node'], cmd: ['/app/dist/main.js'] }))).ok).toBe(true);
    expect(check('exec-form', facts(image({}, { entrypoint: ['/bin/busybox', 'sh', '-c', 'trap "exit 0" TERM; httpd & wait'] }))).ok).toBe(true);
    expect(check('exec-form', facts(image({}, { entrypoint: null, cmd: null }))).found).toBe('no start command');
  });

  it('fails a container that needed SIGKILL, or was slow to stop', () => {
    const killed = check('signals', run({ stop: { ms: 5_100, exitCode: 137, killed: true } }));
    expect(killed.ok).toBe(false);
    expect(killed.found).toBe('killed (SIGKILL) after 5.10 s');
    expect(killed.blame).toContain('PID 1');
    expect(check('signals', run({ stop: { ms: 2_500, exitCode: 0, killed: false } })).found).toBe('exited with code 0 after 2.50 s');
  });

  it("says why an exit on SIGTERM's default action counts as a clean stop (java's 143)", () => {
    const java = check('signals', run({ stop: { ms: 900, exitCode: 143, killed: false } }));
    expect(java.ok).toBe(true);
    expect(java.found).toBe(
      'exited with code 143 (128 + SIGTERM: the process ended on the signal by its default action, with no handler calling exit(0), as the JVM does; counted as a clean stop) after 900 ms',
    );
  });

  it('carries the container diagnostics when it never became healthy, and says why a late one was late', () => {
    const never = check(
      'healthy',
      run({ healthyMs: undefined, healthError: 'not healthy within 5000 ms (status: starting)\nhealth check (exit 1): connection refused' }),
    );
    expect(never.ok).toBe(false);
    expect(never.found).toBe('never healthy: not healthy within 5000 ms (status: starting)');
    expect(never.blame).toContain('connection refused');
    const late = check('healthy', run({ healthyMs: 6_000 }));
    expect(late.found).toBe('healthy after 6.00 s');
    expect(late.blame).toContain('the first probe waits one --start-interval (without one, one --interval)');
  });

  it('fails a service that does not serve when hardened, or reports another version', () => {
    const hardened = check(
      'hardening',
      facts(image(), {
        hardened: { served: false, error: "the container exited (code 1) before it was ready\n  | sh: can't create /run/pid: Read-only file system" },
      }),
    );
    expect(hardened.found).toBe('did not serve: the container exited (code 1) before it was ready');
    expect(hardened.blame).toContain('Read-only file system');
    const version = check('version-endpoint', run({ versionBody: '{"version":"dev"}' }));
    expect(version.ok).toBe(false);
    expect(`${version.expected} / ${version.found}`).toBe('a body containing 1.0.0 / {"version":"dev"}');
  });

  it('checks the OCI labels against the build args', () => {
    const labels = check('labels', facts(image({}, { labels: { 'org.opencontainers.image.version': 'dev' } })));
    expect(labels.ok).toBe(false);
    expect(labels.found).toBe('version=dev, revision=(none), source=(none)');
  });

  it('fails a tool that exits non-zero or says something else', () => {
    const tool: AppEntry = {
      ...selftest,
      name: 'tool',
      service: undefined,
      idleCommand: ['sleep', '9'],
      runs: [{ command: ['tool', '-v'], expectOutput: 'tool 1.' }],
    };
    const failing = facts(image(), { tools: [{ command: ['tool', '-v'], exitCode: 3, output: 'usage: tool\nno such flag -v\n' }] });
    const result = check('runs-0', failing, tool);
    expect(result.ok).toBe(false);
    expect(result.found).toBe('exit 3: usage: tool / no such flag -v');
    expect(check('runs-0', facts(image()), tool).found).toBe('not run');
  });
});

describe('the target and cache claims', () => {
  it('fails a development target that does not reload, or reloads too late', () => {
    const none = checkDevelopment(selftest, {
      error: 'GET /index.html did not answer 200 containing "edited while running" within 13000 ms (last: HTTP 200: hello)',
    });
    expect(none.ok).toBe(false);
    expect(none.found).toBe('no reload: GET /index.html did not answer 200 containing "edited while running" within 13000 ms (last: HTTP 200: hello)');
    expect(checkDevelopment(selftest, { reloadMs: 4_000 }).found).toBe('reloaded after 4.00 s');
    expect(checkDevelopment(selftest, { reloadMs: 4_000 }).ok).toBe(false);
  });

  it('fails a test stage that lets a failing test pass, or does not name it', () => {
    const ignored = checkTestStage(selftest, { buildFailed: false, errorText: '', cleanBuildPassed: true });
    expect(ignored.ok).toBe(false);
    expect(ignored.found).toBe('clean build passed; injected failure did NOT fail the build');
    expect(ignored.blame).toBe('the test stage does not run the tests, or ignores their exit status');
    const unnamed = checkTestStage(selftest, { buildFailed: true, errorText: 'exit code: 1', cleanBuildPassed: true });
    expect(unnamed.found).toBe('clean build passed; injected failure failed the build, but its log does not name it');
  });

  const steps = (cached: Record<string, boolean>): CacheFacts => ({ steps: Object.entries(cached).map(([name, c]) => ({ name, cached: c })), rebuildMs: 500 });
  const nodeSteps = {
    '[deps 2/2] RUN --mount=type=cache pnpm install --frozen-lockfile --store-dir /pnpm/store': true,
    '[prod-deps 2/2] RUN --mount=type=cache pnpm install --frozen-lockfile --prod --store-dir /pnpm/store': true,
    '[build 3/4] COPY src ./src': false,
    '[build 4/4] RUN node --run build': false,
    '[production 6/7] COPY --from=build /app/dist ./dist': false,
  };

  it('passes a rebuild where every dependency step is cached and the edited steps ran again', () => {
    const ok = checkCache(nodeApi, steps(nodeSteps));
    expect(ok.ok).toBe(true);
    expect(ok.found).toBe('as expected; 3 step(s) ran again in 500 ms');
  });

  it('fails when either of two dependency steps ran again (node-api: deps and prod-deps)', () => {
    const prodDeps = checkCache(
      nodeApi,
      steps({ ...nodeSteps, '[prod-deps 2/2] RUN --mount=type=cache pnpm install --frozen-lockfile --prod --store-dir /pnpm/store': false }),
    );
    expect(prodDeps.ok).toBe(false);
    expect(prodDeps.found).toBe(
      '[prod-deps 2/2] RUN --mount=type=cache pnpm install --frozen-lockfile --prod --store-dir /pnpm/store: ran again, expected CACHED',
    );
    const { '[prod-deps 2/2] RUN --mount=type=cache pnpm install --frozen-lockfile --prod --store-dir /pnpm/store': _gone, ...withoutProdDeps } = nodeSteps;
    expect(checkCache(nodeApi, steps(withoutProdDeps)).found).toBe('no build step matches the dependency step "pnpm install --frozen-lockfile --prod"');
  });

  it('fails when nothing rebuilt: an edit that reached no step proves nothing', () => {
    const nothing = checkCache(nodeApi, steps(Object.fromEntries(Object.keys(nodeSteps).map((name) => [name, true]))));
    expect(nothing.ok).toBe(false);
    expect(nothing.found).toContain('[build 3/4] COPY src ./src: CACHED, expected to run again after editing src/app.ts');
    expect(nothing.blame).toBe('steps that ran again:\n(none)');
  });

  const poorSteps = {
    '[1/5] FROM docker.io/library/node:24-slim': false,
    '[3/5] RUN npm install --global --no-audit --no-fund --loglevel=error pnpm@11.28.11': true,
    '[4/5] COPY . .': false,
    '[5/5] RUN pnpm install --frozen-lockfile && pnpm run build': false,
  };

  it("passes the tutorial's counter-example when its dependency step ran again after the edit", () => {
    const shown = checkPoorCacheOrder(nodeApi, steps(poorSteps));
    expect(shown.ok).toBe(true);
    expect(shown.found).toBe('[5/5] RUN pnpm install --frozen-lockfile && pnpm run build: ran again; the rebuild took 500 ms');
  });

  it('fails a "poorly ordered" Dockerfile whose dependency step stayed cached, or that has none', () => {
    const cached = checkPoorCacheOrder(nodeApi, steps({ ...poorSteps, '[5/5] RUN pnpm install --frozen-lockfile && pnpm run build': true }));
    expect(cached.ok).toBe(false);
    expect(cached.found).toBe(
      '[5/5] RUN pnpm install --frozen-lockfile && pnpm run build: CACHED after editing src/app.ts: this Dockerfile does not show the poor ordering (its dependency step comes before the sources)',
    );
    expect(cached.blame).toContain('CACHED  [5/5] RUN pnpm install');
    expect(checkPoorCacheOrder(nodeApi, steps({ '[4/5] COPY . .': false })).found).toBe(
      'no build step of dockerfiles/node-api/poor-cache-order.Dockerfile matches the dependency step "pnpm install --frozen-lockfile && pnpm run build"',
    );
  });

  it("passes the tutorial's HEALTHCHECK timings when healthy within the limit, and says when the first probe ran", () => {
    const timed = checkHealthcheckTiming(nodeApi, { healthyMs: 30_420, firstProbeMs: 30_010 });
    expect(timed.ok).toBe(true);
    expect(timed.expected).toBe('with --interval=30s --timeout=3s --start-period=5s --retries=3, healthy within 35.0 s of the start');
    expect(timed.found).toBe('healthy after 30.4 s (first probe 30.0 s after the start)');
  });

  it('fails them when healthy too late or never, with the reason', () => {
    const late = checkHealthcheckTiming(nodeApi, { healthyMs: 61_000, firstProbeMs: 60_000 });
    expect(late.ok).toBe(false);
    expect(late.blame).toBe('without --start-interval the first probe waits one --interval after the start');
    const never = checkHealthcheckTiming(nodeApi, { error: 'not healthy within 75000 ms (status: unhealthy)\nhealth check (exit 1): refused' });
    expect(never.found).toBe('never healthy: not healthy within 75000 ms (status: unhealthy)');
  });

  const service = (name: string, extra: Partial<ComposeServiceFacts> = {}): ComposeServiceFacts => ({
    name,
    ok: true,
    upMs: 9_000,
    readyMs: 800,
    resources: { cpus: 0.5, memoryBytes: 256 * MiB },
    ...extra,
  });

  it('passes Compose services that are ready in time with the limits applied', () => {
    expect(checkCompose(nodeApi, [service('app-dev', { resources: { cpus: 0, memoryBytes: 0 } }), service('app-prod')]).ok).toBe(true);
  });

  it('fails a Compose service over its readiness limit, without its resource limits, or not up', () => {
    const slow = checkCompose(nodeApi, [service('app-dev', { readyMs: 7_000 }), service('app-prod', { resources: { cpus: 0, memoryBytes: 0 } })]);
    expect(slow.ok).toBe(false);
    expect(slow.found).toBe(
      'app-dev was ready 7.00 s after its start, over its limit of 5.00 s; app-prod runs with cpus unlimited, memory unlimited, expected cpus 0.5, memory 256 MiB',
    );
    const down = checkCompose(nodeApi, [
      service('app-dev'),
      { name: 'app-prod', ok: false, error: 'GET /health did not answer 200 within 35000 ms (last: connection refused)\n  | boom' },
    ]);
    expect(down.found).toBe('app-prod: GET /health did not answer 200 within 35000 ms (last: connection refused)');
    expect(down.blame).toContain('  | boom');
  });
});

describe('runs in the image and what they write', () => {
  const python: AppEntry = {
    ...selftest,
    runs: [
      { title: 'the standard library imports', command: ['-c', 'import ssl'], user: '0', expectOutput: 'ok' },
      { command: ['-c', 'print(1)'], expectOutput: '1' },
    ],
    noWritesAtRunTime: ['**/*.pyc', '**/__pycache__/**', '/tmp/**'],
  };
  const ran = (changes: { path: string; kind: 'A' | 'C' | 'D' }[], served: { path: string; kind: 'A' | 'C' | 'D' }[] = []) =>
    facts(image(), {
      run: { ...facts(image()).run!, changes: served },
      tools: [
        { command: ['-c', 'import ssl'], exitCode: 0, output: 'ok\n', changes },
        { command: ['-c', 'print(1)'], exitCode: 0, output: '1\n', changes: [] },
      ],
    });

  it('names a run by its title, and adds the no-writes check only where the entry asks for it', () => {
    const ids = contractChecks(python, {}).map((c) => c.id);
    expect(ids.slice(-3)).toEqual(['runs-0', 'runs-1', 'no-writes-at-run-time']);
    expect(contractChecks(python, {}).find((c) => c.id === 'runs-0')?.title).toBe('the standard library imports');
    expect(contractChecks(python, {}).find((c) => c.id === 'runs-1')?.title).toBe('`-c print(1)` runs in the image');
    expect(contractChecks(selftest, {}).map((c) => c.id)).not.toContain('no-writes-at-run-time');
  });

  it('passes when no run wrote a denied path (deletions and other paths do not count)', () => {
    const check = byId(
      python,
      ran([
        { path: '/run', kind: 'C' },
        { path: '/tmp/old.pyc', kind: 'D' },
      ]),
    )['no-writes-at-run-time'];
    expect(check?.ok).toBe(true);
    expect(check?.found).toBe('none in 3 run(s)');
  });

  it('fails on bytecode written at run time, naming the file and the run that wrote it', () => {
    const written = [
      { path: '/usr/local/lib/python3.13/__pycache__', kind: 'C' as const },
      { path: '/usr/local/lib/python3.13/__pycache__/ssl.cpython-313.pyc', kind: 'A' as const },
    ];
    const check = byId(python, ran(written, [{ path: '/tmp/upload', kind: 'A' }]))['no-writes-at-run-time']!;
    expect(check.ok).toBe(false);
    expect(check.found).toBe('2 written: A /tmp/upload (matches /tmp/**); A /usr/local/lib/python3.13/__pycache__/ssl.cpython-313.pyc (matches **/*.pyc)');
    expect(check.blame).toContain('the service, after serving /health and /version');
    expect(check.blame).toContain('`-c import ssl` as user 0');
    expect(check.blame).toContain('compile the bytecode at build time');
  });

  it('fails when nothing recorded its changes, rather than passing unmeasured', () => {
    const unmeasured = facts(image(), { run: { error: 'the container exited (code 1) before it was ready' } });
    const check = byId(python, unmeasured)['no-writes-at-run-time']!;
    expect(check.ok).toBe(false);
    expect(check.found).toBe('not measured: the container exited (code 1) before it was ready');
  });
});

describe('checkExposedPorts', () => {
  const spa = { ...(selftest as AppEntry), service: { ...(selftest as AppEntry).service!, port: 8080 } };

  it("passes EXPOSE of the service's port alone", () => {
    expect(checkExposedPorts(spa, image({}, { exposedPorts: ['8080/tcp'] })).ok).toBe(true);
  });

  it("fails a port the base exposes beside the app's (static-web-server's 80), saying it cannot be un-EXPOSEd", () => {
    const verdict = checkExposedPorts(spa, image({}, { exposedPorts: ['80/tcp', '8080/tcp'] }));
    expect(verdict.ok).toBe(false);
    expect(describeFailure('react-spa', { id: 'exposes', title: 'EXPOSE', ...verdict })).toMatch(
      /found: +EXPOSE 80\/tcp, 8080\/tcp[\s\S]*nothing listens on 80\/tcp[\s\S]*cannot un-EXPOSE/,
    );
  });

  it('fails an image that exposes nothing', () => {
    expect(checkExposedPorts(spa, image({}, { exposedPorts: [] })).ok).toBe(false);
  });
});
