// The image contract of DESIGN.md as pure functions of measured facts. Each check says what was
// expected, what was found and, where it can, which layer or instruction is to blame.
import picomatch from 'picomatch';
import type { Alternative, AppEntry, ToolRun } from '../catalogue/types.ts';
import type { ImageFacts } from '../inspect/image.ts';
import type { AlternativeFacts, AppFacts, CacheFacts, ComposeServiceFacts, DevelopmentFacts, TestStageFacts, ToolRunFacts } from './facts.ts';
import { formatBytes, formatMs } from '../report/format.ts';

/** What one check decided: pass or fail, with what was expected and what was found. */
export interface Verdict {
  ok: boolean;
  expected: string;
  found: string;
  /** The layer, instruction or log lines that explain a failure. */
  blame?: string;
}

export interface CheckResult extends Verdict {
  id: string;
  title: string;
}

export const defaultStopWithinMs = 2_000;

function verdict(ok: boolean, expected: string, found: string, blame?: string): Verdict {
  return { ok, expected, found, ...(blame && !ok ? { blame } : {}) };
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
  const ok = image.uncompressedBytes <= uncompressedBytes && image.compressedBytes <= compressedBytes;
  return verdict(
    ok,
    `<= ${formatBytes(uncompressedBytes)} uncompressed, <= ${formatBytes(compressedBytes)} compressed`,
    `${formatBytes(image.uncompressedBytes)} uncompressed, ${formatBytes(image.compressedBytes)} compressed`,
    `largest layers:\n${largestLayers(image)}`,
  );
}

export function reductionPercent(singleBytes: number, multiBytes: number): number {
  return singleBytes === 0 ? 0 : (1 - multiBytes / singleBytes) * 100;
}

/** The reduction the entry must reach: its own limit, else the tutorial's claim; undefined if neither. */
export function requiredReduction(entry: AppEntry): number | undefined {
  return entry.limits.minReductionPercent ?? entry.tutorial?.reductionPercent;
}

export function checkReduction(entry: AppEntry, facts: AppFacts): Verdict {
  const required = requiredReduction(entry) ?? 0;
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

const downloaders = /(^|\/)(curl|wget)$/;

export function checkHealthcheckConfig(image: ImageFacts): Verdict {
  const test = image.config.healthcheck?.test ?? [];
  const present = test.length > 0 && test[0] !== 'NONE';
  // CMD: the executable is what must be there; CMD-SHELL: any word may call a downloader.
  const usesDownloader = test[0] === 'CMD-SHELL' ? (test[1] ?? '').split(/[\s;&|()]+/).some((word) => downloaders.test(word)) : downloaders.test(test[1] ?? '');
  const installed = image.files.filter((f) => downloaders.test(f.path) && f.type !== 'directory').map((f) => f.path);
  return verdict(
    present && !usesDownloader && installed.length === 0,
    'a HEALTHCHECK whose command is not curl/wget, and no curl/wget in the image',
    present ? `HEALTHCHECK ${JSON.stringify(test)}${installed.length ? `; installed: ${installed.join(', ')}` : ''}` : 'no HEALTHCHECK',
  );
}

export function checkHealthy(entry: AppEntry, facts: AppFacts): Verdict {
  const limit = entry.limits.healthyWithinMs;
  const run = facts.run;
  const ms = run?.healthyMs;
  return verdict(
    ms !== undefined && ms <= limit,
    `healthy within ${formatMs(limit)}`,
    ms !== undefined ? `healthy after ${formatMs(ms)}` : `never healthy: ${run?.error?.split('\n')[0] ?? 'not run'}`,
    run?.error,
  );
}

const numericUser = /^(\d+)(?::(\d+))?$/;

export function checkNonRoot(image: ImageFacts, facts: AppFacts): Verdict {
  const user = image.config.user;
  const match = numericUser.exec(user);
  const configOk = match !== null && Number(match[1]) !== 0;
  const uid = facts.run?.uid;
  const runOk = facts.run === undefined ? true : uid !== undefined && uid !== 0;
  return verdict(
    configOk && runOk,
    'USER uid[:gid], numeric and not 0; the running process uid != 0',
    `USER ${user === '' ? '(unset: root)' : JSON.stringify(user)}; process uid ${uid ?? (facts.run ? 'unknown' : 'not run')}`,
    configOk ? undefined : 'set `USER <uid>:<gid>` (numeric, e.g. 65532:65532) in the production stage',
  );
}

/** Paths of the image that a deny pattern matches, with the layer that put them there. */
export function deniedFiles(entry: AppEntry, image: ImageFacts): { path: string; pattern: string; layer: number }[] {
  const matchers = entry.deny.map((pattern) => ({ pattern, test: picomatch(pattern, { dot: true }) }));
  const hits: { path: string; pattern: string; layer: number }[] = [];
  for (const file of image.files) {
    const hit = matchers.find((m) => m.test(file.path));
    if (hit) hits.push({ path: file.path, pattern: hit.pattern, layer: file.layer });
  }
  return hits;
}

export function checkNothingOfTheBuild(entry: AppEntry, image: ImageFacts): Verdict {
  const hits = deniedFiles(entry, image);
  const shown = hits.slice(0, 10).map((h) => `${h.path} (matches ${h.pattern})`);
  const layers = [...new Set(hits.map((h) => h.layer))].map((i) => `layer ${i}: ${image.layers[i]?.instruction ?? '?'}`);
  return verdict(
    hits.length === 0,
    `none of: ${entry.deny.join(', ')}`,
    hits.length === 0 ? 'none present' : `${hits.length} denied path(s): ${shown.join('; ')}${hits.length > 10 ? '; ...' : ''}`,
    `put there by:\n${layers.join('\n')}`,
  );
}

export function checkExecForm(image: ImageFacts): Verdict {
  const start = [...(image.config.entrypoint ?? []), ...(image.config.cmd ?? [])];
  const shellForm = start.length >= 2 && /(^|\/)sh$/.test(start[0] ?? '') && start[1] === '-c' && image.config.entrypoint === null;
  return verdict(
    start.length > 0 && !shellForm,
    'ENTRYPOINT/CMD in exec form (JSON array)',
    start.length ? JSON.stringify(start) : 'no start command',
    'shell-form CMD runs the app under /bin/sh -c, which does not forward SIGTERM',
  );
}

export function checkSignals(entry: AppEntry, facts: AppFacts): Verdict {
  const limit = entry.limits.stopWithinMs ?? defaultStopWithinMs;
  const stop = facts.run?.stop;
  return verdict(
    stop !== undefined && !stop.killed && stop.ms <= limit,
    `exits on SIGTERM within ${formatMs(limit)}`,
    stop ? `${stop.killed ? 'killed (SIGKILL) after' : `exited with code ${stop.exitCode} after`} ${formatMs(stop.ms)}` : `not stopped: ${facts.run?.error?.split('\n')[0] ?? 'not run'}`,
    stop?.killed ? 'the process ignored SIGTERM: as PID 1 it needs its own handler (or an init such as tini)' : facts.run?.error,
  );
}

export function checkHardening(facts: AppFacts): Verdict {
  const hardened = facts.hardened;
  return verdict(
    hardened?.served === true,
    'health path answers 200 under --read-only --cap-drop ALL --security-opt no-new-privileges',
    hardened?.served ? 'served' : `did not serve: ${hardened?.error?.split('\n')[0] ?? 'not run'}`,
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
    body === undefined ? `no answer: ${facts.run?.error?.split('\n')[0] ?? 'not run'}` : body.trim().slice(0, 200),
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

/** The checks that apply to an entry's production image, in report order. */
export function contractChecks(entry: AppEntry): ContractCheck[] {
  const image = (facts: AppFacts) => facts.multi.facts;
  const checks: ContractCheck[] = [
    { id: 'size', title: 'size within budget (uncompressed and compressed)', evaluate: (f) => checkSize(entry, image(f)) },
  ];
  if (requiredReduction(entry) !== undefined) {
    checks.push({ id: 'reduction', title: 'reduction versus the single-stage image', evaluate: (f) => checkReduction(entry, f) });
  }
  checks.push(
    { id: 'nothing-of-the-build', title: 'no compilers, package managers, dev dependencies, sources or tests', evaluate: (f) => checkNothingOfTheBuild(entry, image(f)) },
    { id: 'labels', title: 'OCI labels: version and revision from build args, source', evaluate: (f) => checkLabels(image(f), f) },
    { id: 'non-root', title: 'numeric non-root USER, and the process does not run as root', evaluate: (f) => checkNonRoot(image(f), f) },
  );
  if (entry.service) {
    checks.push(
      { id: 'healthcheck-config', title: 'HEALTHCHECK in the image, needing no curl or wget', evaluate: (f) => checkHealthcheckConfig(image(f)) },
      { id: 'healthy', title: 'container becomes healthy within its limit', evaluate: (f) => checkHealthy(entry, f) },
      { id: 'exec-form', title: 'exec-form start command (the app is PID 1 and gets the signals)', evaluate: (f) => checkExecForm(image(f)) },
      { id: 'signals', title: '`docker stop` ends it in time, without SIGKILL', evaluate: (f) => checkSignals(entry, f) },
      { id: 'hardening', title: 'serves with a read-only root, all capabilities dropped, no-new-privileges', evaluate: (f) => checkHardening(f) },
    );
    if (entry.service.versionPath) {
      checks.push({ id: 'version-endpoint', title: `GET ${entry.service.versionPath} reports the VERSION build arg`, evaluate: (f) => checkVersionEndpoint(f) });
    }
  }
  (entry.runs ?? []).forEach((run, i) => {
    checks.push({ id: `runs-${i}`, title: `\`${[...(run.entrypoint ?? []), ...run.command].join(' ')}\` runs in the image`, evaluate: (f) => checkToolRun(run, f.tools?.[i]) });
  });
  return checks;
}

/** Every contract check of the production image, decided on the measured facts. */
export function evaluateContract(entry: AppEntry, facts: AppFacts): CheckResult[] {
  return contractChecks(entry).map((check) => ({ id: check.id, title: check.title, ...check.evaluate(facts) }));
}

export function checkDevelopment(entry: AppEntry, dev: DevelopmentFacts): Verdict {
  const spec = entry.development!;
  return verdict(
    dev.reloadMs !== undefined && dev.reloadMs <= spec.reloadWithinMs,
    `GET ${spec.probePath} shows "${spec.edit.replace}" within ${formatMs(spec.reloadWithinMs)} of editing ${spec.edit.file}, without a restart`,
    dev.reloadMs !== undefined ? `reloaded after ${formatMs(dev.reloadMs)}` : `no reload: ${dev.error?.split('\n')[0] ?? 'unknown'}`,
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
    stage.cleanBuildError ?? (stage.buildFailed ? stage.errorText : undefined),
  );
}

export function checkCache(entry: AppEntry, cache: CacheFacts): Verdict {
  const spec = entry.cache!;
  const step = cache.dependencyStep;
  return verdict(
    step?.cached === true,
    `"${spec.dependencyStep}" CACHED after editing ${spec.edit.file}`,
    step ? `${step.name}: ${step.cached ? 'CACHED' : 'ran again'}; rebuilt: ${cache.rebuiltSteps.length} step(s) in ${formatMs(cache.rebuildMs)}` : `no build step matches "${spec.dependencyStep}"`,
    step && !step.cached ? `steps that ran again:\n${cache.rebuiltSteps.join('\n')}` : undefined,
  );
}

export function checkAlternative(alternative: Alternative, facts: AlternativeFacts): Verdict {
  const { uncompressedBytes, healthyWithinMs } = alternative.limits;
  const healthy = facts.run.healthyMs;
  return verdict(
    facts.uncompressedBytes <= uncompressedBytes && healthy !== undefined && healthy <= healthyWithinMs,
    `<= ${formatBytes(uncompressedBytes)} uncompressed, healthy within ${formatMs(healthyWithinMs)}`,
    `${formatBytes(facts.uncompressedBytes)} (${formatBytes(facts.compressedBytes)} compressed), ${healthy !== undefined ? `healthy after ${formatMs(healthy)}` : `never healthy: ${facts.run.error?.split('\n')[0] ?? 'not run'}`}`,
    facts.run.error,
  );
}

export function checkCompose(entry: AppEntry, services: ComposeServiceFacts[]): Verdict {
  const spec = entry.compose!;
  const failed = services.filter((s) => !s.ok);
  return verdict(
    services.length === spec.services.length && failed.length === 0,
    spec.services.map((s) => `${s.name} answers 200 on ${s.probePath}`).join('; '),
    services.map((s) => (s.ok ? `${s.name} answered after ${formatMs(s.readyMs ?? 0)} (build included)` : `${s.name} failed: ${s.error?.split('\n')[0]}`)).join('; '),
    failed.map((s) => `${s.name}:\n${s.error}`).join('\n'),
  );
}

/** A failed check as a message a person can act on. */
export function describeFailure(app: string, check: CheckResult): string {
  return [`${app}: ${check.title}`, `  expected: ${check.expected}`, `  found:    ${check.found}`, ...(check.blame ? [`  why:      ${check.blame.split('\n').join('\n            ')}`] : [])].join('\n');
}
