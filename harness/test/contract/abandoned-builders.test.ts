// The sweep of builders abandoned by killed runs (src/engine/abandoned-builders.ts), on real ones:
// a run of remote-builder.test.ts starts buildkitd, its registry and a buildx builder under
// lab-remote-test-<its pid>, and one killed before its afterAll leaves all three going and its run
// dir (buildkitd's cache) on disk. Here such builders are started with scripts/buildkit as that
// file starts its own: one under the pid of a process that has exited, one by a node process that
// is then killed with SIGKILL right after starting it, and one under this process's pid, alive.
// The sweep must stop the first two (both daemons ended, the builder gone from `docker buildx ls`,
// the run dir deleted) and leave the third as it was. No image is built: each builder costs its
// start, a second or two. Everything started here is stopped in afterAll, also when a test fails.
// Their names are lab-sweep-test-<pid>, not remote-builder.test.ts's prefix (sweepTestBuilders:
// that file's sweep, two files running at a time, would stop them first). A run of this file
// killed midway leaves builders of this prefix, which the next run's sweep stops with its own.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pidNamedBuilder, stopAbandonedBuilders } from '../../src/engine/abandoned-builders.ts';
import { buildkitImage, buildkitRunDir, runBuildkitScript } from '../../src/engine/buildkit-script.ts';
import { catalogue } from '../../src/catalogue/index.ts';
import { ensureBases } from '../../src/forge/index.ts';
import { fromRepo } from '../../src/paths.ts';
import { processIsAlive } from '../../src/process-alive.ts';
import { freePort } from './support/local-registry.ts';
import { remoteBuilderApp, sweepTestBuilders } from './support/test-builders.ts';

const run = promisify(execFile);
const builders = sweepTestBuilders;
const started = new Set<string>();
const killers = new Set<() => Promise<void>>();
const daemonPids = new Set<number>();

async function startBuilder(name: string): Promise<void> {
  started.add(name);
  await runBuildkitScript('start', { name, registryPort: await freePort() });
}

/** The pid of a process that has run and exited: what a killed run's pid is to the next run. */
async function exitedPid(): Promise<number> {
  const child = spawn('true');
  await once(child, 'exit');
  return child.pid!;
}

/** A node process that starts a builder the way remote-builder.test.ts does, then waits for an afterAll that never comes. */
async function startBuilderThenWait(): Promise<{ pid: number; kill: () => Promise<void> }> {
  const module = (file: string) => JSON.stringify(pathToFileURL(fromRepo(file)).href);
  const script = `
    const { pidNamedBuilder } = await import(${module('harness/src/engine/abandoned-builders.ts')});
    const { runBuildkitScript } = await import(${module('harness/src/engine/buildkit-script.ts')});
    await runBuildkitScript('start', { name: pidNamedBuilder(${JSON.stringify(builders.prefix)}), registryPort: ${await freePort()} });
    console.log('started');
    setInterval(() => {}, 60_000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.add(pidNamedBuilder(builders.prefix, child.pid));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const exited = once(child, 'exit');
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
  killers.add(kill);
  const ready = await Promise.race([
    new Promise<boolean>((resolve) => child.stdout.on('data', () => output.includes('started\n') && resolve(true))),
    exited.then(() => false),
  ]);
  if (!ready) throw new Error(`the node process that starts a builder ended before it had started one: ${output.trim()}`);
  return { pid: child.pid!, kill };
}

interface Daemons {
  buildkitd: number;
  registry: number;
}

/** The pids of a builder's daemons, from its run dir (read before the sweep deletes it). */
async function daemonsOf(name: string): Promise<Daemons> {
  const pid = async (daemon: string) => Number(await readFile(`${buildkitRunDir(name)}/${daemon}.pid`, 'utf8'));
  const daemons = { buildkitd: await pid('buildkitd'), registry: await pid('registry') };
  daemonPids.add(daemons.buildkitd).add(daemons.registry);
  return daemons;
}

/** What is left of a builder, in words, so a failing comparison says which part the sweep missed. */
async function stateOf(name: string, daemons: Daemons) {
  const listed = (await run('docker', ['buildx', 'ls', '--format', '{{.Name}}'])).stdout.split('\n').includes(name);
  const daemon = (pid: number) => (processIsAlive(pid) ? `running (pid ${pid})` : 'ended');
  return {
    buildkitd: daemon(daemons.buildkitd),
    registry: daemon(daemons.registry),
    'docker buildx ls': listed ? `lists ${name}` : `does not list ${name}`,
    'run dir': existsSync(buildkitRunDir(name)) ? `${buildkitRunDir(name)} is there` : 'deleted',
  };
}

const gone = (name: string) => ({ buildkitd: 'ended', registry: 'ended', 'docker buildx ls': `does not list ${name}`, 'run dir': 'deleted' });
const running = (name: string, daemons: Daemons) => ({
  buildkitd: `running (pid ${daemons.buildkitd})`,
  registry: `running (pid ${daemons.registry})`,
  'docker buildx ls': `lists ${name}`,
  'run dir': `${buildkitRunDir(name)} is there`,
});

const title = 'the sweep of builders abandoned by killed runs';

// Where remote-builder.test.ts runs (its app among LAB_APPS): the sweep is that file's, and
// buildkitd comes out of an image forged for it (3.5 min where it is not there yet).
if (!catalogue().some((e) => e.name === remoteBuilderApp))
  describe(title, () => {
    it('runs where remote-builder.test.ts does', (context) =>
      context.skip(`LAB_APPS leaves out ${remoteBuilderApp}, the app remote-builder.test.ts builds on the builders this sweep is for`));
  });
else
  describe(title, () => {
    beforeAll(async () => {
      // Present after pnpm test's forge; forged here when this file runs alone.
      await ensureBases({ refs: [buildkitImage] });
    });

    afterAll(async () => {
      for (const kill of killers) await kill();
      const failed = await Promise.allSettled([...started].map((name) => runBuildkitScript('stop', { name })));
      // A sweep that deleted a run dir but left a daemon going leaves no pid file for the script to stop it by.
      for (const pid of daemonPids) if (processIsAlive(pid)) process.kill(pid, 'SIGKILL');
      for (const result of failed) if (result.status === 'rejected') throw result.reason;
    });

    it('stops the builder of a run that has exited and leaves the builder of a run still going', async () => {
      const pid = await exitedPid();
      const abandoned = pidNamedBuilder(builders.prefix, pid);
      const alive = pidNamedBuilder(builders.prefix);
      await startBuilder(abandoned);
      await startBuilder(alive);
      const daemons = await daemonsOf(abandoned);
      const aliveDaemons = await daemonsOf(alive);
      expect(await stateOf(abandoned, daemons), `${abandoned} before the sweep`).toEqual(running(abandoned, daemons));
      expect(processIsAlive(pid), `pid ${pid} (the exited run) is running again: reused`).toBe(false);

      await stopAbandonedBuilders(builders);

      expect(await stateOf(abandoned, daemons), `${abandoned} after the sweep (pid ${pid} has exited)`).toEqual(gone(abandoned));
      expect(await stateOf(alive, aliveDaemons), `${alive} after the sweep (pid ${process.pid} is this run's)`).toEqual(running(alive, aliveDaemons));
    });

    it('stops the builder of a run killed with SIGKILL right after it started it', async () => {
      const killed = await startBuilderThenWait();
      const abandoned = pidNamedBuilder(builders.prefix, killed.pid);
      const daemons = await daemonsOf(abandoned);
      await killed.kill();
      // A SIGKILL ends the node process alone: the daemons it started go on, reparented.
      expect(await stateOf(abandoned, daemons), `${abandoned} after its run was killed, before the sweep`).toEqual(running(abandoned, daemons));

      await stopAbandonedBuilders(builders);

      expect(await stateOf(abandoned, daemons), `${abandoned} after the sweep (its run, pid ${killed.pid}, was killed)`).toEqual(gone(abandoned));
    });
  });
