// The tutorial's claims decided on hand-made reports: each verdict, with the number or reason a
// reader sees. (On real measurements: `pnpm verify` writes them to reports/claims.md.)
import { describe, expect, it } from 'vitest';
import { claimVerdicts } from '../../src/tutorial/verdicts.ts';
import { tutorialClaims, type Decision } from '../../src/tutorial/claims.ts';
import { verdictCounts, type ClaimVerdict } from '../../src/report/claims-model.ts';
import type { AppReport, ClaimsReport } from '../../src/report/claims-model.ts';
import { goTips } from '../../src/catalogue/go-tips.ts';
import { npmTips } from '../../src/catalogue/npm-tips.ts';
import { describeMeasuredOn } from '../../src/report/measured-on.ts';
import { markdownReport } from '../../src/report/claims-report.ts';
import { claimsReportProblems } from '../../src/report/schema.ts';
import { check, fixtureCatalogue, fixtureReport, goApiReport, nodeApiReport } from './support/report-fixture.ts';

function verdictOf(report: ClaimsReport, id: string, catalogue = fixtureCatalogue): ClaimVerdict {
  const found = claimVerdicts(report, catalogue).find((v) => v.id === id);
  if (!found) throw new Error(`no claim ${id}`);
  return found;
}

describe('size claims, on the measured images', () => {
  it('holds with the measured sizes when the image is at most the claimed size and the reduction at least the claimed one', () => {
    const v = verdictOf(fixtureReport(), 'table-node');
    expect(v.verdict).toBe('holds');
    expect(v.detail).toBe('node-api: 1.41 GB -> 137.1 MB (90.3% smaller)');
    expect(v.decidedBy).toContain('node-api: multi-stage image at most 150.0 MB');
  });

  it('does not hold, with the numbers, when the reduction is smaller than claimed', () => {
    const v = verdictOf(fixtureReport(), 'graphic-reduction');
    expect(v.verdict).toBe('holds');
    const small = nodeApiReport();
    small.facts!.multi.facts.uncompressedBytes = 200e6;
    const w = verdictOf(fixtureReport([small, goApiReport()]), 'graphic-reduction');
    expect(w.verdict).toBe('does not hold');
    expect(w.detail).toBe('node-api: 1.41 GB -> 200.0 MB (85.8% smaller): 85.8% smaller, not 87%');
  });

  it('reads "~" for the single-stage image as within 25% and "+" as at least', () => {
    // On the tutorial's own base image (node:18), a before that misses is a finding.
    const onNode18 = fixtureReport([nodeApiReport({ bases: [{ ref: 'node:18', origin: 'pulled' }] }), goApiReport()]);
    expect(verdictOf(onNode18, 'example-1-single').verdict).toBe('does not hold'); // 1.41 GB against ~1.1 GB
    expect(verdictOf(onNode18, 'example-1-single').detail).toBe('node-api: 1.41 GB -> 137.1 MB (90.3% smaller): single-stage 1.41 GB against ~1.10 GB');
    expect(verdictOf(fixtureReport(), 'example-3-sizes').verdict).toBe('holds'); // 959 MB is 800+ MB; 6.1 MB <= ~15 MB
  });

  it("labels a before that misses on today's base image (node:24 for the tutorial's node:18): not a finding", () => {
    const v = verdictOf(fixtureReport(), 'example-1-single');
    expect(v.verdict).toBe('not checked yet');
    expect(v.detail).toBe(
      "node-api: 1.41 GB -> 137.1 MB (90.3% smaller); the before is not decided: the lab's before stands on node:24-slim, the tutorial's on node:18: its 1.41 GB against ~1.10 GB measures today's base image, not the tutorial (the tutorial's own before is not built here)",
    );
    // What else the claim states still decides: an "after" that misses is a finding, with the before labelled.
    const big = nodeApiReport();
    big.facts!.multi.facts.uncompressedBytes = 160e6;
    const w = verdictOf(fixtureReport([big, goApiReport()]), 'graphic-sizes');
    expect(w.verdict).toBe('does not hold');
    expect(w.detail).toBe('node-api: 1.41 GB -> 160.0 MB (88.7% smaller): multi-stage 160.0 MB against ~150.0 MB');
    const bigger = nodeApiReport();
    bigger.facts!.single.facts.uncompressedBytes = 1_600e6;
    bigger.facts!.multi.facts.uncompressedBytes = 160e6;
    expect(verdictOf(fixtureReport([bigger, goApiReport()]), 'graphic-sizes').detail).toBe(
      "node-api: 1.60 GB -> 160.0 MB (90.0% smaller): multi-stage 160.0 MB against ~150.0 MB. Not a finding: the lab's before stands on node:24-slim, the tutorial's on node:18: its 1.60 GB against ~1.20 GB measures today's base image, not the tutorial (the tutorial's own before is not built here)",
    );
  });
});

describe('claims about apps this report does not have', () => {
  it('wait for an app the catalogue does not have yet, saying so', () => {
    const v = verdictOf(fixtureReport(), 'table-python');
    expect(v.verdict).toBe('not checked yet');
    expect(v.detail).toBe('python-api is not in the catalogue yet');
    expect(verdictOf(fixtureReport(), 'pip-no-dev').detail).toBe('python-api is not in the catalogue yet');
  });

  it('are decided as soon as the app is in the catalogue and measured (no change to the claims)', () => {
    const react = nodeApiReport({ app: 'react-spa', tutorial: { section: 'Example 2', singleBytes: 350e6, multiBytes: 25e6, reductionPercent: 93 } });
    react.facts!.single.facts.uncompressedBytes = 420e6;
    react.facts!.multi.facts.uncompressedBytes = 6.7e6;
    const v = verdictOf(fixtureReport([nodeApiReport(), react]), 'table-react');
    expect(v.verdict).toBe('holds');
    expect(v.detail).toBe('react-spa: 420.0 MB -> 6.7 MB (98.4% smaller)');
  });

  it('wait for a catalogue app this run did not measure, and for one that could not be measured', () => {
    expect(verdictOf(fixtureReport([nodeApiReport()]), 'table-go').detail).toBe('go-api was not measured in this run (LAB_APPS or --app left it out)');
    expect(verdictOf(fixtureReport(), 'example-6-two-builds').detail).toBe('fullstack was not measured in this run (LAB_APPS or --app left it out)');
    expect(verdictOf(fixtureReport(), 'example-5-sizes').verdict).toBe('not checked yet');
    const broken = goApiReport({ error: 'build of lab/go-api:multi failed: exit 1\nlast lines' });
    delete broken.facts;
    expect(verdictOf(fixtureReport([nodeApiReport(), broken]), 'table-go').detail).toBe(
      'go-api could not be measured: build of lab/go-api:multi failed: exit 1',
    );
  });
});

describe("claims decided by the lab's checks", () => {
  it('holds when the check passes on every app measured that has it', () => {
    const v = verdictOf(fixtureReport(), 'cache-order');
    expect(v.verdict).toBe('holds');
    expect(v.apps).toEqual(['node-api', 'go-api']);
    expect(v.detail).toBe('node-api cache: as expected; go-api cache: as expected');
  });

  it('the counter-example holds when the poor ordering reran the install, and is a finding when it did not', () => {
    expect(verdictOf(fixtureReport(), 'cache-poor-order').verdict).toBe('holds');
    const cached = nodeApiReport({ claims: [check('cache-poor-order', false, '[1/4] RUN pnpm install && pnpm run build: CACHED after editing src/app.ts')] });
    const v = verdictOf(fixtureReport([cached, goApiReport()]), 'cache-poor-order');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toContain('CACHED after editing src/app.ts');
  });

  it("waits when the app's report has no such check", () => {
    const v = verdictOf(fixtureReport([nodeApiReport({ claims: [] }), goApiReport()]), 'cache-poor-order');
    expect(v.verdict).toBe('not checked yet');
    expect(v.detail).toBe("node-api's report has no `cache-poor-order` check");
  });

  it('a reading the lab shows unneeded is a finding (--chown: non-root on root-owned files, measured from the layers, read-only root)', () => {
    const v = verdictOf(fixtureReport(), 'chown');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toBe(
      "node-api's process runs as uid 65532; the 812 files and folders below /app are owned by uid 0 812 (read from the image's layers), none by uid 65532, and it passes non-root: as expected; hardening: as expected. its user needs to read its files, not own them, and a process that owns its code can rewrite it",
    );
  });

  it('--chown: files the process owns, or owners not measured, decide nothing (and explain nothing)', () => {
    const withOwners = (owners: NonNullable<AppReport['facts']>['owners']) => {
      const r = nodeApiReport();
      r.facts = { ...r.facts!, ...(owners ? { owners } : {}) };
      if (!owners) delete r.facts.owners;
      return verdictOf(fixtureReport([r, goApiReport()]), 'chown');
    };
    const owned = withOwners({ dir: '/app', files: 812, byUid: { '65532': 800, '0': 12 } });
    expect(owned.verdict).toBe('not checked yet');
    expect(owned.detail).toBe(
      "node-api's process runs as uid 65532; the 812 files and folders below /app are owned by uid 65532 800, uid 0 12 (read from the image's layers): it owns 800 of them, so this image cannot show whether it needs to",
    );
    expect(withOwners(undefined).detail).toBe("the owners of node-api's files were not measured (its production image has no WORKDIR below /)");
    expect(withOwners({ dir: '/app', files: 3, byUid: { unknown: 3 } }).detail).toBe('3 of 3 files below /app have no owner in their layer');
  });

  it('a refutation whose checks fail is undecided, never a finding nor a pass', () => {
    const v = verdictOf(
      fixtureReport([nodeApiReport({ contract: [check('non-root', true), check('hardening', false, 'not served with a read-only root')] }), goApiReport()]),
      'chown',
    );
    expect(v.verdict).toBe('not checked yet');
    expect(v.detail).toBe('the checks that would show it is not needed do not pass: node-api hardening: not served with a read-only root');
  });

  it('build args for a credential: a finding when the token shows in the history and the build secret shows nowhere', () => {
    const v = verdictOf(fixtureReport(), 'build-args-credentials');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toContain("a registry token passed as a build arg (as the tutorial passes API_URL and VERSION) shows in the image's history");
    expect(v.detail).toContain('node-api build-arg-leak: as expected; node-api build-secret: as expected');
    const notMeasured = verdictOf(fixtureReport([nodeApiReport({ claims: [] }), goApiReport()]), 'build-args-credentials');
    expect(notMeasured.verdict).toBe('not checked yet');
    expect(notMeasured.detail).toBe("node-api's report has no `build-arg-leak` check; node-api's report has no `build-secret` check");
  });

  it('"previous stages are discarded": holds when nothing of the build and no build secret reach the image; a leaked secret is a finding', () => {
    const v = verdictOf(fixtureReport(), 'stages-discarded');
    expect(v.verdict).toBe('holds');
    expect(v.detail).toBe('node-api nothing-of-the-build: as expected; node-api build-secret: as expected; go-api nothing-of-the-build: as expected');
    const leaked = nodeApiReport({ claims: [check('build-secret', false, 'the value shows in 1 place(s): secret-deps: layer 4 /app/.npmrc')] });
    const w = verdictOf(fixtureReport([leaked, goApiReport()]), 'stages-discarded');
    expect(w.verdict).toBe('does not hold');
    expect(w.detail).toBe('node-api build-secret: the value shows in 1 place(s): secret-deps: layer 4 /app/.npmrc');
  });

  it('a stage built alone with --target: holds on the development and test targets, a finding when one fails', () => {
    expect(verdictOf(fixtureReport(), 'debug-target-stage').verdict).toBe('holds');
    const broken = goApiReport({ claims: [check('target-development', false, 'no reload within 10 s'), check('target-test', true)] });
    const v = verdictOf(fixtureReport([nodeApiReport(), broken]), 'debug-target-stage');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toBe('go-api target-development: no reload within 10 s');
  });
});

describe('claims the lab does not measure', () => {
  it('are never shown passing: not checked yet, with the reason, whatever the report holds', () => {
    const v = verdictOf(fixtureReport(), 'stages-discarded-cache');
    expect(v.verdict).toBe('not checked yet');
    expect(v.detail).toMatch(/^not measured: the image half is stages-discarded/);
    expect(v.apps).toEqual([]);
    expect(verdictOf(fixtureReport([]), 'stages-discarded-cache').verdict).toBe('not checked yet');
  });
});

describe('the tutorial against itself', () => {
  it("Example 1's 87% against the table's 86%, and the graphic's 1.2 GB against 1.1 GB", () => {
    const v = verdictOf(fixtureReport(), 'example-1-vs-table');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toBe('the tutorial disagrees with itself by 1 %: Example 1: ~150 MB (87% reduction!); Size Comparison Examples, Node.js row: 86%');
    expect(verdictOf(fixtureReport(), 'graphic-vs-table-node-single').detail).toContain('by 100 MB');
  });

  it('a lower bound ("300+ MB") agrees with a figure at least as large (the table\'s 350 MB), and not with a smaller one', () => {
    const v = verdictOf(fixtureReport(), 'example-2-vs-table');
    expect(v.verdict).toBe('holds');
    expect(v.detail).toBe('Example 2: vs 300+ MB single stage; Size Comparison Examples, React row: 350 MB (a lower bound, which 350 MB meets)');
    const claim = tutorialClaims.find((c) => c.id === 'example-2-vs-table')!;
    const decide = claim.decide as Extract<Decision, { kind: 'consistency' }>;
    const smaller = { ...claim, decide: { ...decide, figures: decide.figures.map((f) => (f.atLeast ? f : { ...f, value: 250 })) } };
    const [w] = claimVerdicts(fixtureReport(), fixtureCatalogue, [smaller]);
    expect(w).toMatchObject({ verdict: 'does not hold', detail: expect.stringContaining("the tutorial's lower bound is 50 MB above its own figure") });
  });

  it("the table's reductions are those of its sizes; Example 1's 87% is not that of 1.1 GB -> 150 MB", () => {
    expect(verdictOf(fixtureReport(), 'table-arithmetic').verdict).toBe('holds');
    expect(verdictOf(fixtureReport(), 'graphic-arithmetic').verdict).toBe('holds'); // 87.5%, truncated
    const v = verdictOf(fixtureReport(), 'example-1-arithmetic');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toContain('Example 1: 1.10 GB -> 150.0 MB is 86.4%, stated 87%');
  });
});

describe('claims over every app', () => {
  it('fewer OS packages, and smaller downloads', () => {
    expect(verdictOf(fixtureReport(), 'fewer-packages').detail).toBe('node-api 412 -> 5, go-api 380 -> 0');
    expect(verdictOf(fixtureReport(), 'faster-deployments').detail).toBe('node-api 493.0 MB -> 49.8 MB, go-api 330.0 MB -> 2.6 MB');
  });

  it('fewer packages: an image with none to begin with is not against it, one that keeps as many is a finding', () => {
    const none = nodeApiReport({
      app: 'selftest',
      packages: { single: { os: 0, osSource: 'none', language: [] }, multi: { os: 0, osSource: 'none', language: [] } },
    });
    expect(verdictOf(fixtureReport([nodeApiReport(), none]), 'fewer-packages').verdict).toBe('holds');
    const same = goApiReport({
      packages: { single: { os: 12, osSource: 'dpkg status', language: [] }, multi: { os: 12, osSource: 'dpkg status', language: [] } },
    });
    const v = verdictOf(fixtureReport([nodeApiReport(), same]), 'fewer-packages');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toBe('node-api 412 -> 5, go-api 12 -> 12; not fewer in go-api');
  });

  it('"often 80-90%": most apps at least 80% smaller, with how many fall inside the range', () => {
    const v = verdictOf(fixtureReport(), 'summary-reduction');
    expect(v.verdict).toBe('holds');
    expect(v.detail).toBe('2 of 2 measured at least 80% smaller (0 inside 80-90%, 2 above): node-api 90.3%, go-api 99.4%');
  });

  it("an image env and a tip: NODE_ENV read from the config; a tip without a trial waits, a trial's verdict is a finding, each with its own explanation", () => {
    expect(verdictOf(fixtureReport(), 'node-env-production').detail).toBe("node-api's production image: NODE_ENV=production");
    expect(verdictOf(fixtureReport(), 'npm-cache-clean').detail).toBe(
      "node-api's report has no trial of `npm cache clean --force` (the catalogue entry's tips)",
    );
    const because = { holds: 'explains holds', 'does not hold': 'explains does not hold' };
    const tried = nodeApiReport();
    tried.facts!.tips = [
      {
        tip: 'npm ci --only=production',
        image: 'node:24-slim',
        exitCode: 0,
        output:
          'added 1 package\nnpm warn config only Use `--omit=dev` to omit dev dependencies from the install.\n\nup to date in 1s\nnpm ci --only=production left the dev dependency devtool out\nverdict: holds\n',
        instead: 'pnpm install --prod',
        because,
      },
      {
        tip: 'npm cache clean --force',
        image: 'node:24-slim',
        exitCode: 1,
        output: 'npm warn using --force Recommended protections disabled.\nnpm cache still there: 12 kB\nverdict: does not hold\n',
        because,
      },
    ];
    const v = verdictOf(fixtureReport([tried]), 'npm-only-production');
    expect(v.verdict).toBe('holds');
    expect(v.detail).toBe(
      '`npm ci --only=production` tried in node:24-slim (node-api\'s build image): exit 0, "npm warn config only Use `--omit=dev` to omit dev dependencies from the install. / npm ci --only=production left the dev dependency devtool out". explains holds. The lab: pnpm install --prod',
    );
    const w = verdictOf(fixtureReport([tried]), 'npm-cache-clean');
    expect(w.verdict).toBe('does not hold');
    expect(w.detail).toBe(
      '`npm cache clean --force` tried in node:24-slim (node-api\'s build image): exit 1, "npm warn using --force Recommended protections disabled. / npm cache still there: 12 kB". explains does not hold',
    );
    // a control step that failed (exit 2) decides nothing, and explains nothing
    tried.facts!.tips[1] = { ...tried.facts!.tips[1]!, exitCode: 2, output: 'control: a plain npm ci did not install the dev dependency\n' };
    const x = verdictOf(fixtureReport([tried]), 'npm-cache-clean');
    expect(x.verdict).toBe('not checked yet');
    expect(x.detail).toBe(
      'not decided (a setup or control step failed before the trial printed a verdict (exit 2): control: a plain npm ci did not install the dev dependency): `npm cache clean --force` tried in node:24-slim (node-api\'s build image): exit 2, "control: a plain npm ci did not install the dev dependency"',
    );
  });
});

describe("the tips added from the tutorial's examples", () => {
  it("Example 3's `-a -installsuffix cgo`: the same binary with and without the flags does not hold, with the catalogue's reason (output as measured on golang:1.26-trixie)", () => {
    const go = goApiReport();
    const [trial] = goTips;
    const output =
      'go1.26.11: CGO_ENABLED=0 alone and with -a -installsuffix cgo give the same binary (sha256 686f00863f7b, 5113634 bytes)\nverdict: does not hold\n';
    go.facts!.tips = [{ tip: trial!.tip, image: trial!.image, exitCode: 1, output, instead: trial!.instead!, because: trial!.because! }];
    const v = verdictOf(fixtureReport([nodeApiReport(), go]), 'example-3-installsuffix');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toContain('give the same binary (sha256 686f00863f7b, 5113634 bytes)');
    expect(v.detail).toContain('since Go 1.10 the build cache keys on CGO_ENABLED');
  });

  it("Example 1's `npm install --only=production` and Example 3's alpine step: a trial decides the first, the second waits for a registry", () => {
    const tried = nodeApiReport();
    const trial = npmTips.find((t) => t.tip === 'npm install --only=production')!;
    const output =
      'npm warn config only Use `--omit=dev` to omit dev dependencies from the install.\n\nup to date in 328ms\nnpm install --only=production left the dev dependency devtool out\nverdict: holds\n';
    tried.facts!.tips = [{ tip: trial.tip, image: trial.image, exitCode: 0, output, instead: trial.instead!, because: trial.because! }];
    const v = verdictOf(fixtureReport([tried, goApiReport()]), 'example-1-npm-install-only-production');
    expect(v.verdict).toBe('holds');
    expect(v.detail).toContain('npm warn config only Use `--omit=dev`');
    const alpine = verdictOf(fixtureReport(), 'example-3-apk-ca-certificates');
    expect(alpine.verdict).toBe('not checked yet');
    expect(alpine.detail).toMatch(/^not measured: alpine:latest needs a registry/);
  });
});

describe('the stage order the tutorial calls good', () => {
  it("does not hold where every app's production build skipped its test stage (the measured step counts), and waits where one did not", () => {
    const node = nodeApiReport();
    node.claims.push(check('test-off-production-path', true, '24 steps, none of the test stage'));
    const go = goApiReport();
    go.claims.push(check('test-off-production-path', true, '15 steps, none of the test stage'));
    const v = verdictOf(fixtureReport([node, go]), 'stage-order-tests-run');
    expect(v.verdict).toBe('does not hold');
    expect(v.detail).toContain('BuildKit builds only the stages the target needs');
    expect(v.detail).toContain(
      'node-api test-off-production-path: 24 steps, none of the test stage; go-api test-off-production-path: 15 steps, none of the test stage',
    );
    go.claims[go.claims.length - 1] = check('test-off-production-path', false, "3 of 10 steps are the test stage's");
    expect(verdictOf(fixtureReport([node, go]), 'stage-order-tests-run').verdict).toBe('not checked yet');
  });
});

describe('what each verdict was measured on', () => {
  it("names the lab's Dockerfiles of each app that decides it, with their base images: tag, origin and id", () => {
    const v = verdictOf(fixtureReport(), 'table-node');
    expect(v.measuredOn).toEqual([{ app: 'node-api', recipe: 'lab', bases: nodeApiReport().bases }]);
    expect(describeMeasuredOn(v)).toBe("the lab's Dockerfiles of node-api, on node:24-slim (forged locally (stand-in: node 24.11.1), sha256:cdcdcdcdcdcd)");
  });

  it('names every app measured for a claim about every app, each base once', () => {
    const v = verdictOf(fixtureReport([nodeApiReport(), goApiReport(), goApiReport({ app: 'toolbox' })]), 'fewer-packages');
    expect(v.measuredOn?.map((m) => m.app)).toEqual(['node-api', 'go-api', 'toolbox']);
    expect(describeMeasuredOn(v)).toBe(
      "the lab's Dockerfiles of node-api, go-api, toolbox, on node:24-slim (forged locally (stand-in: node 24.11.1), sha256:cdcdcdcdcdcd), golang:1.26-trixie (forged locally (stand-in: go 1.26.0))",
    );
  });

  it('names none for the tutorial against itself, or for an app this run did not measure', () => {
    const itself = verdictOf(fixtureReport(), 'table-arithmetic');
    expect(itself.measuredOn).toBeUndefined();
    expect(describeMeasuredOn(itself)).toBe("the tutorial's text alone");
    const unmeasured = verdictOf(fixtureReport(), 'table-python');
    expect(unmeasured.measuredOn).toBeUndefined();
    expect(describeMeasuredOn(unmeasured)).toBe('no measurement of its apps in this run');
  });

  it('is in claims.md beside every verdict, and in the schema', () => {
    const report = fixtureReport();
    expect(markdownReport(report)).toContain(
      "| the lab's Dockerfiles of node-api, on node:24-slim (forged locally (stand-in: node 24.11.1), sha256:cdcdcdcdcdcd) |",
    );
    expect(claimsReportProblems(JSON.parse(JSON.stringify(report)))).toEqual([]);
    const wrong = JSON.parse(JSON.stringify(report));
    wrong.tutorialClaims.find((c: ClaimVerdict) => c.measuredOn).measuredOn[0].recipe = 'somebody else';
    expect(claimsReportProblems(wrong).join('\n')).toContain('/measuredOn/0/recipe: must be equal to one of the allowed values');
  });
});

describe("the lab's own advice", () => {
  it('is the points the tutorial never makes (credentials as build args, --chown), counted apart from its claims', () => {
    const verdicts = claimVerdicts(fixtureReport(), fixtureCatalogue);
    expect(verdicts.filter((v) => v.advice).map((v) => v.id)).toEqual(['build-args-credentials', 'chown']);
    const counts = verdictCounts(verdicts);
    expect(counts.advice).toBe(2);
    expect(counts.claims).toBe(verdicts.length - 2);
    expect(counts.holds + counts['does not hold'] + counts['not checked yet']).toBe(counts.claims);
  });

  it('is shown in claims.md under its own heading, not among the findings', () => {
    const md = markdownReport(fixtureReport());
    const [claims, advice] = md.split("## The lab's own advice");
    expect(advice, 'an advice section').toBeDefined();
    expect(claims).not.toMatch(/^\| chown \|/m);
    expect(advice).toMatch(/^\| chown \|/m);
    expect(advice).toMatch(/^\| build-args-credentials \|/m);
    expect(advice).not.toContain('**does not hold**');
  });
});

describe('findings that share one cause', () => {
  it('count once: the three Node.js disagreements of the tutorial with itself come from its two sets of figures', () => {
    const verdicts = claimVerdicts(fixtureReport(), fixtureCatalogue);
    const shared = verdicts.filter((v) => v.cause);
    expect(shared.map((v) => [v.id, v.verdict])).toEqual([
      ['graphic-vs-table-node-single', 'does not hold'],
      ['example-1-vs-table', 'does not hold'],
      ['example-1-arithmetic', 'does not hold'],
    ]);
    expect(shared[0]!.cause).toBe(
      "the tutorial gives Node.js two sets of figures, the graphic's 1.2 GB -> 150 MB (87%) and the table's 1.1 GB -> 150 MB (86%), and Example 1 pairs the table's 1.1 GB with the graphic's 87%",
    );
    const counts = verdictCounts(verdicts);
    expect(counts.findings).toBe(counts['does not hold'] - 2);
    expect(markdownReport(fixtureReport())).toContain(
      `do not hold (${counts.findings} finding${counts.findings === 1 ? '' : 's'}: claims that share one cause count once)`,
    );
  });

  it('count each apart when they have no cause in common', () => {
    const v = (id: string, cause?: string): ClaimVerdict => ({
      id,
      section: 's',
      quote: 'q',
      decidedBy: 'd',
      apps: [],
      verdict: 'does not hold',
      detail: 'x',
      ...(cause ? { cause } : {}),
    });
    expect(verdictCounts([v('a', 'one'), v('b', 'one'), v('c', 'two'), v('d')]).findings).toBe(3);
    expect(verdictCounts([v('a'), v('b')]).findings).toBe(2);
  });
});
