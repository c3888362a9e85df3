import { describe, expect, it } from 'vitest';
import { rewriteLabPaths } from '../../src/fork/lab-paths.ts';
import { escapingPaths, labNameFindings, scanFork } from '../../src/fork/scan.ts';

const layout = { context: 'apps/go-api', dockerfile: 'dockerfiles/go-api/multi.Dockerfile' };

describe('rewriteLabPaths', () => {
  it("makes a build command of the lab the fork's", () => {
    expect(rewriteLabPaths('docker build -f dockerfiles/go-api/multi.Dockerfile --target test apps/go-api', layout)).toBe('docker build --target test .');
  });

  it('keeps a line continuation after -f', () => {
    const text = '#   docker build -f dockerfiles/go-api/multi.Dockerfile \\\n#     -t go-api apps/go-api';
    expect(rewriteLabPaths(text, layout)).toBe('#   docker build \\\n#     -t go-api .');
  });

  it("names the Dockerfile from the context (a Compose file's ../../ path) as Dockerfile", () => {
    expect(rewriteLabPaths('dockerfile: ../../dockerfiles/go-api/multi.Dockerfile', layout)).toBe('dockerfile: Dockerfile');
  });

  it("makes $PWD/apps/x the fork's $PWD and apps/x/file its file", () => {
    expect(rewriteLabPaths('-v "$PWD/apps/go-api:/src"', layout)).toBe('-v "$PWD:/src"');
    expect(rewriteLabPaths('see apps/go-api/main.go', layout)).toBe('see main.go');
  });

  it('leaves other apps and look-alike names alone', () => {
    const text = 'apps/go-api-v2 and dockerfiles/node-api/multi.Dockerfile and myapps/go-api';
    expect(rewriteLabPaths(text, layout)).toBe(text);
  });

  it("says Dockerfile where a comment names the lab's file", () => {
    expect(rewriteLabPaths('# (see dockerfiles/go-api/multi.Dockerfile).', layout)).toBe('# (see Dockerfile).');
  });
});

describe('escapingPaths', () => {
  it('finds a ../ path that leaves the fork, with its line', () => {
    const findings = escapingPaths('compose.yaml', 'services:\n  dockerfile: ../../dockerfiles/x/multi.Dockerfile\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'compose.yaml', line: 2 });
    expect(findings[0]!.why).toContain('../../dockerfiles/x/multi.Dockerfile leaves the repository');
  });

  it('accepts a ../ that stays inside (a test importing the sources)', () => {
    expect(escapingPaths('test/app.test.ts', "import { createApp } from '../src/app.ts';")).toEqual([]);
    expect(escapingPaths('test/support/helpers.ts', "import '../../src/logger.ts';")).toEqual([]);
  });

  it('finds a ../ that climbs one folder too many', () => {
    expect(escapingPaths('test/support/helpers.ts', "import '../../../harness/src/x.ts';")).toHaveLength(1);
    expect(escapingPaths('package.json', '"test:unit": "node ../../harness/src/tasks/go-test.ts"')).toHaveLength(1);
  });
});

describe('labNameFindings', () => {
  it.each([
    ['// the Go fixture of the multi-stage lab', "the lab's name"],
    ['# The hardening the harness checks', "the lab's harness"],
    ['within the 2 s the lab allows', 'the lab'],
    ['outputFile: `${process.env.LAB_TEST_RESULTS}/x.json`', 'a lab environment variable'],
    ['docker run lab/go-api:multi', 'a lab image name'],
    ['see dockerfiles/go-api/single.Dockerfile', "the lab's Dockerfiles folder"],
    ['package lab.javaapi;', 'the lab'],
    ['// `docker history` (token-as-build-arg.Dockerfile shows it).', "another of the lab's Dockerfiles"],
    ['# keeps the lockfile in step with the workspace', "the lab's workspace"],
    ['// without the monorepo around it', "the lab's workspace"],
    ["# A static site (the test suite's own fixture)", "a word of the lab's tests"],
  ])('flags %s', (line, what) => {
    const findings = labNameFindings('x', line);
    expect(findings.map((f) => f.why).join('\n')).toContain(what);
  });

  it.each([
    'LABEL org.opencontainers.image.title="x"',
    'github.com/tetratelabs/wazero',
    'gitlab CI',
    'a labelled image',
    'package com.example.javaapi;',
    '@pytest.fixture',
  ])('lets %s be', (line) => {
    expect(labNameFindings('x', line)).toEqual([]);
  });

  it("flags the lab's other apps by name, never the forked one's", () => {
    const text = "// Serves a built single-page app (react-spa's dist/)\nexport const GREETING = 'Hello from node-api';";
    expect(labNameFindings('src/spa.ts', text, ['react-spa', 'fullstack']).map((f) => `${f.line} ${f.why}`)).toEqual([
      `1 "react-spa": another of the lab's apps`,
    ]);
    expect(labNameFindings('x', 'react-spa-starter and my-react-spa', ['react-spa'])).toEqual([]);
  });

  it('scanFork checks file names too', () => {
    expect(scanFork(new Map([['harness/notes.md', 'fine']]))[0]?.why).toBe('its name is a lab name');
  });
});
