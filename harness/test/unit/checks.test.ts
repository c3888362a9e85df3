import { describe, expect, it } from 'vitest';
import selftest from '../../src/catalogue/apps/selftest.ts';
import type { AppEntry } from '../../src/catalogue/types.ts';
import { contractChecks, describeFailure, evaluateContract, reductionPercent } from '../../src/contract/checks.ts';
import type { AppFacts } from '../../src/contract/facts.ts';
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
      { path: '/bin/busybox', type: 'file', size: 1_990_000, mode: 0o755, layer: 0 },
      { path: '/www/health', type: 'file', size: 3, mode: 0o644, layer: 1 },
    ],
    ...overrides,
    config: {
      user: '65532:65532',
      env: {},
      labels: { 'org.opencontainers.image.version': '1.0.0', 'org.opencontainers.image.revision': 'abc', 'org.opencontainers.image.source': 'https://example.org/x' },
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
    trust: { stores: [], certificates: 0, extra: [] },
    ...overrides,
  };
}

const byId = (entry: AppEntry, f: AppFacts) => Object.fromEntries(evaluateContract(entry, f).map((c) => [c.id, c]));

describe('the image contract', () => {
  it('passes an image that meets every check', () => {
    const failed = evaluateContract(selftest, facts(image())).filter((c) => !c.ok);
    expect(failed.map((c) => describeFailure('selftest', c))).toEqual([]);
  });

  it('names the checks before anything is measured, so tests can be generated', () => {
    expect(contractChecks(selftest).map((c) => c.id)).toEqual([
      'size', 'reduction', 'nothing-of-the-build', 'labels', 'non-root', 'trust',
      'healthcheck-config', 'healthy', 'exec-form', 'signals', 'hardening', 'version-endpoint',
    ]);
  });

  it('fails an image over budget, blaming its largest layers', () => {
    const size = byId(selftest, facts(image({ uncompressedBytes: 3_000_000 }))).size!;
    expect(size.ok).toBe(false);
    expect(size.found).toBe('3.0 MB uncompressed, 1.0 MB compressed');
    expect(size.blame).toContain('layer 0 (2.0 MB): COPY /bin/busybox /bin/busybox');
  });

  it('computes the reduction against the single-stage image', () => {
    expect(reductionPercent(1_100_000_000, 150_000_000)).toBeCloseTo(86.36, 2);
    const check = byId(selftest, facts(image({ uncompressedBytes: 3_000_000 }))).reduction!;
    expect(check.ok).toBe(false);
    expect(check.found).toBe('25.0% (4.0 MB -> 3.0 MB)');
  });

  it('finds denied files and the instruction that put them there', () => {
    const withSources = image({
      files: [...image().files, { path: '/src/build.sh', type: 'file', size: 10, mode: 0o755, layer: 1 }],
    });
    const check = byId(selftest, facts(withSources))['nothing-of-the-build']!;
    expect(check.ok).toBe(false);
    expect(check.found).toContain('/src/build.sh (matches /src/**)');
    expect(check.blame).toContain('layer 1: COPY /out/www /www');
  });

  it('refuses a non-numeric or root USER, and a process running as root', () => {
    expect(byId(selftest, facts(image({}, { user: 'node' })))['non-root']!.ok).toBe(false);
    expect(byId(selftest, facts(image({}, { user: '0:0' })))['non-root']!.ok).toBe(false);
    expect(byId(selftest, facts(image({}, { user: '' })))['non-root']!.found).toContain('(unset: root)');
    const rootProcess = facts(image(), { run: { ...facts(image()).run!, uid: 0 } });
    expect(byId(selftest, rootProcess)['non-root']!.ok).toBe(false);
  });

  it('refuses a health check that needs curl or wget, and images that ship them', () => {
    expect(byId(selftest, facts(image({}, { healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost/'] } })))['healthcheck-config']!.ok).toBe(false);
    expect(byId(selftest, facts(image({}, { healthcheck: { test: ['CMD-SHELL', 'wget -qO- http://localhost/ || exit 1'] } })))['healthcheck-config']!.ok).toBe(false);
    expect(byId(selftest, facts(image({}, { healthcheck: null })))['healthcheck-config']!.found).toBe('no HEALTHCHECK');
    const withCurl = image({ files: [...image().files, { path: '/usr/bin/curl', type: 'file', size: 1, mode: 0o755, layer: 0 }] });
    expect(byId(selftest, facts(withCurl))['healthcheck-config']!.ok).toBe(false);
  });

  it('refuses shell-form start commands', () => {
    const shellForm = image({}, { entrypoint: null, cmd: ['/bin/sh', '-c', 'node server.js'] });
    expect(byId(selftest, facts(shellForm))['exec-form']!.ok).toBe(false);
  });

  it('fails a container that needed SIGKILL, or was slow to stop', () => {
    const killed = facts(image(), { run: { ...facts(image()).run!, stop: { ms: 5_100, exitCode: 137, killed: true } } });
    const check = byId(selftest, killed).signals!;
    expect(check.ok).toBe(false);
    expect(check.found).toBe('killed (SIGKILL) after 5.10 s');
    expect(check.blame).toContain('PID 1');
    const slow = facts(image(), { run: { ...facts(image()).run!, stop: { ms: 2_500, exitCode: 0, killed: false } } });
    expect(byId(selftest, slow).signals!.ok).toBe(false);
  });

  it('carries the container diagnostics when it never became healthy', () => {
    const never = facts(image(), { run: { error: 'not healthy within 5000 ms (status: starting)\nhealth check (exit 1): connection refused' } });
    const check = byId(selftest, never).healthy!;
    expect(check.ok).toBe(false);
    expect(check.found).toBe('never healthy: not healthy within 5000 ms (status: starting)');
    expect(check.blame).toContain('connection refused');
  });

  it('checks the OCI labels against the build args', () => {
    const wrong = image({}, { labels: { 'org.opencontainers.image.version': 'dev' } });
    const check = byId(selftest, facts(wrong)).labels!;
    expect(check.ok).toBe(false);
    expect(check.found).toBe('version=dev, revision=(none), source=(none)');
  });
});
