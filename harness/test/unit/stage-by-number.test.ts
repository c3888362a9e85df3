// stage-by-number's pure parts: the rewrite of `--from=<stage>` to the stage's index (images and
// numbers left alone, numbers reported), and the decision on the two builds' layers.
import { describe, expect, it } from 'vitest';
import { checkStageByNumber, numberStages, type StageByNumberFacts } from '../../src/checks/stage-by-number.ts';
import { good } from '../fixtures/docker/good.ts';

const dockerfile = `FROM golang:1.26 AS Build
RUN go build -o /app .

FROM scratch AS assets
COPY site /site

FROM scratch
COPY --from=build /app /app
COPY --from=assets /site /site
COPY --from=busybox:1.37 /bin/busybox /bin/busybox
RUN --mount=type=bind,from=build,source=/app,target=/x true
`;

describe('numberStages', () => {
  it('rewrites each --from naming a stage (case as BuildKit matches it) to its index, and leaves images alone', () => {
    const { text, rewrites, byNumber } = numberStages(dockerfile);
    expect(text).toContain('COPY --from=0 /app /app');
    expect(text).toContain('COPY --from=1 /site /site');
    expect(text).toContain('COPY --from=busybox:1.37 /bin/busybox');
    expect(rewrites).toEqual(['--from=build -> --from=0 (line 8)', '--from=assets -> --from=1 (line 9)']);
    // A mount's from= is left as written: the claim is about COPY --from.
    expect(text).toContain('from=build,source=/app');
    expect(byNumber).toEqual([]);
  });

  it('reports a --from that is already a number, with its line', () => {
    expect(numberStages('FROM scratch AS a\nCOPY x /x\nFROM scratch\nCOPY --from=0 /x /y\n').byNumber).toEqual([{ line: 4, text: 'COPY --from=0 /x /y' }]);
  });
});

describe('checkStageByNumber', () => {
  const file = '/go-api (layer 1) sha256:aaaa';
  const facts: StageByNumberFacts = { byNumber: [], rewrites: ['--from=build -> --from=0 (line 7)'], namedFiles: [file], numberedFiles: [file] };

  it('passes when the files are the same, layer by layer', () => {
    expect(checkStageByNumber(good, facts)).toMatchObject({
      ok: true,
      found: '1 reference rewritten (--from=build -> --from=0 (line 7)): the same 1 files, each in the same layer, byte for byte',
    });
  });

  it('fails when they differ, when a stage is copied from by number, and when nothing names a stage', () => {
    const other = checkStageByNumber(good, { ...facts, numberedFiles: ['/go-api (layer 1) sha256:bbbb'] });
    expect(other).toMatchObject({
      ok: false,
      found: expect.stringContaining('2 files differ: named: /go-api (layer 1) sha256:aaaa; by number: /go-api (layer 1) sha256:bbbb'),
    });
    const numbered = checkStageByNumber(good, { ...facts, byNumber: [{ line: 4, text: 'COPY --from=0 /x /y' }] });
    expect(numbered).toMatchObject({ ok: false, found: 'line 4: COPY --from=0 /x /y' });
    expect(checkStageByNumber(good, { ...facts, rewrites: [] }).ok).toBe(false);
  });
});
