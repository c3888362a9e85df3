// The package sources recipes download from come from this machine's configuration.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aptMirrors, firstProxy, readHostConfig } from '../../src/forge/host.ts';
import { testFolder } from '../support/temp-folder.ts';

describe('host configuration', () => {
  it('takes the first proxy URL of GOPROXY', () => {
    expect(firstProxy('https://proxy.golang.org,direct')).toBe('https://proxy.golang.org');
    expect(firstProxy('direct')).toBeNull();
    expect(firstProxy('off|https://goproxy.internal/')).toBe('https://goproxy.internal');
  });

  it('reads the Debian and security mirrors from deb822 and one-line sources, skipping other repositories', async () => {
    const root = await testFolder('forge-apt-');
    await mkdir(join(root, 'sources.list.d'));
    await writeFile(join(root, 'sources.list.d', 'nodesource.list'), 'deb https://deb.nodesource.example/node_20.x nodistro main\n');
    await writeFile(
      join(root, 'sources.list.d', 'debian.sources'),
      [
        'Types: deb',
        'URIs: http://mirror.internal/debian',
        'Suites: trixie trixie-updates',
        'Components: main',
        '',
        'Types: deb',
        'URIs: http://mirror.internal/debian-security',
        'Suites: trixie-security',
        'Components: main',
        '',
      ].join('\n'),
    );
    expect(aptMirrors(root)).toEqual({ mirror: 'http://mirror.internal/debian', security: 'http://mirror.internal/debian-security' });

    const old = await testFolder('forge-apt-');
    await writeFile(
      join(old, 'sources.list'),
      '# comment\ndeb [arch=amd64] http://ftp.example/debian bookworm main\ndeb http://security.example/debian-security bookworm-security main\n',
    );
    expect(aptMirrors(old)).toEqual({ mirror: 'http://ftp.example/debian', security: 'http://security.example/debian-security' });
  });

  it('lets FORGE_* variables override everything, for a mirror the host does not use', async () => {
    const ca = join(await testFolder('forge-ca-'), 'ca.pem');
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n');
    const host = readHostConfig('/nonexistent', {
      FORGE_NPM_REGISTRY: 'https://npm.internal/repository/npm',
      FORGE_GOPROXY: 'https://go.internal,direct',
      FORGE_DEBIAN_MIRROR: 'http://apt.internal/debian/',
      FORGE_PYPI_INDEX: 'https://pypi.internal/simple',
      FORGE_MAVEN_REPOSITORY: 'https://maven.internal/releases/',
      FORGE_CA_BUNDLE: ca,
    });
    expect(host.npmRegistry).toBe('https://npm.internal/repository/npm/');
    expect(host.goproxy).toBe('https://go.internal');
    expect(host.debianMirror).toBe('http://apt.internal/debian');
    expect(host.pypiIndex).toBe('https://pypi.internal/simple');
    expect(host.mavenRepository).toBe('https://maven.internal/releases');
    expect(host.caBundlePath).toBe(ca);
    expect(host.caBundleSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(host.sources.npmRegistry).toBe('FORGE_NPM_REGISTRY');
  });

  it('fails with a hint when the CA bundle is missing', () => {
    expect(() => readHostConfig('/nonexistent', { FORGE_CA_BUNDLE: '/nonexistent/ca.pem' })).toThrowError(/FORGE_CA_BUNDLE/);
  });
});
