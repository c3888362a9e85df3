// buildx's rawjson progress: the steps, cache hits and failing step with its last lines, and the
// command line a build runs.
import { describe, expect, it } from 'vitest';
import { BuildError, BuildTrace, buildxArgs, buildxFailure } from '../../src/engine/build.ts';
import { cacheScope, chosenBuildCache } from '../../src/engine/cache-export.ts';
import { chosenBuilder } from '../../src/engine/builder.ts';
import { decodeRawJsonStatus, RawJsonSplitter } from '../../src/engine/buildkit-status.ts';

// What buildx 0.13 printed for a failing build (shortened): indented records, then the error.
const failingBuild = `{
  "vertexes": [
    {
      "digest": "sha256:5f00",
      "name": "[1/2] COPY busybox /bin/busybox",
      "started": "2026-11-27T02:24:46.100000000Z",
      "completed": "2026-11-27T02:24:46.270000000Z",
      "cached": true
    }
  ]
}
{
  "vertexes": [
    {
      "digest": "sha256:c458",
      "name": "[2/2] RUN [\\"/bin/busybox\\", \\"sh\\", \\"-c\\", \\"echo line one; exit 3\\"]",
      "started": "2026-11-27T02:24:46.272221562Z"
    }
  ]
}
{
  "logs": [
    {
      "vertex": "sha256:c458",
      "stream": 1,
      "data": "bGluZSBvbmUK",
      "timestamp": "2026-11-27T02:24:47.980594477Z"
    }
  ]
}
{
  "vertexes": [
    {
      "digest": "sha256:c458",
      "inputs": [
        "sha256:5f00"
      ],
      "name": "[2/2] RUN [\\"/bin/busybox\\", \\"sh\\", \\"-c\\", \\"echo line one; exit 3\\"]",
      "started": "2026-11-27T02:24:46.272221562Z",
      "completed": "2026-11-27T02:24:48.414473752Z",
      "error": "process \\"/bin/busybox sh -c echo line one; exit 3\\" did not complete successfully: exit code: 3"
    }
  ]
}
fail.Dockerfile:3
--------------------
   3 | >>> RUN ["/bin/busybox", "sh", "-c", "echo line one; exit 3"]
--------------------
ERROR: failed to solve: process "/bin/busybox sh -c echo line one; exit 3" did not complete successfully: exit code: 3`;

function read(output: string): { trace: BuildTrace; text: string[] } {
  const trace = new BuildTrace();
  const text: string[] = [];
  const splitter = new RawJsonSplitter(
    (record) => trace.apply(decodeRawJsonStatus(record)),
    (line) => text.push(line),
  );
  for (const line of output.split('\n')) splitter.line(line);
  return { trace, text };
}

describe('buildx rawjson progress', () => {
  it('decodes steps with their cache hits and times (nanoseconds cut to ms), and base64 log data', () => {
    expect(
      decodeRawJsonStatus({
        vertexes: [
          {
            digest: 'sha256:a',
            name: '[deps 2/4] RUN pnpm install',
            cached: true,
            started: '2026-11-27T02:24:46.100999999Z',
            completed: '2026-11-27T02:24:46.270000000Z',
          },
        ],
        logs: [{ vertex: 'sha256:a', data: 'aGVsbG8K' }],
      }),
    ).toEqual({
      vertexes: [
        {
          digest: 'sha256:a',
          name: '[deps 2/4] RUN pnpm install',
          cached: true,
          started: Date.UTC(2026, 10, 27, 2, 24, 46, 100),
          completed: Date.UTC(2026, 10, 27, 2, 24, 46, 270),
        },
      ],
      logs: [{ digest: 'sha256:a', text: 'hello\n' }],
      warnings: [],
    });
  });

  it("puts the frontend's build-check warnings under a failed build's reason", () => {
    const short = "ConsistentInstructionCasing: Command 'from' should match the case of the command majority (uppercase) (line 7)";
    const update = decodeRawJsonStatus({ warnings: [{ short: Buffer.from(short).toString('base64'), url: 'https://docs.docker.com/go/dockerfile/rule/' }] });
    expect(update.warnings).toEqual([short]);
    const trace = new BuildTrace();
    trace.apply(update);
    const error = trace.error(
      { context: '/c', dockerfile: '/c/Dockerfile', tag: 't' },
      'failed to solve: lint violation found for rules: ConsistentInstructionCasing',
      30,
    );
    expect(error.message.split('\n').slice(1)).toEqual([`  ${short}`]);
  });

  it('gives a failing build the same error as the engine API path: failing step, its last lines, the reason', () => {
    const { trace, text } = read(failingBuild);
    expect(trace.steps().map((s) => [s.name, s.cached])).toEqual([
      ['[1/2] COPY busybox /bin/busybox', true],
      ['[2/2] RUN ["/bin/busybox", "sh", "-c", "echo line one; exit 3"]', false],
    ]);
    const error = trace.error({ context: '/ctx', dockerfile: '/repo/fail.Dockerfile', tag: 'lab/x:secret' }, buildxFailure(text, 1), 30);
    expect(error).toBeInstanceOf(BuildError);
    expect(error.message).toContain('failed: failed to solve: process "/bin/busybox sh -c echo line one; exit 3" did not complete successfully: exit code: 3');
    expect(error.message).toContain('failing step: [2/2] RUN ["/bin/busybox", "sh", "-c", "echo line one; exit 3"]');
    expect(error.message).toContain('last 1 lines of its output:\n  | line one');
  });

  it('says what to install when buildx is missing', () => {
    expect(buildxFailure(["docker: 'buildx' is not a docker command."], 1)).toMatch(
      /docker buildx is not installed: the harness builds as `docker buildx build` does/,
    );
    expect(buildxFailure([], 2)).toBe('docker buildx build exited with code 2');
  });
});

describe('buildx command line', () => {
  it('passes secrets as files, never as build args, loads a plain image, and sends the context folder with the Dockerfile apart', () => {
    const args = buildxArgs(
      {
        context: '/ctx',
        dockerfile: '/repo/multi.Dockerfile',
        tag: 'lab/node-api:secret',
        target: 'production',
        buildArgs: { VERSION: '1.0.0' },
        labels: { owner: 'run' },
        secrets: [{ id: 'npm_token', src: '/tmp/token' }],
        noCacheFilter: ['deps', 'prod-deps'],
      },
      '/ctx',
      '/tmp/iid',
    );
    expect(args.join(' ')).toBe(
      'buildx build --progress=rawjson --provenance=false --sbom=false --load --iidfile /tmp/iid -f /repo/multi.Dockerfile -t lab/node-api:secret --target production ' +
        '--build-arg VERSION=1.0.0 --label owner=run --secret id=npm_token,src=/tmp/token --no-cache-filter deps,prod-deps /ctx',
    );
  });

  it('reads and writes the cache LAB_BUILD_CACHE names, one scope per image and target, every stage kept (mode=max)', () => {
    const request = { context: '/ctx', dockerfile: '/ctx/Dockerfile', tag: 'lab/go-api:multi', target: 'production' };
    const tail = (cache: Parameters<typeof buildxArgs>[4]) => buildxArgs(request, '/ctx', '/tmp/iid', undefined, cache).slice(-5).join(' ');
    expect(tail({ kind: 'gha' })).toBe(
      '--cache-from type=gha,scope=lab-go-api-multi-production --cache-to type=gha,scope=lab-go-api-multi-production,mode=max /ctx',
    );
    expect(tail({ kind: 'local', dir: '/var/cache/lab' })).toBe(
      '--cache-from type=local,src=/var/cache/lab/lab-go-api-multi-production --cache-to type=local,dest=/var/cache/lab/lab-go-api-multi-production,mode=max /ctx',
    );
    expect(buildxArgs(request, '/ctx', '/tmp/iid').join(' ')).not.toMatch(/--cache-(from|to)/);
    expect(cacheScope('lab/node-api:multi')).toBe('lab-node-api-multi');
    expect(chosenBuildCache({ LAB_BUILD_CACHE: 'gha' })).toEqual({ kind: 'gha' });
    expect(chosenBuildCache({ LAB_BUILD_CACHE: 'local:/tmp/c' })).toEqual({ kind: 'local', dir: '/tmp/c' });
    expect(chosenBuildCache({ LAB_BUILD_CACHE: ' ' })).toBeUndefined();
    for (const bad of ['s3', 'local:relative/dir', 'local:/a,mode=min'])
      expect(() => chosenBuildCache({ LAB_BUILD_CACHE: bad })).toThrow(/LAB_BUILD_CACHE is '.*': it takes 'gha' .* or 'local:\/absolute\/folder'/);
  });

  it("turns the docker driver's refusal to export a cache into what to do", () => {
    const refusal = [
      'ERROR: Cache export is not supported for the docker driver.',
      'Switch to a different driver, or turn on the containerd image store, and try again.',
    ];
    expect(buildxFailure(refusal, 1)).toMatch(
      /^LAB_BUILD_CACHE asks for BuildKit's cache to be exported, .* name a docker-container or remote builder with LAB_BUILDER/,
    );
  });

  it('names the builder LAB_BUILDER (or BUILDX_BUILDER) chose, and none where neither is set: buildx current one, as before', () => {
    const request = { context: '/ctx', dockerfile: '/ctx/Dockerfile', tag: 'lab/go-api:multi' };
    expect(buildxArgs(request, '/ctx', '/tmp/iid', 'lab-remote').slice(0, 4)).toEqual(['buildx', 'build', '--builder', 'lab-remote']);
    expect(buildxArgs(request, '/ctx', '/tmp/iid')).not.toContain('--builder');
    expect(chosenBuilder({ LAB_BUILDER: 'lab-remote', BUILDX_BUILDER: 'other' })).toBe('lab-remote');
    expect(chosenBuilder({ BUILDX_BUILDER: 'other' })).toBe('other');
    expect(chosenBuilder({ LAB_BUILDER: '', BUILDX_BUILDER: ' ' })).toBeUndefined();
    expect(chosenBuilder({})).toBeUndefined();
  });

  it('refuses a builder name that is not one, in one line', () => {
    expect(() => chosenBuilder({ LAB_BUILDER: '--load' })).toThrow(/^LAB_BUILDER is '--load': it takes the name of a buildx builder/);
    expect(() => chosenBuilder({ BUILDX_BUILDER: 'unix:///run/buildkitd.sock' })).toThrow(/^BUILDX_BUILDER is 'unix:\/\/\/run\/buildkitd.sock'/);
  });
});
