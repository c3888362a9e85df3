// A second Docker engine of the test's own, for what needs an engine configured otherwise than
// the shared one (whose daemon.json the harness never touches): its own data root, exec root,
// socket, pidfile and an empty daemon.json, a bridge of its own and no iptables rules (so no
// firewall of the host's is touched), the vfs storage driver (any filesystem), and the settings
// the test asks for (registry mirrors). Started as root, or through `sudo -n`; stopped and
// removed, data root, bridge and all, by stop().
//
// Not --bridge=none: a dockerd with its bridge disabled deletes the host's docker0 as it starts
// (moby's removeDefaultBridgeInterface), which leaves the shared engine unable to start any
// container or RUN step ("adding interface ... to bridge docker0 failed: Device does not
// exist") until it is restarted. The bridge here is lab2nd<pid>, on a /24 of the benchmarking
// range 198.18.0.0/15 (never routed), made before dockerd starts and deleted after it stops.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { processIsAlive } from '../../../src/process-alive.ts';

const run = promisify(execFile);

export interface SecondEngine {
  /** DOCKER_HOST for it: unix://<its socket>. */
  host: string;
  /** Its data root (where images, containers and the build cache are kept). */
  dataRoot: string;
  /** Stops dockerd (SIGTERM, as `systemctl restart docker` does) and starts it again on the same data root; resolves once it answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const dockerd = ['/usr/sbin/dockerd', '/usr/bin/dockerd', '/usr/local/bin/dockerd'].find((p) => existsSync(p));

/** Starts the engine; a string says why it could not (the caller fails with it). */
export async function startSecondEngine(options: {
  registryMirrors?: string[];
  withinMs?: number;
  /** A data root of only this many MiB (a tmpfs): a full disk. */ dataRootMiB?: number;
  /** The containerd image store (what fresh Docker 29 installs use) instead of the classic one. */ containerdStore?: boolean;
}): Promise<SecondEngine | string> {
  if (!dockerd) return 'no dockerd on this machine (scripts/bootstrap.sh installs the engine)';
  const asRoot = process.getuid?.() === 0;
  const sudo = asRoot ? [] : ['sudo', '-n'];
  const bridge = `lab2nd${process.pid}`;
  const ip = (...args: string[]) => (asRoot ? run('ip', args) : run('sudo', ['-n', 'ip', ...args]));
  await removeStaleBridges(ip);
  try {
    await ip('link', 'add', 'name', bridge, 'type', 'bridge');
    await ip('addr', 'add', `198.18.${process.pid % 256}.1/24`, 'dev', bridge);
    await ip('link', 'set', bridge, 'up');
  } catch (error) {
    await ip('link', 'delete', bridge).catch(() => undefined);
    return `could not make the second engine's bridge ${bridge}: ${(error as Error).message.trim()}`;
  }
  // A short path: a unix socket's path is limited to about 100 bytes.
  const dir = await mkdtemp(path.join(tmpdir(), 'lab-dockerd-'));
  const socket = path.join(dir, 'docker.sock');
  const dataRoot = path.join(dir, 'data');
  const sh = (...args: string[]) => (asRoot ? run(args[0]!, args.slice(1)) : run('sudo', ['-n', ...args]));
  /** Everything made for it but the process: also what a failed start leaves, so it is removed then too. */
  const removeMade = async () => {
    if (options.dataRootMiB) await sh('umount', '--lazy', dataRoot).catch(() => undefined);
    if (asRoot) await rm(dir, { recursive: true, force: true });
    else await run('sudo', ['-n', 'rm', '-rf', dir]).catch(() => undefined);
    await ip('link', 'delete', bridge).catch(() => undefined);
  };
  try {
    await writeFile(path.join(dir, 'daemon.json'), options.containerdStore ? '{"features": {"containerd-snapshotter": true}}\n' : '{}\n');
    if (options.dataRootMiB) {
      await sh('mkdir', '-p', dataRoot);
      await sh('mount', '-t', 'tmpfs', '-o', `size=${options.dataRootMiB}m`, 'lab-dockerd-data', dataRoot);
    }
  } catch (error) {
    await removeMade();
    throw error;
  }
  const args = [
    `--config-file=${path.join(dir, 'daemon.json')}`,
    `--data-root=${dataRoot}`,
    `--exec-root=${path.join(dir, 'exec')}`,
    `--pidfile=${path.join(dir, 'docker.pid')}`,
    `--host=unix://${socket}`,
    ...(asRoot ? [] : [`--group=${process.getgid?.() ?? 0}`]),
    `--bridge=${bridge}`,
    '--iptables=false',
    '--ip-masq=false',
    '--ip-forward=false',
    '--userland-proxy=false',
    // containerd's own name for the same plain-copy driver where its image store is on.
    `--storage-driver=${options.containerdStore ? 'native' : 'vfs'}`,
    '--log-level=warn',
    ...(options.registryMirrors ?? []).map((m) => `--registry-mirror=${m}`),
  ];
  const log = path.join(dir, 'dockerd.log');
  const out = openSync(log, 'a');
  const [command, ...rest] = [...sudo, dockerd, ...args];
  let child: ChildProcess;
  let exited = false;
  const launch = () => {
    exited = false;
    child = spawn(command!, rest, { stdio: ['ignore', out, out] });
    child.on('exit', () => (exited = true));
  };
  const halt = async () => {
    const pid = await readFile(path.join(dir, 'docker.pid'), 'utf8').then(
      (t) => t.trim(),
      () => String(child.pid),
    );
    if (asRoot) child.kill('SIGTERM');
    else await run('sudo', ['-n', 'kill', '-TERM', pid]).catch(() => undefined);
    const deadline = Date.now() + 30_000;
    while (!exited && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    if (!exited) {
      if (asRoot) child.kill('SIGKILL');
      else await run('sudo', ['-n', 'kill', '-KILL', pid]).catch(() => undefined);
    }
  };
  const client = new Dockerode({ socketPath: socket });
  /** Whether it answers within the time allowed. */
  const answers = async () => {
    const deadline = Date.now() + (options.withinMs ?? 60_000);
    while (Date.now() < deadline && !exited) {
      if (
        await client.version().then(
          () => true,
          () => false,
        )
      )
        return true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return false;
  };
  const said = async () => (await readFile(log, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n');
  const engine: SecondEngine = {
    host: `unix://${socket}`,
    dataRoot,
    async restart() {
      await halt();
      launch();
      if (!(await answers())) throw new Error(`the second dockerd did not answer again after its restart:\n${await said()}`);
    },
    async stop() {
      await halt();
      await removeMade();
    },
  };
  launch();
  if (await answers()) return engine;
  const lastLines = await said();
  await engine.stop();
  return `a second dockerd (${[...sudo, 'dockerd'].join(' ')}) did not answer on ${socket}${exited ? ' (it exited)' : ''}:\n${lastLines}`;
}

/** Deletes the bridges of second engines whose test process is gone (a run that was killed). */
async function removeStaleBridges(ip: (...args: string[]) => Promise<{ stdout: string }>): Promise<void> {
  const names = await readdir('/sys/class/net').catch(() => [] as string[]);
  for (const name of names) {
    const pid = /^lab2nd(\d+)$/.exec(name)?.[1];
    if (pid && !processIsAlive(Number(pid))) await ip('link', 'delete', name).catch(() => undefined);
  }
}
