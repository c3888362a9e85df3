// What many entries say alike, named once: deny globs for tools no production image needs, and
// the `--target test` claim of each test runner (a test that fails on purpose, and the words the
// failing build must show). An entry spreads a preset and adds what is its own.
import type { AppSource } from './define-app.ts';

type TestClaim = NonNullable<AppSource['test']>;

/** Nothing that could run a script: shells, and busybox, which is one. */
export const shells = ['**/bin/sh', '**/bin/bash', '**/bin/dash', '**/bin/busybox'];
/** Nothing that could fetch a file. */
export const fetchers = ['**/bin/curl', '**/bin/wget'];
/** Debian's package tools. */
export const systemPackageTools = ['**/bin/apt*', '**/bin/dpkg*'];
/** Nothing that could build C. */
export const cBuildTools = ['**/bin/gcc*', '**/bin/g++*', '**/bin/cc', '**/bin/make'];

/** The second line of every image's filesystem check: nothing that could run a script, fetch a file or build one. */
export const nothingToRunFetchOrBuild = [...shells, ...fetchers, ...systemPackageTools, '**/bin/git', ...cBuildTools];

/** Node's package managers, their global installs and their stores and caches. */
export const nodePackageManagers = [
  '**/bin/npm',
  '**/bin/npx',
  '**/bin/pnpm',
  '**/bin/pnpx',
  '**/bin/yarn*',
  '**/bin/corepack',
  '/usr/local/lib/node_modules/**',
  '/pnpm/**',
  '**/.pnpm-store/**',
  '**/.npm/**',
];

/** A TypeScript app's dev dependencies: the compiler, the test runner and its bundler, the linter, type packages. */
export const nodeDevDependencies = [
  '**/node_modules/typescript/**',
  '**/node_modules/@typescript/**',
  '**/node_modules/vitest/**',
  '**/node_modules/@vitest/**',
  '**/node_modules/vite/**',
  '**/node_modules/rolldown/**',
  '**/node_modules/oxlint/**',
  '**/node_modules/@oxlint/**',
  '**/node_modules/@types/**',
  '**/node_modules/.bin/tsc',
  '**/node_modules/.bin/vitest',
];

/** The Go toolchain and its module cache. */
export const goToolchain = ['/usr/local/go/**', '/go/**', '**/bin/go', '**/bin/gofmt'];

/** A preset less globs an image needs (toolbox ships busybox as a tool); each must be in the preset. */
export function without(preset: string[], ...kept: string[]): string[] {
  const missing = kept.filter((glob) => !preset.includes(glob));
  if (missing.length) throw new Error(`without(): ${missing.join(', ')} not in the preset (${preset.join(', ')})`);
  return preset.filter((glob) => !kept.includes(glob));
}

/**
 * vitest (node-api, react-spa): the apps' reporter (test/support/failures-last.ts) prints failing
 * tests' names as the log's last lines, so the failed build names the test.
 */
export function vitestFailure(file = 'test/injected-failure.test.ts'): TestClaim {
  const title = 'injected failure: written by the harness to fail the build';
  return {
    failingTest: {
      file,
      contents: ["import { expect, it } from 'vitest';", '', `it('${title}', () => {`, '  expect(1 + 1).toBe(3);', '});', ''].join('\n'),
    },
    expectInError: title,
  };
}

/** `go test` of package main (go-api): the failing test's name is in the failed build's log. */
export const goTestFailure: TestClaim = {
  failingTest: {
    file: 'injected_failure_test.go',
    contents: [
      'package main',
      '',
      'import "testing"',
      '',
      'func TestInjectedFailure(t *testing.T) {',
      '\tt.Fatal("written by the harness: this test must fail the build")',
      '}',
      '',
    ].join('\n'),
  },
  expectInError: 'TestInjectedFailure',
};

/** pytest (python-api): a test module of its own under tests/. */
export const pytestFailure: TestClaim = {
  failingTest: {
    file: 'tests/test_injected_failure.py',
    contents: [
      'def test_injected_failure_written_by_the_harness() -> None:',
      '    assert 1 + 1 == 3, "written by the harness: this test must fail the build"',
      '',
    ].join('\n'),
  },
  expectInError: 'test_injected_failure_written_by_the_harness',
};

/** JUnit 5 under Maven Surefire (java-api), in the app's package: Surefire's summary names Class.method. */
export function junitFailure(javaPackage: string): TestClaim {
  return {
    failingTest: {
      file: `src/test/java/${javaPackage.replaceAll('.', '/')}/InjectedFailureTest.java`,
      contents: [
        `package ${javaPackage};`,
        '',
        'import org.junit.jupiter.api.Test;',
        '',
        'import static org.junit.jupiter.api.Assertions.fail;',
        '',
        'class InjectedFailureTest {',
        '',
        '\t@Test',
        '\tvoid injectedFailure() {',
        '\t\tfail("written by the harness: this test must fail the build");',
        '\t}',
        '}',
        '',
      ].join('\n'),
    },
    expectInError: 'InjectedFailureTest.injectedFailure',
  };
}
