// The tutorial's claims (claims.ts), each decided on a run's measurements: holds (with the
// measured number), does not hold (a finding, with the number), or not checked yet (and why).
// Pure: the same measurements give the same verdicts, so `pnpm verify` and the merge of CI's
// per-app reports agree. The claims report (report/claims-model.ts) carries what this reads.
import { reductionPercent } from '../size-reduction.ts';
import type { AppFacts } from '../contract/app-facts.ts';
import type { TutorialClaim } from '../catalogue/figure-files.ts';
import type { PackageCounts } from '../inspect/packages.ts';
import type { BaseOrigin } from '../measure/bases.ts';
import { formatBytes } from '../format.ts';
import type { CheckResult } from '../verdict.ts';
import { causes, plannedApps, tutorialClaims, type Claim, type Decision, type SizeWords } from './claims.ts';
import { tipOutcome, tipVerdictLine } from '../catalogue/tip-verdict.ts';
import type { RecipeResult } from '../recipes/types.ts';
import { decideRecipes, findRecipes } from './recipe-verdicts.ts';

/** What the verdicts read of one app's run: its measurements and the lab's checks on them. */
export interface MeasuredApp {
  app: string;
  facts?: AppFacts;
  /** Set when the app could not be built or measured. */
  error?: string;
  contract: CheckResult[];
  claims: CheckResult[];
  /** OS and language packages in each image. */
  packages?: { single: PackageCounts; multi: PackageCounts };
  /** The base images its Dockerfiles name, and whether each was pulled or forged locally. */
  bases: BaseOrigin[];
}

/** What a verdict was measured on: whose Dockerfiles were built for which app, on which base images. */
export interface MeasuredOn {
  app: string;
  /** Whose recipe was built: the lab's Dockerfiles (dockerfiles/<app>/), or the tutorial's as written. */
  recipe: 'lab' | 'tutorial';
  /** The base images it names: tag, local id, pulled or forged. */
  bases: BaseOrigin[];
}

/** What the verdicts read of a run: every app's measurements, and the apps that sent none to a merge. */
export interface Measurements {
  apps: MeasuredApp[];
  /** Catalogue apps that sent no report to a merge: every claim that names one, or every app, waits. */
  noReportFrom?: string[];
  /** The tutorial's own recipes run as written (recipes/), when the run ran them. */
  recipes?: RecipeResult[];
}

export type VerdictStatus = 'holds' | 'does not hold' | 'not checked yet';

export interface ClaimVerdict {
  id: string;
  section: string;
  quote: string;
  figure?: string;
  reading?: string;
  /** How it is decided, in words (which app, which check or measurement). */
  decidedBy: string;
  /** The apps whose measurements decide it (none for the tutorial against itself). */
  apps: string[];
  verdict: VerdictStatus;
  /** What was measured (or computed), for holds and does not hold; why not, for not checked yet. */
  detail: string;
  /** A point the tutorial never makes: the lab's own advice, counted and shown apart from the findings. */
  advice?: true;
  /** The cause it shares with other findings, in words (claims.ts, causes): findings of one cause count once. */
  cause?: string;
  /** The builds its apps' measurements come from; absent when none decides it (the tutorial against itself, or no app measured). */
  measuredOn?: MeasuredOn[];
}

/** An "about" size holds when the measured one is within this share of it (either way). */
export const aboutTolerance = 0.25;

interface Decided {
  verdict: VerdictStatus;
  detail: string;
}

const holds = (detail: string): Decided => ({ verdict: 'holds', detail });
const fails = (detail: string): Decided => ({ verdict: 'does not hold', detail });
const unchecked = (detail: string): Decided => ({ verdict: 'not checked yet', detail });

function appsOf(decision: Decision): string[] | 'every' {
  switch (decision.kind) {
    case 'sizes':
    case 'contract':
    case 'image-env':
    case 'tip':
    case 'file-owners':
    case 'dev-dependencies':
      return [decision.app];
    case 'checks':
      return decision.apps;
    case 'typical-reduction':
      return decision.apps;
    case 'fewer-os-packages':
    case 'smaller-download':
    case 'smaller-stored':
      return 'every';
    case 'consistency':
    case 'arithmetic':
    case 'not-measured':
    case 'recipe':
    case 'base-sizes':
      return [];
  }
}

function sizeWords(words: SizeWords): string {
  return 'about' in words ? `~${formatBytes(words.about)}` : `${formatBytes(words.atLeast)}+`;
}

/** How a decision is made, for the reader. */
export function describeDecision(decision: Decision): string {
  switch (decision.kind) {
    case 'sizes': {
      const parts = [
        ...(decision.multi
          ? [
              'about' in decision.multi
                ? `multi-stage image at most ${formatBytes(decision.multi.about)}`
                : `multi-stage image at least ${formatBytes(decision.multi.atLeast)}`,
            ]
          : []),
        ...(decision.single
          ? [
              ('about' in decision.single
                ? `single-stage image within ${aboutTolerance * 100}% of ${formatBytes(decision.single.about)}`
                : `single-stage image at least ${formatBytes(decision.single.atLeast)}`) +
                (decision.single.on ? ` when it stands on the tutorial's ${decision.single.on}` : ''),
            ]
          : []),
        ...(decision.reductionPercent !== undefined ? [`at least ${decision.reductionPercent}% smaller`] : []),
      ];
      return `${decision.app}: ${parts.join(', ')} (sizes uncompressed, as \`docker images\` shows them)`;
    }
    case 'checks':
      return `${decision.apps === 'every' ? 'every app measured' : decision.apps.join(', ')}: the lab's check${decision.checks.length > 1 ? 's' : ''} ${decision.checks.map((c) => `\`${c}\``).join(', ')}${decision.refutes ? ' passing shows the reading is not needed' : ' pass'}`;
    case 'contract':
      return `${decision.app}: every check of the image contract passes`;
    case 'image-env':
      return `${decision.app}: ${decision.name}=${decision.value} in the production image's config`;
    case 'tip':
      return `${decision.app}: \`${decision.tip}\` tried with the app's own toolchain: the verdict its trial prints (\`verdict: holds\` with exit 0, \`verdict: does not hold\` with exit 1; anything else decides nothing)`;
    case 'file-owners':
      return `${decision.app}: the owners of the files below its production image's WORKDIR, read from its layers, against its process's uid; with the lab's checks ${decision.checks.map((c) => `\`${c}\``).join(', ')} passing, files it does not own show the reading is not needed`;
    case 'fewer-os-packages':
      return 'every app measured: fewer OS packages (dpkg status) in the multi-stage image than in the single-stage one';
    case 'smaller-download':
      return "every app measured: the multi-stage image's gzip'd layers are smaller than the single-stage image's";
    case 'typical-reduction':
      return `${decision.apps.join(', ')} (those measured): most are at least ${decision.fromPercent}% smaller than their single-stage image`;
    case 'consistency':
      return `the tutorial against itself: ${decision.figures.map((f) => `${f.where} (${f.words})`).join(' and ')} must agree`;
    case 'arithmetic':
      return 'the tutorial against itself: each stated reduction is 1 - multi/single of the sizes it is stated for (rounded or truncated)';
    case 'smaller-stored':
      return "every app measured: the multi-stage image is smaller than the single-stage one both on disk (uncompressed) and to download (gzip'd layers)";
    case 'recipe':
      return `the tutorial's recipes as written (${decision.recipes.map((r) => `${r.section}, ${r.kind}${r.contains ? ` \`${r.contains}\`` : ''}`).join('; ')}): ${recipeExpectations[decision.expect]}`;
    case 'base-sizes':
      return `the base images the lab has, each minimal one against its full one (${decision.pairs.map((p) => `${p.minimal} against ${p.full}`).join(', ')}), sizes as the engine stores them`;
    case 'dev-dependencies':
      return `${decision.app}: a full install of its lockfile (dev dependencies included) against its production closure, read with pnpm's lockfile walker`;
    case 'not-measured':
      return 'nothing the lab measures decides it';
  }
}

const recipeExpectations: Record<Extract<Decision, { kind: 'recipe' }>['expect'], string> = {
  works: 'each builds or runs on the engine as written (its error quoted where it fails)',
  'no-warning': 'each runs as written and the engine says nothing against it',
  'compares-images': 'the images the block tags before the listing, read from its `-t` options: more than one to compare',
  'tests-gate-production': 'a build of its last stage runs a test command (its stages read with dockerfile-ast)',
  'stops-on-sigterm': "a container of each built image ends on `docker stop`'s SIGTERM, not killed when the grace runs out",
};

type Measured = MeasuredApp & { facts: AppFacts };

/** Why an app's measurements are not in this report, or null when they are. */
function missing(report: Measurements, catalogueNames: string[], app: string): string | null {
  const measured = report.apps.find((a) => a.app === app);
  if (measured?.facts) return null;
  if (measured?.error) return `${app} could not be measured: ${measured.error.split('\n')[0]}`;
  if (catalogueNames.includes(app)) return `${app} was not measured in this run (LAB_APPS or --app left it out)`;
  const planned = plannedApps[app];
  return `${app} is not in the catalogue yet${planned ? ` (${planned})` : ''}`;
}

function appReport(report: Measurements, app: string): Measured {
  return report.apps.find((a) => a.app === app && a.facts) as Measured;
}

/** The tutorial's own single-stage recipe for a sizes claim, where the run measured it. */
function measuredBefore(report: Measurements, d: Extract<Decision, { kind: 'sizes' }>): (RecipeResult & { outcome: { kind: 'measured' } }) | undefined {
  if (!d.recipeSingle || !report.recipes) return undefined;
  return findRecipes(report.recipes, d.recipeSingle).find((r): r is RecipeResult & { outcome: { kind: 'measured' } } => r.outcome.kind === 'measured');
}

/**
 * A "before" decided on the tutorial's own recipe as written (on the tutorial's base image); what
 * else the claim states (the after, the reduction) is decided on the lab's images, as always.
 */
function decideOnRecipeBefore(r: Measured, d: Extract<Decision, { kind: 'sizes' }>, recipe: RecipeResult & { outcome: { kind: 'measured' } }): Decided {
  const bytes = recipe.outcome.measure.uncompressedBytes;
  const bases = recipe.bases.map((b) => `${b.ref} (${b.origin}${b.id ? ` ${b.id.slice(7, 19)}` : ''})`).join(', ');
  const beforeMisses = sizeOutcome(r.app, bytes, 0, { kind: 'sizes', app: r.app, single: d.single! }).misses;
  const text = `the tutorial's single-stage recipe as written (${recipe.source.section}, ${recipe.source.where}) on ${bases}: ${formatBytes(bytes)}`;
  const rest = { ...d, single: undefined };
  const lab =
    rest.multi || rest.reductionPercent !== undefined
      ? sizeOutcome(r.app, r.facts.single.facts.uncompressedBytes, r.facts.multi.facts.uncompressedBytes, rest)
      : undefined;
  const misses = [...beforeMisses.map((m) => m.replace(/^single-stage/, "the recipe's")), ...(lab?.misses ?? [])];
  const detail = `${text}${lab ? `; the lab's ${lab.measured}` : ''}`;
  return misses.length ? fails(`${detail}: ${misses.join('; ')}`) : holds(`${detail} (${sizeWords(d.single!)})`);
}

function decideSizes(report: Measurements, r: Measured, d: Extract<Decision, { kind: 'sizes' }>): Decided {
  const recipe = d.single ? measuredBefore(report, d) : undefined;
  if (recipe) return decideOnRecipeBefore(r, d, recipe);
  const outcome = sizeOutcome(r.app, r.facts.single.facts.uncompressedBytes, r.facts.multi.facts.uncompressedBytes, d);
  const before = outcome.misses.find((m) => m.startsWith('single-stage'));
  if (before && d.single?.on && !r.bases.some((b) => b.ref === d.single!.on)) return onAnotherBase(outcome, before, r, d, d.single.on);
  return outcome.misses.length ? fails(`${outcome.measured}: ${outcome.misses.join('; ')}`) : holds(outcome.measured);
}

/**
 * Whether the tutorial's multi-stage size and reduction for an app's row hold on these sizes,
 * decided as the table's claims are (the README's line under an app's recorded sizes).
 */
export function rowHolds(row: TutorialClaim, singleBytes: number, multiBytes: number): boolean {
  return (
    sizeOutcome('', singleBytes, multiBytes, { kind: 'sizes', app: '', multi: { about: row.multiBytes }, reductionPercent: row.reductionPercent }).misses
      .length === 0
  );
}

/** The measured sizes in words, and each part of the claim they miss. */
function sizeOutcome(app: string, single: number, multi: number, d: Extract<Decision, { kind: 'sizes' }>): { measured: string; misses: string[] } {
  const reduction = reductionPercent(single, multi);
  const misses: string[] = [];
  const within = (words: SizeWords, bytes: number, what: string) => {
    if ('about' in words) {
      // "~150 MB" for the image multi-stage builds make is a promise: at most that (smaller is
      // better than claimed). For the "before" it is context: a size to be near.
      const ok = what === 'multi-stage' ? bytes <= words.about : Math.abs(bytes - words.about) <= aboutTolerance * words.about;
      if (!ok) misses.push(`${what} ${formatBytes(bytes)} against ${sizeWords(words)}`);
    } else if (bytes < words.atLeast) {
      misses.push(`${what} ${formatBytes(bytes)}, not ${sizeWords(words)}`);
    }
  };
  if (d.multi) within(d.multi, multi, 'multi-stage');
  if (d.single) within(d.single, single, 'single-stage');
  if (d.reductionPercent !== undefined && reduction < d.reductionPercent) misses.push(`${reduction.toFixed(1)}% smaller, not ${d.reductionPercent}%`);
  return { measured: `${app}: ${formatBytes(single)} -> ${formatBytes(multi)} (${reduction.toFixed(1)}% smaller)`, misses };
}

const repository = (ref: string) => ref.replace(/:[^/:]*$/, '');

/**
 * A "before" that misses on a base image other than the tutorial's (node:24 where it has
 * node:18): the size says how today's base differs, not whether the tutorial is right. Labelled
 * so, and not a finding; what else the claim states (the "after", the reduction) still decides.
 */
function onAnotherBase(
  outcome: { measured: string; misses: string[] },
  before: string,
  r: Measured,
  d: Extract<Decision, { kind: 'sizes' }>,
  tutorialBase: string,
): Decided {
  const today = r.bases.filter((b) => repository(b.ref) === repository(tutorialBase)).map((b) => b.ref);
  const label = `the lab's before stands on ${today.length ? today.join(' / ') : 'another base image'}, the tutorial's on ${tutorialBase}: its ${before.replace(/^single-stage /, '')} measures today's base image, not the tutorial (the tutorial's own before is not built here)`;
  const others = outcome.misses.filter((m) => m !== before);
  if (others.length) return fails(`${outcome.measured}: ${others.join('; ')}. Not a finding: ${label}`);
  const rest = [d.multi ? 'the multi-stage size' : '', d.reductionPercent !== undefined ? 'the reduction' : ''].filter(Boolean).join(' and ');
  return unchecked(`${outcome.measured}${rest ? `, ${rest} as claimed` : ''}; the before is not decided: ${label}`);
}

function checkResult(r: MeasuredApp, id: string) {
  return [...r.contract, ...r.claims].find((c) => c.id === id);
}

function decideChecks(report: Measurements, catalogueNames: string[], d: Extract<Decision, { kind: 'checks' }>): Decided {
  // 'every': the apps measured that have the check (a tool image has no health check, say).
  const apps = d.apps === 'every' ? report.apps.filter((a) => a.facts && d.checks.some((c) => checkResult(a, c))).map((a) => a.app) : d.apps;
  if (apps.length === 0) return unchecked(`no app measured in this run has the check${d.checks.length > 1 ? 's' : ''} ${d.checks.join(', ')}`);
  const gaps = apps.map((app) => missing(report, catalogueNames, app)).filter((m): m is string => m !== null);
  if (gaps.length) return unchecked(gaps.join('; '));
  const found: string[] = [];
  const failed: string[] = [];
  const absent: string[] = [];
  for (const app of apps) {
    const r = appReport(report, app);
    for (const id of d.checks) {
      const result = checkResult(r, id);
      if (!result) {
        // With 'every', an app without this one of several checks is simply not concerned.
        if (d.apps !== 'every') absent.push(`${app}'s report has no \`${id}\` check`);
        continue;
      }
      (result.ok ? found : failed).push(`${app} ${id}: ${result.found.split('\n')[0]!.slice(0, 240)}`);
    }
  }
  if (absent.length) return unchecked(absent.join('; '));
  // A refutation rests on its checks passing: one failing leaves the claim undecided, not refuted.
  if (failed.length && d.refutes) return unchecked(`the checks that would show it is not needed do not pass: ${failed.join('; ')}`);
  if (failed.length) return fails(failed.join('; '));
  return d.refutes ? fails(`${d.refutes}. Measured: ${found.join('; ')}`) : holds(found.join('; '));
}

/**
 * The tutorial's `--chown`, measured: who owns the app's files (from the image's layers), and
 * the uid its process ran as. Files it does not own, with the checks passing, refute the
 * reading that it must; files it does own decide nothing (they cannot show it needs to).
 */
function decideFileOwners(r: Measured, d: Extract<Decision, { kind: 'file-owners' }>): Decided {
  const results = d.checks.map((id) => ({ id, result: checkResult(r, id) }));
  const absent = results.filter((c) => !c.result).map((c) => `${r.app}'s report has no \`${c.id}\` check`);
  if (absent.length) return unchecked(absent.join('; '));
  const failed = results.filter((c) => !c.result!.ok).map((c) => `${r.app} ${c.id}: ${c.result!.found.split('\n')[0]}`);
  if (failed.length) return unchecked(`the checks that would show it is not needed do not pass: ${failed.join('; ')}`);
  const owners = r.facts.owners;
  const uid = r.facts.run?.uid;
  if (!owners) return unchecked(`the owners of ${r.app}'s files were not measured (its production image has no WORKDIR below /)`);
  if (uid === undefined) return unchecked(`${r.app}'s process uid was not shown`);
  const unknown = owners.byUid.unknown ?? 0;
  if (owners.files === 0 || unknown > 0)
    return unchecked(
      owners.files === 0 ? `nothing below ${owners.dir} to own` : `${unknown} of ${owners.files} files below ${owners.dir} have no owner in their layer`,
    );
  const list = Object.entries(owners.byUid)
    .sort(([, a], [, b]) => b - a)
    .map(([owner, n]) => `uid ${owner} ${n}`)
    .join(', ');
  const measured = `${r.app}'s process runs as uid ${uid}; the ${owners.files} files and folders below ${owners.dir} are owned by ${list} (read from the image's layers)`;
  const owned = owners.byUid[String(uid)] ?? 0;
  if (owned > 0) return unchecked(`${measured}: it owns ${owned} of them, so this image cannot show whether it needs to`);
  const checks = results.map((c) => `${c.id}: ${c.result!.found.split('\n')[0]!.slice(0, 200)}`).join('; ');
  return fails(`${measured}, none by uid ${uid}, and it passes ${checks}. ${d.refutes}`);
}

function decideTypicalReduction(report: Measurements, d: Extract<Decision, { kind: 'typical-reduction' }>): Decided {
  const measured = d.apps.flatMap((app) => {
    const r = report.apps.find((a) => a.app === app && a.facts);
    return r?.facts ? [{ app, reduction: reductionPercent(r.facts.single.facts.uncompressedBytes, r.facts.multi.facts.uncompressedBytes) }] : [];
  });
  if (measured.length === 0) return unchecked(`none of ${d.apps.join(', ')} was measured in this run`);
  const atLeast = measured.filter((m) => m.reduction >= d.fromPercent);
  const inside = atLeast.filter((m) => m.reduction <= d.toPercent);
  const list = measured.map((m) => `${m.app} ${m.reduction.toFixed(1)}%`).join(', ');
  const summary = `${atLeast.length} of ${measured.length} measured at least ${d.fromPercent}% smaller (${inside.length} inside ${d.fromPercent}-${d.toPercent}%, ${atLeast.length - inside.length} above): ${list}`;
  return atLeast.length * 2 > measured.length ? holds(summary) : fails(summary);
}

function decidePerApp(
  report: Measurements,
  what: string,
  pick: (r: Measured) => { single: number; multi: number; unit: (n: number) => string } | null,
): Decided {
  const rows = report.apps
    .filter((a) => a.facts)
    .flatMap((a) => {
      const v = pick(a as Measured);
      return v ? [{ app: a.app, ...v }] : [];
    });
  if (rows.length === 0) return unchecked(`no app measured in this run has ${what} measured`);
  const text = rows.map((r) => `${r.app} ${r.unit(r.single)} -> ${r.unit(r.multi)}`).join(', ');
  // An image with none to begin with (selftest's busybox: 0 -> 0) has nothing to shed: not against the claim.
  const worse = rows.filter((r) => r.multi >= r.single && !(r.single === 0 && r.multi === 0));
  return worse.length ? fails(`${text}; not fewer in ${worse.map((r) => r.app).join(', ')}`) : holds(text);
}

/** What a tip's trial said, briefly: the tool's warnings (a deprecation, say) and its last line. */
export function tipSaid(output: string): string {
  // The verdict line is the verdict's; what the trial saw is the line before it.
  const verdicts = new Set<string>(Object.values(tipVerdictLine));
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !verdicts.has(l));
  const said = [...new Set([...lines.filter((l) => /\bwarn/i.test(l)), ...lines.slice(-1)])];
  return said.join(' / ').slice(0, 300) || '(no output)';
}

function decideConsistency(d: Extract<Decision, { kind: 'consistency' }>): Decided {
  // Stated figures agree within the tolerance; a lower bound ("300+ MB") agrees with each one at least as large.
  const values = d.figures.filter((f) => !f.atLeast).map((f) => f.value);
  const bounds = d.figures.filter((f) => f.atLeast).map((f) => f.value);
  const spread = Math.max(...values) - Math.min(...values);
  const under = bounds.length ? Math.max(...bounds) - Math.min(...values) : 0;
  const text = d.figures.map((f) => `${f.where}: ${f.words}`).join('; ');
  if (spread > d.tolerance) return fails(`the tutorial disagrees with itself by ${spread} ${d.unit}: ${text}`);
  if (under > d.tolerance) return fails(`the tutorial's lower bound is ${under} ${d.unit} above its own figure: ${text}`);
  return holds(bounds.length ? `${text} (a lower bound, which ${values.join(', ')} ${d.unit} meets)` : text);
}

function decideArithmetic(d: Extract<Decision, { kind: 'arithmetic' }>): Decided {
  const rows = d.rows.map((row) => {
    const exact = reductionPercent(row.singleBytes, row.multiBytes);
    const ok = row.statedPercent === Math.round(exact) || row.statedPercent === Math.floor(exact);
    return { ...row, exact, ok };
  });
  const text = rows
    .map((r) => `${r.where}: ${formatBytes(r.singleBytes)} -> ${formatBytes(r.multiBytes)} is ${r.exact.toFixed(1)}%, stated ${r.statedPercent}%`)
    .join('; ');
  const wrong = rows.filter((r) => !r.ok);
  return wrong.length ? fails(`${wrong.map((r) => r.where).join(', ')}: the stated reduction is not that of the stated sizes. ${text}`) : holds(text);
}

/** "Less storage and bandwidth": smaller uncompressed (disk, a registry's storage) and gzip'd (what is sent), per app. */
function decideSmallerStored(report: Measurements): Decided {
  const disk = decidePerApp(report, 'sizes', (r) => ({
    single: r.facts.single.facts.uncompressedBytes,
    multi: r.facts.multi.facts.uncompressedBytes,
    unit: formatBytes,
  }));
  const sent = decidePerApp(report, 'compressed sizes', (r) => ({
    single: r.facts.single.facts.compressedBytes,
    multi: r.facts.multi.facts.compressedBytes,
    unit: formatBytes,
  }));
  const detail = `stored (uncompressed): ${disk.detail}; sent (gzip'd): ${sent.detail}`;
  if (disk.verdict === 'not checked yet' || sent.verdict === 'not checked yet') return unchecked(detail);
  return disk.verdict === 'holds' && sent.verdict === 'holds' ? holds(detail) : fails(detail);
}

/** Each minimal base against its full one, on the bases the apps measured name (their sizes as the engine stores them). */
function decideBaseSizes(report: Measurements, d: Extract<Decision, { kind: 'base-sizes' }>): Decided {
  const bases = report.apps.flatMap((a) => a.bases);
  const find = (ref: string) => bases.find((b) => b.ref === ref && b.bytes !== undefined);
  const lines: string[] = [];
  const missingRefs: string[] = [];
  let larger = false;
  for (const pair of d.pairs) {
    const full = find(pair.full);
    const minimal = find(pair.minimal);
    if (!full || !minimal) {
      missingRefs.push(...[pair.full, pair.minimal].filter((ref) => !find(ref)));
      continue;
    }
    const smaller = reductionPercent(full.bytes!, minimal.bytes!);
    if (minimal.bytes! >= full.bytes!) larger = true;
    const origin = (b: BaseOrigin) => `${b.origin.startsWith('forged') ? 'forged' : b.origin}${b.id ? ` ${b.id.slice(7, 19)}` : ''}`;
    lines.push(
      `${pair.minimal} ${formatBytes(minimal.bytes!)} (${origin(minimal)}) against ${pair.full} ${formatBytes(full.bytes!)} (${origin(full)}): ${smaller.toFixed(1)}% smaller`,
    );
  }
  if (lines.length === 0)
    return unchecked(`the sizes of ${missingRefs.join(', ')} were not measured in this run (no app measured names them, or the report predates base sizes)`);
  const text = lines.join('; ') + (missingRefs.length ? `; not measured: ${missingRefs.join(', ')}` : '');
  return larger ? fails(text) : holds(text);
}

/** The dev-only packages a copy of a full install ships, counted on the app's lockfile. */
function decideDevDependencies(r: Measured): Decided {
  const nm = r.facts.allow?.nodeModules;
  if (!nm?.devOnly) return unchecked(`${r.app}'s report has no full-install count of its lockfile (the allow-list's node_modules, measured since this claim)`);
  const full = nm.storeDirs.length + nm.devOnly.length;
  // A store folder (name@version[_peers], "/" as "+") as the package's name.
  const name = (dir: string) =>
    dir
      .replace(/_.*$/, '')
      .replace(/@[^@]+$/, '')
      .replace('+', '/');
  const names = nm.devOnly.slice(0, 12).map(name).join(', ') + (nm.devOnly.length > 12 ? ', ...' : '');
  const text = `${r.app}'s lockfile: a full install is ${full} packages, its production closure ${nm.storeDirs.length}`;
  return nm.devOnly.length
    ? fails(
        `${text}: copying node_modules from a full install ships ${nm.devOnly.length} dev-only packages (${names}) into the production image, the pitfall the tutorial names ("Installing dev dependencies in production"); ${r.app}'s image copies a \`pnpm install --prod\` tree (allow-list: exactly the production closure)`,
      )
    : holds(`${text}: no dev-only package to ship`);
}

/** Apps a claim rests on that sent no report to a merge (all of them, for a claim about every app). */
function unreported(report: Measurements, d: Decision): string[] {
  const absent = report.noReportFrom ?? [];
  const apps = appsOf(d);
  return apps === 'every' ? absent : absent.filter((app) => apps.includes(app));
}

function decide(report: Measurements, catalogueNames: string[], d: Decision): Decided {
  // A claim is never decided on whichever apps happened to report: one that rests on an app
  // with no report, or on every app, waits for them.
  const absent = unreported(report, d);
  if (absent.length) return unchecked(`no report from ${absent.join(', ')}`);
  switch (d.kind) {
    case 'consistency':
      return decideConsistency(d);
    case 'arithmetic':
      return decideArithmetic(d);
    case 'not-measured':
      return unchecked(`not measured: ${d.why}`);
    case 'checks':
      return decideChecks(report, catalogueNames, d);
    case 'typical-reduction':
      return decideTypicalReduction(report, d);
    case 'fewer-os-packages':
      return decidePerApp(report, 'OS packages', (r) => {
        const single = r.packages?.single.os;
        const multi = r.packages?.multi.os;
        return single !== undefined && multi !== undefined ? { single, multi, unit: (n) => `${n}` } : null;
      });
    case 'smaller-download':
      return decidePerApp(report, 'compressed sizes', (r) => ({
        single: r.facts.single.facts.compressedBytes,
        multi: r.facts.multi.facts.compressedBytes,
        unit: formatBytes,
      }));
    case 'smaller-stored':
      return decideSmallerStored(report);
    case 'recipe': {
      const { verdict, detail } = decideRecipes(report.recipes, d.recipes, d.expect);
      return { verdict, detail };
    }
    case 'base-sizes':
      return decideBaseSizes(report, d);
    default: {
      const gap = missing(report, catalogueNames, d.app);
      if (gap) return unchecked(gap);
      const r = appReport(report, d.app);
      switch (d.kind) {
        case 'sizes':
          return decideSizes(report, r, d);
        case 'contract': {
          const failed = r.contract.filter((c) => !c.ok);
          return failed.length
            ? fails(`${failed.length} of ${r.contract.length} contract checks fail: ${failed.map((c) => `${c.id}: ${c.found.split('\n')[0]}`).join('; ')}`)
            : holds(
                `${r.app}: all ${r.contract.length} contract checks pass (${formatBytes(r.facts.multi.facts.uncompressedBytes)}, user ${r.facts.multi.facts.config.user || 'root'})`,
              );
        }
        case 'image-env': {
          const value = r.facts.multi.facts.config.env[d.name];
          const text = `${r.app}'s production image: ${d.name}=${value ?? '(unset)'}`;
          return value === d.value ? holds(text) : fails(text);
        }
        case 'file-owners':
          return decideFileOwners(r, d);
        case 'dev-dependencies':
          return decideDevDependencies(r);
        case 'tip': {
          const tried = r.facts.tips?.find((t) => t.tip === d.tip);
          if (!tried) return unchecked(`${r.app}'s report has no trial of \`${d.tip}\` (the catalogue entry's tips)`);
          const text = `\`${d.tip}\` tried in ${tried.image} (${r.app}'s build image): exit ${tried.exitCode}, "${tipSaid(tried.output)}"`;
          const lab = tried.instead ? `. The lab: ${tried.instead}` : '';
          const outcome = tipOutcome(tried);
          if (outcome.verdict === 'not decided') return unchecked(`not decided (${outcome.why}): ${text}${lab}`);
          // An explanation goes with the verdict it explains, never with the other.
          const because = tried.because?.[outcome.verdict];
          const detail = `${text}${because ? `. ${because}` : ''}${lab}`;
          return outcome.verdict === 'holds' ? holds(detail) : fails(detail);
        }
      }
    }
  }
}

/** The recipes that build an image (a command that reads one, or `docker compose config`, builds nothing to name). */
const builds = new Set<RecipeResult['kind']>(['dockerfile', 'build-command', 'compose-service']);

/** A recipe of the tutorial as a build a verdict was measured on (its id stands for the app). */
const recipeBuild = (r: RecipeResult): MeasuredOn => ({
  app: r.id,
  recipe: 'tutorial',
  bases: r.bases.map((b) => ({ ref: b.ref, origin: b.origin, ...(b.id ? { id: b.id } : {}) })),
});

/** The apps whose bases a base-sizes claim read: each with the bases of the pairs it names. */
function baseSizesOn(report: Measurements, d: Extract<Decision, { kind: 'base-sizes' }>): MeasuredOn[] {
  const refs = new Set(d.pairs.flatMap((p) => [p.full, p.minimal]));
  const seen = new Set<string>();
  return report.apps.flatMap((a) => {
    const bases = a.bases.filter((b) => refs.has(b.ref) && b.bytes !== undefined && !seen.has(b.ref));
    bases.forEach((b) => seen.add(b.ref));
    return bases.length ? [{ app: a.app, recipe: 'lab' as const, bases }] : [];
  });
}

/** Every claim of the tutorial with its verdict on this report. */
export function claimVerdicts(report: Measurements, catalogueNames: string[], claims: Claim[] = tutorialClaims): ClaimVerdict[] {
  return claims.map((claim) => {
    const apps = appsOf(claim.decide);
    const { verdict, detail } = decide(report, catalogueNames, claim.decide);
    const named = apps === 'every' ? report.apps.filter((a) => a.facts).map((a) => a.app) : apps;
    // Every app of the lab is built from its own Dockerfiles; a recipe-decided claim names the tutorial's recipes it read.
    const onRecipes =
      claim.decide.kind === 'recipe'
        ? decideRecipes(report.recipes, claim.decide.recipes, claim.decide.expect)
            .used.filter((r) => builds.has(r.kind))
            .map(recipeBuild)
        : [];
    const onBases = claim.decide.kind === 'base-sizes' ? baseSizesOn(report, claim.decide) : [];
    const before = claim.decide.kind === 'sizes' ? measuredBefore(report, claim.decide) : undefined;
    if (before) onRecipes.push(recipeBuild(before));
    const measuredOn = [
      ...report.apps.filter((a) => a.facts && named.includes(a.app)).map((a): MeasuredOn => ({ app: a.app, recipe: 'lab', bases: a.bases })),
      ...onRecipes,
      ...onBases,
    ];
    return {
      id: claim.id,
      section: claim.section,
      quote: claim.quote,
      ...(claim.figure ? { figure: claim.figure } : {}),
      ...(claim.advice ? { advice: true as const } : {}),
      ...(claim.cause ? { cause: causes[claim.cause] } : {}),
      ...(claim.reading ? { reading: claim.reading } : {}),
      decidedBy: describeDecision(claim.decide),
      apps: named,
      verdict,
      detail,
      ...(measuredOn.length ? { measuredOn } : {}),
    };
  });
}
