// The fault suite: `pnpm verify --app go-api` (the quickest app), stopped as users and CI stop
// it, at several points: SIGTERM to its process (`kill`, a CI cancel) during a build, SIGINT to
// its process group (Ctrl-C) and SIGKILL to the group (`timeout -s KILL`) while the production
// container runs, SIGKILL to the process alone during a build (its buildx client is left going,
// for the next run to stop), SIGKILL during the report. After each: nothing of the run is running (no
// process of its group, no container, network or image labelled as its own; for SIGKILL, once
// the next run has swept), and reports/claims.json parses or is absent. Then the next run passes
// (replaying what the run killed during its report measured and kept: only what passed is kept).
// The runs write their reports to a temporary folder (LAB_REPORTS_DIR), never the repository's.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/catalogue/index.ts';
import { docker } from '../../src/engine/docker.ts';
import { ownerLabel, runIsAlive, type OwnedCounts } from '../../src/engine/ownership.ts';
import { processesWithRunId, stopOrphanedClients } from '../../src/engine/orphaned-clients.ts';
import { fromRepo } from '../../src/paths.ts';

const app = 'go-api';
/** Reaching the report takes about two minutes here (builds cached); a cold build more. */
const pointWithinMs = 8 * 60_000;

interface Run {
  pid: number;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let reports: string;
/**
 * Where the runs keep their measurements (LAB_MEASURED_DIR): a folder of this file's, so the
 * runs' revisions never take the place of what the repository's store keeps for the app (which
 * `pnpm verify` after `pnpm test` replays).
 */
let measured: string;

/** `node harness/src/cli/verify.ts --app go-api`, a run of its own, in a process group of its own. */
function startVerify(appName = app, revision = `faults-${Date.now()}`): Run {
  const { LAB_RUN_ID: _ours, ...env } = process.env;
  const child = spawn(process.execPath, [fromRepo('harness/src/cli/verify.ts'), '--app', appName], {
    cwd: fromRepo('.'),
    // A revision of its own: the production image's link step runs, so a build is in flight to stop.
    env: { ...env, LAB_REPORTS_DIR: reports, LAB_MEASURED_DIR: measured, LAB_REVISION: revision },
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { pid: child.pid!, stderr: () => stderr, exited };
}

async function until(run: Run, condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + pointWithinMs;
  let ended = false;
  void run.exited.then(() => (ended = true));
  while (!(await condition())) {
    if (ended) throw new Error(`the run ended before ${what}:\n${run.stderr().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`no ${what} within ${pointWithinMs} ms:\n${run.stderr().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Containers, networks and images labelled as the run of process `pid`'s (its id is <host>.<pid>.<random>). */
async function ownedBy(pid: number): Promise<OwnedCounts> {
  const filters = JSON.stringify({ label: [ownerLabel] });
  const runOf = (labels: Record<string, string> | null | undefined) => labels?.[ownerLabel]?.startsWith(`${hostname()}.${pid}.`) ?? false;
  const [containers, networks, images] = await Promise.all([
    docker().listContainers({ all: true, filters }),
    docker().listNetworks({ filters }),
    docker().listImages({ filters }),
  ]);
  return {
    containers: containers.filter((c) => runOf(c.Labels)).length,
    networks: networks.filter((n) => runOf(n.Labels)).length,
    images: images.filter((i) => runOf(i.Labels)).length,
  };
}

/** Whether the run is bringing up a Compose project now (`docker compose ... up`, a child of it). */
function composingUp(pid: number): boolean {
  try {
    return /docker compose .* up/.test(execFileSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' }));
  } catch {
    return false; // no child
  }
}

/** Whether a Compose project of the run of process `pid` has a container now. */
async function composeRunning(pid: number): Promise<boolean> {
  const containers = await docker().listContainers({ all: true, filters: JSON.stringify({ label: [ownerLabel, 'com.docker.compose.project'] }) });
  return containers.some((c) => c.Labels[ownerLabel]?.startsWith(`${hostname()}.${pid}.`));
}

const nothing: OwnedCounts = { containers: 0, networks: 0, images: 0 };

/** Whether any process of the group `pgid` (the run and what it spawned: buildx, Chromium) still runs. */
function groupRuns(pgid: number): boolean {
  const lines = execFileSync('ps', ['-e', '-o', 'pgid=,stat='], { encoding: 'utf8' }).split('\n');
  return lines.some((line) => {
    const [group, stat] = line.trim().split(/\s+/);
    return Number(group) === pgid && !stat?.startsWith('Z');
  });
}

/** Whether the run is building its production image now (`docker buildx build ... multi.Dockerfile`, a child of it). */
function buildingProduction(pid: number): boolean {
  try {
    return /buildx build .*multi\.Dockerfile/.test(execFileSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' }));
  } catch {
    return false; // no child
  }
}

/** reports/claims.json: 'absent', or parsed (a truncated file fails here). */
async function claimsReport(): Promise<'absent' | Record<string, unknown>> {
  const text = await readFile(path.join(reports, 'claims.json'), 'utf8').catch(() => undefined);
  return text === undefined ? 'absent' : (JSON.parse(text) as Record<string, unknown>);
}

/** After a SIGINT or SIGTERM: the exit status, its one line, and nothing of the run left, at once. */
async function expectCleanStop(run: Run, signal: 'SIGINT' | 'SIGTERM', code: number): Promise<void> {
  const exit = await run.exited;
  // No wait: a build or container that outlived the run would show here.
  expect(groupRuns(run.pid), 'a process of the run still runs').toBe(false);
  expect(await ownedBy(run.pid)).toEqual(nothing);
  expect(exit).toEqual({ code, signal: null });
  const lastLine = run.stderr().trimEnd().split('\n').at(-1);
  expect(lastLine).toMatch(new RegExp(`^stopped by ${signal}: removed \\d+ containers?, \\d+ networks?, \\d+ images? of this run$`));
  // Only the clean-up line follows the stop: no phase, no report after it.
  expect(run.stderr().slice(run.stderr().indexOf(`${signal}: stopping`))).not.toMatch(/writing the report|claim: /);
}

/** The temp folders process `pid` made and has not removed (src/temp-folder.ts names them for it). */
async function tempFoldersOf(pid: number): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('lab-') && name.includes(`.${pid}-`));
}

/** Processes started by the run of process `pid` (their environment holds its run id) that still run. */
function clientsOf(pid: number): number[] {
  return processesWithRunId()
    .filter((p) => p.runId.startsWith(`${hostname()}.${pid}.`))
    .map((p) => p.pid);
}

const goApiSelected = catalogue().some((e) => e.name === app);
/** The quickest app with a Compose file: a busybox fixture. */
const composeApp = 'selftest';
const composeAppSelected = catalogue().some((e) => e.name === composeApp && e.compose);

describe.skipIf(!goApiSelected)(`a stopped pnpm verify --app ${app}`, () => {
  let killed: number | undefined;
  let killedWhileBuilding: number | undefined;
  /**
   * The revision of the run killed during its report and of the run after it: that run measured
   * everything and kept what passed, so the next replays it (a failed check is never kept, so it
   * would be measured again) and shows, in a minute less, that it passes after the kills.
   */
  const reportRevision = `faults-report-${Date.now()}`;

  beforeAll(async () => {
    reports = await mkdtemp(path.join(tmpdir(), 'lab-faults-reports-'));
    measured = await mkdtemp(path.join(tmpdir(), 'lab-faults-measured-'));
  });
  afterAll(async () => {
    await rm(reports, { recursive: true, force: true });
    await rm(measured, { recursive: true, force: true });
  });

  it('SIGTERM to the process while it builds the production image ends the build, removes what it made, exits 143 with one line', async () => {
    const run = startVerify();
    await until(run, () => buildingProduction(run.pid), 'build of the production image');
    process.kill(run.pid, 'SIGTERM');
    await expectCleanStop(run, 'SIGTERM', 143);
    expect(await claimsReport()).toBe('absent');
  });

  it('SIGINT to its process group (Ctrl-C) while the production container runs removes it, exits 130 with one line', async () => {
    const run = startVerify();
    await until(run, async () => run.stderr().includes('running the production image') && (await ownedBy(run.pid)).containers > 0, 'production container');
    process.kill(-run.pid, 'SIGINT');
    await expectCleanStop(run, 'SIGINT', 130);
    expect(await claimsReport()).toBe('absent');
  });

  it('SIGKILL to the process alone while it builds leaves its buildx client going; the next run stops it before anything else', async () => {
    const run = startVerify();
    await until(run, () => buildingProduction(run.pid), 'build of the production image');
    process.kill(run.pid, 'SIGKILL');
    expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Its build's scratch folder (image id file, context copy) is left for the next run's sweep.
    expect(await tempFoldersOf(run.pid)).toContainEqual(expect.stringMatching(/^lab-build\./));
    killedWhileBuilding = run.pid;
    // Reparented, the client goes on building for a run that is gone.
    expect(clientsOf(run.pid).length).toBeGreaterThan(0);
    // What the next run's sweep does first (engine/ownership.ts sweepStale).
    expect(stopOrphanedClients(runIsAlive)).toBeGreaterThan(0);
    const deadline = Date.now() + 10_000;
    while (clientsOf(run.pid).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(clientsOf(run.pid)).toEqual([]);
  });

  it('SIGKILL to its process group while the production container runs leaves that container to the next run', async () => {
    const run = startVerify();
    await until(run, async () => run.stderr().includes('running the production image') && (await ownedBy(run.pid)).containers > 0, 'production container');
    process.kill(-run.pid, 'SIGKILL');
    expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect((await ownedBy(run.pid)).containers).toBeGreaterThan(0);
    killed = run.pid;
  });

  it('the next run removes what the killed run left before it starts anything, and says so; SIGKILL during its report leaves claims.json whole', async () => {
    // The last complete report, as a previous run would have left it.
    await writeFile(path.join(reports, 'claims.json'), `${JSON.stringify({ previous: true })}\n`);
    const run = startVerify(app, reportRevision);
    await until(run, () => run.stderr().includes('engine: '), 'first line');
    expect(run.stderr()).toMatch(/removed what runs that were killed left: (stopped \d+ build clients?, )?[1-9]\d* containers?/);
    expect(await ownedBy(killed!)).toEqual(nothing);
    // The build folder the run killed while building left: swept by the runs after it.
    expect(await tempFoldersOf(killedWhileBuilding!)).toEqual([]);
    await until(run, () => run.stderr().includes('writing the report'), 'report');
    process.kill(-run.pid, 'SIGKILL');
    expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // The previous report or the new one, whole: never a truncated JSON.
    expect(await claimsReport()).not.toBe('absent');
    killed = run.pid;
  });

  it('the run after those passes, and leaves nothing of the killed ones', async () => {
    const run = startVerify(app, reportRevision);
    expect(await run.exited, run.stderr().slice(-3000)).toEqual({ code: 0, signal: null });
    expect(await ownedBy(killed!)).toEqual(nothing);
    expect(await ownedBy(run.pid)).toEqual(nothing);
    expect([...(await tempFoldersOf(killed!)), ...(await tempFoldersOf(run.pid))]).toEqual([]);
    const report = await claimsReport();
    expect(report).not.toBe('absent');
    expect((report as { apps: { app: string }[] }).apps.map((a) => a.app)).toEqual([app]);
  });
});

describe.skipIf(!composeAppSelected)(`a stopped pnpm verify --app ${composeApp}`, () => {
  beforeAll(async () => {
    reports = await mkdtemp(path.join(tmpdir(), 'lab-faults-reports-'));
    measured = await mkdtemp(path.join(tmpdir(), 'lab-faults-measured-'));
  });
  afterAll(async () => {
    await rm(reports, { recursive: true, force: true });
    await rm(measured, { recursive: true, force: true });
  });

  it('SIGTERM to the process while `docker compose up` runs ends it, removes the project, exits 143 with one line', async () => {
    const run = startVerify(composeApp);
    await until(run, () => composingUp(run.pid), '`docker compose up`');
    process.kill(run.pid, 'SIGTERM');
    await expectCleanStop(run, 'SIGTERM', 143);
    expect(await composeRunning(run.pid)).toBe(false);
  });
});
