// The Debian 12 set-up of scripts/engine: Debian 13's suite as an apt source, pinned so that only
// the Docker packages come from it. Written into a scratch folder (LAB_APT_ETC) instead of
// /etc/apt; apt itself cannot run in a test.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromRepo } from '../../src/paths.ts';
import { spawningTestTimeoutMs } from '../../src/limits.ts';

const debianSources = `Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`;

const expectedSource = `Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`;

const expectedPin = `Package: *
Pin: release n=trixie
Pin-Priority: 1

Package: docker.io docker-cli docker-buildx docker-compose
Pin: release n=trixie
Pin-Priority: 990
`;

let etc: string;
beforeEach(async () => {
  etc = await mkdtemp(path.join(tmpdir(), 'lab-apt-'));
  await mkdir(path.join(etc, 'sources.list.d'));
  await writeFile(path.join(etc, 'sources.list.d/debian.sources'), debianSources);
});
afterEach(() => rm(etc, { recursive: true, force: true }));

const aptTrixie = () => spawnSync('bash', [fromRepo('scripts/engine'), 'apt-trixie'], { env: { ...process.env, LAB_APT_ETC: etc }, encoding: 'utf8' });

describe('scripts/engine on Debian 12', { timeout: spawningTestTimeoutMs }, () => {
  it('adds Debian 13 from the mirror the host uses, signed by the archive keyring, and pins only the Docker packages to it', async () => {
    const first = aptTrixie();
    expect(first.status).toBe(0);
    expect(await readFile(path.join(etc, 'sources.list.d/multi-stage-lab-trixie.sources'), 'utf8')).toBe(expectedSource);
    expect(await readFile(path.join(etc, 'preferences.d/multi-stage-lab-trixie'), 'utf8')).toBe(expectedPin);
    expect(first.stderr.trim().split('\n')).toEqual([
      `engine: wrote ${etc}/sources.list.d/multi-stage-lab-trixie.sources`,
      `engine: wrote ${etc}/preferences.d/multi-stage-lab-trixie`,
    ]);
  });

  it('is idempotent: a second run writes nothing', async () => {
    aptTrixie();
    const second = aptTrixie();
    expect(second.status).toBe(0);
    expect(second.stderr).toBe('');
  });

  it('uses a trixie source set up by hand as it is (a second one would make apt warn), and still pins', async () => {
    await writeFile(path.join(etc, 'sources.list.d/lab-trixie.sources'), expectedSource);
    const result = aptTrixie();
    expect(result.status).toBe(0);
    expect(await readdir(path.join(etc, 'sources.list.d'))).toEqual(['debian.sources', 'lab-trixie.sources']);
    expect(await readFile(path.join(etc, 'preferences.d/multi-stage-lab-trixie'), 'utf8')).toBe(expectedPin);
    expect(result.stderr).toContain(`Debian 13 (trixie) is already a source (${etc}/sources.list.d/lab-trixie.sources)`);
  });

  it('takes the mirror from a one-line sources.list too', async () => {
    await rm(path.join(etc, 'sources.list.d/debian.sources'));
    await writeFile(path.join(etc, 'sources.list'), 'deb [arch=amd64] http://mirror.example/debian bookworm main\n');
    aptTrixie();
    expect(await readFile(path.join(etc, 'sources.list.d/multi-stage-lab-trixie.sources'), 'utf8')).toContain('URIs: http://mirror.example/debian\n');
  });
});
