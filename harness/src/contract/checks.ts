// The image contract of DESIGN.md as pure functions of measured facts. Each check says what was
// expected, what was found and, where it can, which layer or instruction is to blame.
import picomatch from 'picomatch';
import { MiB, type Alternative, type AppEntry, type ToolRun } from '../catalogue/types.ts';
import type { ImageFacts } from '../inspect/image.ts';
import type { AllowFacts, AlternativeFacts, AppFacts, CacheFacts, ComposeServiceFacts, DevelopmentFacts, FileChange, HealthcheckTimingFacts, StartsFacts, TestStageFacts, ToolRunFacts } from './facts.ts';
import { healthGoalLoadFactor, healthGoalStarts, rebuildRuns } from '../limits.ts';
import { median } from '../median.ts';
import { disallowedFiles } from './allow-list.ts';
import { formatBytes, formatMs } from '../format.ts';
import { checkBrowser, checkHttp } from './served.ts';
import { checkTls, checkTrustedCertificates } from './trust.ts';
import type { CheckResult, Verdict } from '../verdict.ts';

export const defaultStopWithinMs = 2_000;

/** The stop limit of an entry, ms. */
export function stopLimitMs(entry: AppEntry): number {
  return entry.limits.stopWithinMs?.limit ?? defaultStopWithinMs;
}

function verdict(ok: boolean, expected: string, found: string, blame?: string): Verdict {
  return { ok, expected, found, ...(blame && !ok ? { blame } : {}) };
}

function firstLine(text: string | undefined, fallback: string): string {
  return text?.split('\n')[0] ?? fallback;
}

function layerLine(image: ImageFacts, index: number): string {
  return `layer ${index}: ${image.layers[index]?.instruction ?? '?'}`;
}

function largestLayers(image: ImageFacts, count = 3): string {
  return [...image.layers]
    .sort((a, b) => b.uncompressedBytes - a.uncompressedBytes)
    .slice(0, count)
    .map((l) => `layer ${l.index} (${formatBytes(l.uncompressedBytes)}): ${l.instruction}`)
    .join('\n');
}

export function checkSize(entry: AppEntry, image: ImageFacts): Verdict {
  const { uncompressedBytes, compressedBytes } = entry.limits;
  const ok = image.uncompressedBytes <= uncompressedBytes.limit && image.compressedBytes <= compressedBytes.limit;
  return verdict(
    ok,
    `<= ${formatBytes(uncompressedBytes.limit)} uncompressed, <= ${formatBytes(compressedBytes.limit)} compressed`,
    `${formatBytes(image.uncompressedBytes)} uncompressed, ${formatBytes(image.compressedBytes)} compressed`,
    `largest layers:\n${largestLayers(image)}`,
  );
}

export function reductionPercent(singleBytes: number, multiBytes: number): number {
  return singleBytes === 0 ? 0 : (1 - multiBytes / singleBytes) * 100;
}

/**
 * The reduction the entry must reach: its own limit, else the tutorial's claim for its row (the
 * suite passes it from tutorial/figures.ts, which the contract sits below); undefined if neither.
 */
export function requiredReduction(entry: AppEntry, tutorialPercent?: number): number | undefined {
  return entry.limits.minReductionPercent?.limit ?? tutorialPercent;
}

export function checkReduction(entry: AppEntry, facts: AppFacts, tutorialPercent?: number): Verdict {
  const required = requiredReduction(entry, tutorialPercent) ?? 0;
  const single = facts.single.facts.uncompressedBytes;
  const multi = facts.multi.facts.uncompressedBytes;
  const reduction = reductionPercent(single, multi);
  return verdict(
    reduction >= required,
    `>= ${required}% smaller than single-stage`,
    `${reduction.toFixed(1)}% (${formatBytes(single)} -> ${formatBytes(multi)})`,
    `largest layers of the multi-stage image:\n${largestLayers(facts.multi.facts)}`,
  );
}

const downloader = /(^|\/)(curl|wget)$/;

/**
 * The words of a health-check command that name a downloader: every argument, split into words,
 * since a downloader may be the executable, a busybox applet (`busybox wget ...`) or inside a
 * `sh -c` string.
 */
export function downloaderWords(test: string[]): string[] {
  const args = test[0] === 'CMD' || test[0] === 'CMD-SHELL' ? test.slice(1) : test;
  return args.flatMap((arg) => arg.split(/[\s;&|()<>`"']+/)).filter((word) => downloader.test(word));
}

export function checkHealthcheckConfig(image: ImageFacts): Verdict {
  const test = image.config.healthcheck?.test ?? [];
  const present = test.length > 0 && test[0] !== 'NONE';
  const calls = [...new Set(downloaderWords(test))];
  // A symlink named wget (to busybox, say) is a downloader as much as the real thing.
  const installed = image.files.filter((f) => downloader.test(f.path) && f.type !== 'directory');
  const found = [
    // In backticks: the report shows the image config's array as code, not as raw JSON in prose.
    present ? `\`HEALTHCHECK ${JSON.stringify(test)}\`` : 'no HEALTHCHECK',
    ...(calls.length ? [`it calls ${calls.join(', ')}`] : []),
    ...(installed.length ? [`installed: ${installed.map((f) => f.path).join(', ')}`] : []),
  ];
  return verdict(
    present && calls.length === 0 && installed.length === 0,
    'a HEALTHCHECK that calls no curl/wget (no argument, busybox applet or shell word), and no curl/wget in the image',
    found.join('; '),
    [
      ...(calls.length ? ['probe with the app itself (its runtime, or a health flag of its binary), as the tutorial does with node'] : []),
      ...[...new Set(installed.map((f) => f.layer))].map((i) => layerLine(image, i)),
    ].join('\n'),
  );
}

export function checkHealthy(entry: AppEntry, facts: AppFacts): Verdict {
  const limit = entry.limits.healthyWithinMs?.limit ?? 0;
  const run = facts.run;
  const ms = run?.healthyMs;
  const why = run?.healthError ?? run?.error;
  return verdict(
    ms !== undefined && ms <= limit,
    `healthy within ${formatMs(limit)}`,
    ms !== undefined ? `healthy after ${formatMs(ms)}` : `never healthy: ${firstLine(why, 'not run')}`,
    ms !== undefined ? 'the first passing health check came late: the first probe waits one --start-interval (without one, one --interval), then the app must answer it' : why,
  );
}

/**
 * The health goal as a gate: the median start-to-healthy of fresh starts (at least
 * healthGoalStarts) within the goal times the load factor (harness/src/limits.ts says how that
 * factor was measured).
 */
export function checkHealthGoal(goal: number, starts: StartsFacts | undefined, factor = healthGoalLoadFactor): Verdict {
  const allowed = goal * factor;
  const expected = `median start-to-healthy of ${healthGoalStarts}+ fresh starts within its goal ${formatMs(goal)} x load factor ${factor} = ${formatMs(allowed)}`;
  const times = starts?.healthyMs ?? [];
  if (times.length < healthGoalStarts) {
    const why = starts?.error ?? (starts ? `only ${times.length} start(s) measured` : 'the starts were not measured');
    return verdict(false, expected, `no median: ${firstLine(why, 'not run')}`, why);
  }
  const m = median(times);
  return verdict(
    m <= allowed,
    expected,
    `median ${formatMs(m)} of ${times.map((t) => formatMs(t)).join(', ')} (goal ${formatMs(goal)}, load factor ${factor}${starts?.loadAverage !== undefined ? `, load average ${starts.loadAverage}` : ''})`,
    `the median start missed its goal ${formatMs(goal)} by ${(m / goal).toFixed(1)}x, more than the load factor ${factor} allows: the app starts slower than it did, or the machine is busier than the factor was measured for`,
  );
}

const numericUser = /^(\d+)(?::(\d+))?$/;

export function checkNonRoot(image: ImageFacts, facts: AppFacts): Verdict {
  const user = image.config.user;
  const match = numericUser.exec(user);
  const configOk = match !== null && Number(match[1]) !== 0;
  const uid = facts.run?.uid;
  // A uid the engine did not show is not evidence: the check fails rather than trust the config alone.
  const shown = Number.isInteger(uid);
  const process = shown ? `process uid ${uid}` : `process uid not shown: ${firstLine(facts.run?.identityError ?? facts.run?.error, 'nothing was run')}`;
  return verdict(
    configOk && shown && uid !== 0,
    'USER uid[:gid], numeric and not 0; the running process uid shown and != 0',
    `USER ${user === '' ? '(unset: root)' : JSON.stringify(user)}; ${process}`,
    !configOk
      ? 'set `USER <uid>:<gid>` (numeric, e.g. 65532:65532) in the production stage'
      : shown
        ? 'the process runs as root although USER is set: something in the image switches back'
        : 'the harness must run the image to see its uid (a service, or the entry\'s idleCommand)',
  );
}

/** Paths of the image that a deny pattern matches, with the layer that put them there. */
export function deniedFiles(entry: AppEntry, image: ImageFacts): { path: string; pattern: string; layer: number }[] {
  const matchers = entry.deny.map((pattern) => ({ pattern, test: picomatch(pattern, { dot: true }) }));
  const hits: { path: string; pattern: string; layer: number; directory: boolean }[] = [];
  for (const file of image.files) {
    const hit = matchers.find((m) => m.test(file.path));
    if (hit) hits.push({ path: file.path, pattern: hit.pattern, layer: file.layer, directory: file.type === 'directory' });
  }
  // A folder is named only when nothing denied lies below it: "/src/app.ts" says "/src" already.
  const holding = new Set(hits.map((h) => h.path.slice(0, h.path.lastIndexOf('/'))));
  const named = hits.filter((h) => !h.directory || !holding.has(h.path));
  return named.map(({ directory: _directory, ...hit }) => hit);
}

function layersOf(image: ImageFacts, layers: number[]): string {
  return [...new Set(layers)].map((i) => layerLine(image, i)).join('\n');
}

export function checkNothingOfTheBuild(entry: AppEntry, image: ImageFacts): Verdict {
  const hits = deniedFiles(entry, image);
  const shown = hits.slice(0, 10).map((h) => `${h.path} (matches ${h.pattern}, layer ${h.layer})`);
  return verdict(
    hits.length === 0,
    `none of: ${entry.deny.join(', ')}`,
    hits.length === 0 ? 'none present' : `${hits.length} denied path(s): ${shown.join('; ')}${hits.length > 10 ? '; ...' : ''}`,
    `put there by:\n${layersOf(image, hits.map((h) => h.layer))}`,
  );
}

export function checkAllowList(entry: AppEntry, image: ImageFacts, allow: AllowFacts | undefined): Verdict {
  const spec = entry.allow!;
  const expected = [
    `only the files of ${allow?.base ?? 'its base'}`,
    spec.paths.join(', '),
    ...(spec.nodeModules ? [`in ${spec.nodeModules.dir}, exactly the production closure of ${spec.nodeModules.lockfile}`] : []),
  ].join('; ');
  if (!allow) return verdict(false, expected, 'the base image and lockfile were not measured');
  const outside = disallowedFiles(spec, image.files, allow);
  const shown = outside.slice(0, 10).map((o) => `${o.what} (layer ${o.layer})`);
  return verdict(
    outside.length === 0,
    expected,
    outside.length === 0 ? 'nothing else present' : `${outside.length} not allowed: ${shown.join('; ')}${outside.length > 10 ? '; ...' : ''}`,
    `put there by:\n${layersOf(image, outside.map((o) => o.layer))}`,
  );
}

const shells = /(^|\/)(sh|bash|dash|ash|zsh)$/;

export function checkExecForm(image: ImageFacts): Verdict {
  const { entrypoint, cmd } = image.config;
  // The command the engine starts: ENTRYPOINT if set (CMD is then its arguments), else CMD.
  const [field, start] = entrypoint?.length ? (['ENTRYPOINT', entrypoint] as const) : (['CMD', cmd ?? []] as const);
  // Shell form is stored as ["/bin/sh", "-c", "<the line>"]: the shell is PID 1, not the app.
  const shellForm = start.length >= 2 && shells.test(start[0] ?? '') && start[1] === '-c';
  return verdict(
    start.length > 0 && !shellForm,
    'ENTRYPOINT/CMD in exec form (JSON array)',
    start.length ? `\`${field} ${JSON.stringify(start)}\`${shellForm ? ' (shell form)' : ''}` : 'no start command',
    `shell-form ${field} runs the app under ${start[0] ?? '/bin/sh'} -c, which does not forward SIGTERM: write it as a JSON array`,
  );
}

/**
 * EXPOSE names the port the service listens on and no other: `docker run -P` publishes every
 * exposed port, so one inherited from the base (static-web-server's 80) maps to nothing.
 */
export function checkExposedPorts(entry: AppEntry, image: ImageFacts): Verdict {
  const wanted = `${entry.service!.port}/tcp`;
  const exposed = [...image.config.exposedPorts].sort();
  const others = exposed.filter((p) => p !== wanted);
  return verdict(
    exposed.includes(wanted) && others.length === 0,
    `EXPOSE ${wanted} alone (the port it serves on)`,
    exposed.length ? `EXPOSE ${exposed.join(', ')}` : 'no EXPOSE',
    others.length
      ? `nothing listens on ${others.join(', ')}, yet \`docker run -P\` publishes it; an image cannot un-EXPOSE a port its base exposes: build the production stage FROM scratch and COPY the base's files instead`
      : `add \`EXPOSE ${entry.service!.port}\``,
  );
}

export function checkSignals(entry: AppEntry, facts: AppFacts): Verdict {
  const limit = stopLimitMs(entry);
  const stop = facts.run?.stop;
  return verdict(
    stop !== undefined && !stop.killed && stop.ms <= limit,
    `exits on SIGTERM within ${formatMs(limit)}`,
    stop ? `${stop.killed ? 'killed (SIGKILL) after' : `exited with code ${stop.exitCode} after`} ${formatMs(stop.ms)}` : `not stopped: ${firstLine(facts.run?.error, 'not run')}`,
    stop?.killed ? 'the process ignored SIGTERM: as PID 1 it needs its own handler (or an init such as tini)' : facts.run?.error,
  );
}

export function checkHardening(facts: AppFacts): Verdict {
  const hardened = facts.hardened;
  return verdict(
    hardened?.served === true,
    'health path answers 200 under --read-only --cap-drop ALL --security-opt no-new-privileges',
    hardened?.served ? 'served' : `did not serve: ${firstLine(hardened?.error, 'not run')}`,
    hardened?.error,
  );
}

export function checkLabels(image: ImageFacts, facts: AppFacts): Verdict {
  const labels = image.config.labels;
  const want = {
    'org.opencontainers.image.version': facts.buildArgs.VERSION,
    'org.opencontainers.image.revision': facts.buildArgs.REVISION,
  };
  const wrong = Object.entries(want).filter(([key, value]) => labels[key] !== value);
  const source = labels['org.opencontainers.image.source'];
  return verdict(
    wrong.length === 0 && Boolean(source),
    `version=${want['org.opencontainers.image.version']}, revision=${want['org.opencontainers.image.revision']}, source set`,
    `version=${labels['org.opencontainers.image.version'] ?? '(none)'}, revision=${labels['org.opencontainers.image.revision'] ?? '(none)'}, source=${source ?? '(none)'}`,
    'LABEL org.opencontainers.image.version="${VERSION}" (and revision, source) after ARG VERSION / ARG REVISION in the production stage',
  );
}

export function checkVersionEndpoint(facts: AppFacts): Verdict {
  const body = facts.run?.versionBody;
  return verdict(
    body !== undefined && body.includes(facts.buildArgs.VERSION),
    `a body containing ${facts.buildArgs.VERSION}`,
    body === undefined ? `no answer: ${firstLine(facts.run?.error, 'not run')}` : body.trim().slice(0, 200),
  );
}

/** What each run that was measured added or changed, with the run that did it. */
function runtimeChanges(entry: AppEntry, facts: AppFacts): { by: string; changes: FileChange[] }[] {
  const measured: { by: string; changes: FileChange[] }[] = [];
  if (facts.run?.changes) measured.push({ by: `the service, after serving ${entry.service?.healthPath ?? ''}${entry.service?.versionPath ? ` and ${entry.service.versionPath}` : ''}`, changes: facts.run.changes });
  (entry.runs ?? []).forEach((run, i) => {
    const changes = facts.tools?.[i]?.changes;
    if (changes) measured.push({ by: `\`${run.command.join(' ')}\`${run.user !== undefined ? ` as user ${run.user}` : ''}`, changes });
  });
  return measured;
}

export function checkNoWritesAtRunTime(entry: AppEntry, facts: AppFacts): Verdict {
  const patterns = entry.noWritesAtRunTime ?? [];
  const matchers = patterns.map((pattern) => ({ pattern, test: picomatch(pattern, { dot: true }) }));
  const measured = runtimeChanges(entry, facts);
  const matched = measured.flatMap(({ by, changes }) =>
    changes.filter((c) => c.kind !== 'D').flatMap((c) => {
      const hit = matchers.find((m) => m.test(c.path));
      return hit ? [{ ...c, by, pattern: hit.pattern }] : [];
    }),
  );
  // A folder shows as changed when something is written in it: the something is the finding.
  const hits = matched.filter((h) => !matched.some((other) => other.path.startsWith(`${h.path}/`)));
  const shown = hits.slice(0, 10).map((h) => `${h.kind} ${h.path} (matches ${h.pattern})`);
  return verdict(
    measured.length > 0 && hits.length === 0,
    `no path matching ${patterns.join(', ')} added or changed at run time (docker diff)`,
    measured.length === 0
      ? `not measured: ${facts.run?.error?.split('\n')[0] ?? 'no run recorded its changes'}`
      : hits.length === 0
        ? `none in ${measured.length} run(s)`
        : `${hits.length} written: ${shown.join('; ')}${hits.length > 10 ? '; ...' : ''}`,
    `written by:\n${[...new Set(hits.map((h) => h.by))].join('\n')}\nfor .pyc files: compile the bytecode at build time (UV_COMPILE_BYTECODE=1, python -m compileall) and copy it with its sources, whose mtimes it records`,
  );
}

export function checkToolRun(run: ToolRun, measured: ToolRunFacts | undefined): Verdict {
  const forbidden = (run.forbidOutput ?? []).filter((text) => measured?.output.includes(text));
  return verdict(
    measured !== undefined && measured.exitCode === 0 && measured.output.includes(run.expectOutput) && forbidden.length === 0,
    `exit 0 and output containing ${JSON.stringify(run.expectOutput)}${run.forbidOutput?.length ? `, none of ${run.forbidOutput.map((t) => JSON.stringify(t)).join(', ')}` : ''}`,
    measured
      ? `exit ${measured.exitCode}: ${forbidden.length ? `output contains ${forbidden.map((t) => JSON.stringify(t)).join(', ')}; ` : ''}${measured.output.trim().split('\n').slice(-3).join(' / ').slice(0, 300)}`
      : 'not run',
  );
}

/** One check of the image contract: known before anything is measured, so tests can be generated. */
export interface ContractCheck {
  id: string;
  title: string;
  evaluate: (facts: AppFacts) => Verdict;
}

/** The checks that apply to an entry's production image, in report order (`tutorialReductionPercent`: the tutorial's claim for the app's row). */
export function contractChecks(entry: AppEntry, tutorialReductionPercent?: number): ContractCheck[] {
  const image = (facts: AppFacts) => facts.multi.facts;
  const checks: ContractCheck[] = [
    { id: 'size', title: 'size within budget (uncompressed and compressed)', evaluate: (f) => checkSize(entry, image(f)) },
  ];
  if (requiredReduction(entry, tutorialReductionPercent) !== undefined) {
    checks.push({ id: 'reduction', title: 'reduction versus the single-stage image', evaluate: (f) => checkReduction(entry, f, tutorialReductionPercent) });
  }
  if (entry.allow) {
    checks.push({ id: 'allow-list', title: 'nothing but what the allow-list names (the base image\'s files and the app\'s)', evaluate: (f) => checkAllowList(entry, image(f), f.allow) });
  }
  checks.push(
    { id: 'nothing-of-the-build', title: 'no compilers, package managers, dev dependencies, sources or tests', evaluate: (f) => checkNothingOfTheBuild(entry, image(f)) },
    { id: 'labels', title: 'OCI labels: version and revision from build args, source', evaluate: (f) => checkLabels(image(f), f) },
    { id: 'non-root', title: 'numeric non-root USER, and the process does not run as root', evaluate: (f) => checkNonRoot(image(f), f) },
    { id: 'trust', title: "trusts only Debian's CA list, none of the build machine's CAs", evaluate: (f) => checkTrustedCertificates(image(f), f.trust) },
  );
  if (entry.tls) checks.push({ id: 'tls', title: `its ${entry.tls.runtime} runtime verifies TLS with the image's CA bundle`, evaluate: (f) => checkTls(f.tls) });
  if (entry.service) {
    const goal = entry.limits.healthyWithinMs?.goal;
    checks.push(
      { id: 'healthcheck-config', title: 'HEALTHCHECK in the image, needing no curl or wget', evaluate: (f) => checkHealthcheckConfig(image(f)) },
      { id: 'healthy', title: 'container becomes healthy within its limit', evaluate: (f) => checkHealthy(entry, f) },
      ...(goal !== undefined
        ? [{ id: 'health-goal', title: `median start-to-healthy of ${healthGoalStarts} fresh starts within its goal (${formatMs(goal)}) x the load factor (${healthGoalLoadFactor})`, evaluate: (f: AppFacts) => checkHealthGoal(goal, f.starts) }]
        : []),
      { id: 'exec-form', title: 'exec-form start command (the app is PID 1 and gets the signals)', evaluate: (f) => checkExecForm(image(f)) },
      { id: 'exposes', title: 'EXPOSE names the port it serves on and no other', evaluate: (f) => checkExposedPorts(entry, image(f)) },
      { id: 'signals', title: '`docker stop` ends it in time, without SIGKILL', evaluate: (f) => checkSignals(entry, f) },
      { id: 'hardening', title: 'serves with a read-only root, all capabilities dropped, no-new-privileges', evaluate: (f) => checkHardening(f) },
    );
    if (entry.service.versionPath) {
      checks.push({ id: 'version-endpoint', title: `GET ${entry.service.versionPath} reports the VERSION build arg`, evaluate: (f) => checkVersionEndpoint(f) });
    }
    (entry.service.http ?? []).forEach((expectation, i) => {
      checks.push({ id: `http-${i}`, title: `HTTP: ${expectation.title}`, evaluate: (f) => checkHttp(expectation, f.run?.http?.[i], f.run) });
    });
    const browser = entry.service.browser;
    if (browser) {
      checks.push({ id: 'browser', title: 'a real browser loads the app, follows its links and deep links, with no console errors or failed requests', evaluate: (f) => checkBrowser(browser, f.run?.browser, f.run) });
    }
  }
  (entry.runs ?? []).forEach((run, i) => {
    checks.push({ id: `runs-${i}`, title: run.title ?? `\`${[...(run.entrypoint ?? []), ...run.command].join(' ')}\` runs in the image`, evaluate: (f) => checkToolRun(run, f.tools?.[i]) });
  });
  if (entry.noWritesAtRunTime?.length) {
    checks.push({ id: 'no-writes-at-run-time', title: `writes none of ${entry.noWritesAtRunTime.join(', ')} at run time (docker diff after serving and after each run)`, evaluate: (f) => checkNoWritesAtRunTime(entry, f) });
  }
  return checks;
}

/** Every contract check of the production image, decided on the measured facts. */
export function evaluateContract(entry: AppEntry, facts: AppFacts, tutorialReductionPercent?: number): CheckResult[] {
  return contractChecks(entry, tutorialReductionPercent).map((check) => ({ id: check.id, title: check.title, ...check.evaluate(facts) }));
}

export function checkDevelopment(entry: AppEntry, dev: DevelopmentFacts): Verdict {
  const spec = entry.development!;
  const limit = spec.reloadWithinMs.limit;
  return verdict(
    dev.reloadMs !== undefined && dev.reloadMs <= limit,
    `GET ${spec.probePath} shows "${spec.edit.replace}" within ${formatMs(limit)} of editing ${spec.edit.file}, without a restart`,
    dev.reloadMs !== undefined ? `reloaded after ${formatMs(dev.reloadMs)}` : `no reload: ${firstLine(dev.error, 'unknown')}`,
    dev.error,
  );
}

export function checkTestStage(entry: AppEntry, stage: TestStageFacts): Verdict {
  const spec = entry.test!;
  const named = stage.errorText.includes(spec.expectInError) || (stage.failingStepLog ?? '').includes(spec.expectInError);
  return verdict(
    stage.cleanBuildPassed && stage.buildFailed && named,
    `clean build passes; with ${spec.failingTest.file} the build fails and its error shows "${spec.expectInError}"`,
    `${stage.cleanBuildPassed ? 'clean build passed' : 'clean build FAILED'}; injected failure ${stage.buildFailed ? (named ? 'failed the build, named in its log' : 'failed the build, but its log does not name it') : 'did NOT fail the build'}`,
    stage.cleanBuildError ?? (stage.buildFailed ? stage.errorText : `the ${spec.target} stage does not run the tests, or ignores their exit status`),
  );
}

/** What the cache claim found wrong: dependency steps that ran again, edited steps that did not. */
export function cacheProblems(entry: AppEntry, cache: CacheFacts): string[] {
  const spec = entry.cache!;
  const problems: string[] = [];
  const matching = (needle: string) => cache.steps.filter((s) => s.name.includes(needle));
  for (const needle of spec.dependencySteps) {
    const steps = matching(needle);
    if (steps.length === 0) problems.push(`no build step matches the dependency step "${needle}"`);
    for (const step of steps.filter((s) => !s.cached)) problems.push(`${step.name}: ran again, expected CACHED`);
  }
  for (const needle of spec.rebuiltSteps) {
    const steps = matching(needle);
    if (steps.length === 0) problems.push(`no build step matches "${needle}", which should run again after the edit`);
    else if (steps.every((s) => s.cached)) problems.push(`${steps[0]!.name}: CACHED, expected to run again after editing ${spec.edit.file}`);
  }
  return problems;
}

/**
 * The one-line rebuild against its budget: the median of the timed rebuilds as a share of the
 * cold build before them. Both are measured in the same run on the same machine, so load slows
 * both and no load factor is applied.
 */
export function checkRebuildBudget(entry: AppEntry, cache: CacheFacts): Verdict {
  const budget = entry.cache!.maxRebuildRatio.limit;
  const rebuilds = cache.rebuildsMs ?? [];
  const expected = `the median of ${rebuildRuns} one-line rebuilds (after editing ${entry.cache!.edit.file}) within ${(budget * 100).toFixed(0)}% of a cold build`;
  if (cache.coldMs === undefined || rebuilds.length < rebuildRuns) {
    return verdict(false, expected, `not timed: ${rebuilds.length} rebuild(s)${cache.coldMs === undefined ? ', no cold build' : ''}`);
  }
  const rebuild = median(rebuilds);
  const ratio = rebuild / cache.coldMs;
  return verdict(
    ratio <= budget,
    expected,
    `${(ratio * 100).toFixed(1)}%: median ${formatMs(rebuild)} of ${rebuilds.map((ms) => formatMs(ms)).join(', ')} against a cold ${formatMs(cache.coldMs)} (budget ${(budget * 100).toFixed(0)}%)`,
    `steps that ran again:\n${ranAgain(cache).join('\n') || '(none)'}`,
  );
}

/** The steps of a rebuild that ran again (FROM steps resolve their image on every build and never show as cached). */
function ranAgain(cache: CacheFacts): string[] {
  return cache.steps.filter((s) => !s.cached && /^\[/.test(s.name) && !s.name.startsWith('[internal]') && !/^\[[^\]]*\] FROM /.test(s.name)).map((s) => s.name);
}

export function checkCache(entry: AppEntry, cache: CacheFacts): Verdict {
  const spec = entry.cache!;
  const problems = cacheProblems(entry, cache);
  const again = ranAgain(cache);
  return verdict(
    problems.length === 0,
    `after editing ${spec.edit.file}: CACHED ${spec.dependencySteps.map((s) => `"${s}"`).join(', ')} (every step that matches); ran again ${spec.rebuiltSteps.map((s) => `"${s}"`).join(', ')}`,
    problems.length ? problems.join('; ') : `as expected; ${again.length} step(s) ran again in ${formatMs(cache.rebuildMs)}`,
    `steps that ran again:\n${again.join('\n') || '(none)'}`,
  );
}

/**
 * The tutorial's counter-example, decided: after the same one-line edit, every dependency step
 * of the poorly ordered Dockerfile ran again. A step that came from cache means that Dockerfile
 * does not show the poor ordering (or the edit never reached the build).
 */
export function checkPoorCacheOrder(entry: AppEntry, cache: CacheFacts): Verdict {
  const spec = entry.poorCacheOrder!;
  const problems: string[] = [];
  const found: string[] = [];
  for (const needle of spec.dependencySteps) {
    const steps = cache.steps.filter((s) => s.name.includes(needle));
    if (steps.length === 0) problems.push(`no build step of ${spec.dockerfile} matches the dependency step "${needle}"`);
    for (const step of steps) {
      if (step.cached) problems.push(`${step.name}: CACHED after editing ${entry.cache!.edit.file}: this Dockerfile does not show the poor ordering (its dependency step comes before the sources)`);
      else found.push(`${step.name}: ran again`);
    }
  }
  return verdict(
    problems.length === 0,
    `after editing ${entry.cache!.edit.file}, ${spec.dockerfile} runs its dependency step again (not CACHED): ${spec.dependencySteps.map((s) => `"${s}"`).join(', ')}`,
    problems.length ? problems.join('; ') : `${found.join('; ')}; the rebuild took ${formatMs(cache.rebuildMs)}`,
    `steps of the rebuild:\n${cache.steps.filter((s) => /^\[/.test(s.name) && !s.name.startsWith('[internal]')).map((s) => `${s.cached ? 'CACHED ' : 'ran    '} ${s.name}`).join('\n') || '(none)'}`,
  );
}

/** The tutorial's HEALTHCHECK timings on the production image: healthy, and within the limit. */
export function checkHealthcheckTiming(entry: AppEntry, facts: HealthcheckTimingFacts): Verdict {
  const spec = entry.tutorialHealthcheck!;
  const limit = spec.healthyWithinMs.limit;
  const params = `--interval=${spec.intervalMs / 1000}s --timeout=${spec.timeoutMs / 1000}s --start-period=${spec.startPeriodMs / 1000}s --retries=${spec.retries}`;
  const ms = facts.healthyMs;
  return verdict(
    ms !== undefined && ms <= limit,
    `with ${params}, healthy within ${formatMs(limit)} of the start`,
    ms !== undefined
      ? `healthy after ${formatMs(ms)}${facts.firstProbeMs !== undefined ? ` (first probe ${formatMs(facts.firstProbeMs)} after the start)` : ''}`
      : `never healthy: ${firstLine(facts.error, 'not run')}`,
    ms !== undefined ? 'without --start-interval the first probe waits one --interval after the start' : facts.error,
  );
}

/** An alternative build of the production image: within its size and health limits. */
export function checkAlternative(alternative: Alternative, facts: AlternativeFacts): Verdict {
  const uncompressedBytes = alternative.limits.uncompressedBytes.limit;
  const healthyWithinMs = alternative.limits.healthyWithinMs.limit;
  const healthy = facts.run.healthyMs;
  return verdict(
    facts.uncompressedBytes <= uncompressedBytes && healthy !== undefined && healthy <= healthyWithinMs,
    `<= ${formatBytes(uncompressedBytes)} uncompressed, healthy within ${formatMs(healthyWithinMs)}`,
    `${formatBytes(facts.uncompressedBytes)} (${formatBytes(facts.compressedBytes)} compressed), ${healthy !== undefined ? `healthy after ${formatMs(healthy)}` : `never healthy: ${(facts.run.healthError ?? facts.run.error)?.split('\n')[0] ?? 'not run'}`}`,
    facts.run.healthError ?? facts.run.error,
  );
}

function formatResources(r: { cpus: number; memoryBytes: number }): string {
  return `cpus ${r.cpus || 'unlimited'}, memory ${r.memoryBytes ? `${+(r.memoryBytes / MiB).toFixed(1)} MiB` : 'unlimited'}`;
}

export function checkCompose(entry: AppEntry, services: ComposeServiceFacts[]): Verdict {
  const spec = entry.compose!;
  const problems: string[] = [];
  const found: string[] = [];
  for (const want of spec.services) {
    const got = services.find((s) => s.name === want.name);
    if (!got?.ok) {
      problems.push(`${want.name}: ${firstLine(got?.error, 'not brought up')}`);
      found.push(`${want.name} failed: ${firstLine(got?.error, 'not brought up')}`);
      continue;
    }
    const limit = want.readyWithinMs.limit;
    const ready = got.readyMs ?? Number.POSITIVE_INFINITY;
    if (ready > limit) problems.push(`${want.name} was ready ${formatMs(ready)} after its start, over its limit of ${formatMs(limit)}`);
    if (want.resources && (got.resources?.cpus !== want.resources.cpus || got.resources.memoryBytes !== want.resources.memoryBytes)) {
      problems.push(`${want.name} runs with ${got.resources ? formatResources(got.resources) : 'unknown limits'}, expected ${formatResources(want.resources)}`);
    }
    found.push(`${want.name} ready ${formatMs(ready)} after its start (${formatMs(got.upMs ?? 0)} after \`up\`, build included)${got.resources ? `, ${formatResources(got.resources)}` : ''}`);
  }
  return verdict(
    problems.length === 0,
    spec.services
      .map((s) => `${s.name} answers 200 on ${s.probePath} within ${formatMs(s.readyWithinMs.limit)} of its start${s.resources ? `, with ${formatResources(s.resources)}` : ''}`)
      .join('; '),
    problems.length ? problems.join('; ') : found.join('; '),
    services.filter((s) => !s.ok).map((s) => `${s.name}:\n${s.error}`).join('\n') || found.join('\n'),
  );
}

/** A failed check as a message a person can act on. */
export function describeFailure(app: string, check: CheckResult): string {
  return [`${app}: ${check.title}`, `  expected: ${check.expected}`, `  found:    ${check.found}`, ...(check.blame ? [`  why:      ${check.blame.split('\n').join('\n            ')}`] : [])].join('\n');
}
