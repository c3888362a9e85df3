// What this machine is configured to use for each package source, so that recipes download
// from the same registries and mirrors the host does. An air-gapped team points its npm,
// Go, pip, Maven and apt configuration at internal mirrors and the forge follows; the
// FORGE_* variables override each value. Fallbacks are each tool's own default.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface HostConfig {
  /** npm's configured registry, with a trailing slash. */
  npmRegistry: string;
  /** The first proxy URL of GOPROXY (not `direct`/`off`), without a trailing slash. */
  goproxy: string;
  /** Debian archive mirror (…/debian) and security mirror (…/debian-security). */
  debianMirror: string;
  debianSecurityMirror: string;
  /** pip's index URL (…/simple). */
  pypiIndex: string;
  /** Maven repository or mirror URL. */
  mavenRepository: string;
  /** The CA bundle every forged image trusts, and its sha256. */
  caBundlePath: string;
  caBundleSha256: string;
  /** Where each value came from, for `pnpm bases --host`. */
  sources: Record<string, string>;
}

export type HostKey = Exclude<keyof HostConfig, 'sources' | 'caBundlePath' | 'caBundleSha256'>;

export function readHostConfig(repoRoot: string, env: NodeJS.ProcessEnv = process.env): HostConfig {
  const sources: Record<string, string> = {};
  const pick = (key: string, candidates: [string | undefined | null, string][], fallback: [string, string]): string => {
    for (const [value, from] of candidates) {
      if (value && value.trim()) {
        sources[key] = from;
        return value.trim();
      }
    }
    sources[key] = fallback[1];
    return fallback[0];
  };

  const npmRegistry = withSlash(
    pick(
      'npmRegistry',
      [
        [env.FORGE_NPM_REGISTRY, 'FORGE_NPM_REGISTRY'],
        [env.npm_config_registry ?? env.NPM_CONFIG_REGISTRY, 'npm_config_registry'],
        ...npmrcCandidates(repoRoot, env),
      ],
      ['https://registry.npmjs.org/', "npm's default"],
    ),
  );

  const goproxyRaw = pick(
    'goproxy',
    [
      [env.FORGE_GOPROXY, 'FORGE_GOPROXY'],
      [env.GOPROXY, 'GOPROXY'],
      [goEnv('GOPROXY'), 'go env GOPROXY'],
    ],
    ['https://proxy.golang.org', "Go's default"],
  );
  const goproxy = firstProxy(goproxyRaw) ?? 'https://proxy.golang.org';

  const apt = aptMirrors();
  const debianMirror = withoutSlash(
    pick(
      'debianMirror',
      [
        [env.FORGE_DEBIAN_MIRROR, 'FORGE_DEBIAN_MIRROR'],
        [apt.mirror, 'apt sources'],
      ],
      ['http://deb.debian.org/debian', "Debian's default"],
    ),
  );
  const debianSecurityMirror = withoutSlash(
    pick(
      'debianSecurityMirror',
      [
        [env.FORGE_DEBIAN_SECURITY_MIRROR, 'FORGE_DEBIAN_SECURITY_MIRROR'],
        [apt.security, 'apt sources'],
        [apt.mirror ? `${withoutSlash(apt.mirror)}-security` : null, 'apt sources (mirror + -security)'],
      ],
      ['http://deb.debian.org/debian-security', "Debian's default"],
    ),
  );

  const pypiIndex = pick(
    'pypiIndex',
    [[env.FORGE_PYPI_INDEX, 'FORGE_PYPI_INDEX'], [env.PIP_INDEX_URL, 'PIP_INDEX_URL'], ...pipConfCandidates(env)],
    ['https://pypi.org/simple', "pip's default"],
  );

  const mavenRepository = withoutSlash(
    pick(
      'mavenRepository',
      [
        [env.FORGE_MAVEN_REPOSITORY, 'FORGE_MAVEN_REPOSITORY'],
        [mavenMirror(), '~/.m2/settings.xml'],
      ],
      ['https://repo.maven.apache.org/maven2', "Maven's default"],
    ),
  );

  const caBundlePath = pick(
    'caBundle',
    [
      [env.FORGE_CA_BUNDLE, 'FORGE_CA_BUNDLE'],
      [env.SSL_CERT_FILE && existsSync(env.SSL_CERT_FILE) ? env.SSL_CERT_FILE : null, 'SSL_CERT_FILE'],
    ],
    ['/etc/ssl/certs/ca-certificates.crt', 'the system bundle'],
  );
  if (!existsSync(caBundlePath)) {
    throw new Error(`forge: no CA bundle at ${caBundlePath}; set FORGE_CA_BUNDLE to the PEM bundle this machine trusts`);
  }
  const caBundleSha256 = createHash('sha256').update(readFileSync(caBundlePath)).digest('hex');

  return { npmRegistry, goproxy, debianMirror, debianSecurityMirror, pypiIndex, mavenRepository, caBundlePath, caBundleSha256, sources };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
function withoutSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** GOPROXY is a list separated by `,` or `|`; the first URL entry is the one that serves. */
export function firstProxy(goproxy: string): string | null {
  for (const entry of goproxy.split(/[,|]/)) {
    const value = entry.trim();
    if (/^https?:\/\//.test(value) || value.startsWith('file://')) return withoutSlash(value);
  }
  return null;
}

function goEnv(name: string): string | null {
  try {
    return execFileSync('go', ['env', name], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

function npmrcCandidates(repoRoot: string, env: NodeJS.ProcessEnv): [string | null, string][] {
  // npm's precedence: project, user, global.
  const files = [
    join(repoRoot, '.npmrc'),
    env.NPM_CONFIG_USERCONFIG ?? join(homedir(), '.npmrc'),
    env.NPM_CONFIG_GLOBALCONFIG ?? '/etc/npmrc',
    '/usr/etc/npmrc',
  ];
  return files.map((file) => [iniValue(file, /^\s*registry\s*=\s*(\S+)/m), file]);
}

function pipConfCandidates(env: NodeJS.ProcessEnv): [string | null, string][] {
  const files = [
    env.PIP_CONFIG_FILE,
    join(homedir(), '.config/pip/pip.conf'),
    join(homedir(), '.pip/pip.conf'),
    '/etc/pip.conf',
    '/etc/xdg/pip/pip.conf',
  ].filter((f): f is string => !!f);
  return files.map((file) => [iniValue(file, /^\s*index-url\s*=\s*(\S+)/m), file]);
}

function mavenMirror(): string | null {
  const text = readText(join(homedir(), '.m2/settings.xml'));
  const mirror = text && /<mirror>[\s\S]*?<url>\s*([^<\s]+)\s*<\/url>[\s\S]*?<\/mirror>/.exec(text);
  return mirror?.[1] ?? null;
}

function iniValue(file: string, pattern: RegExp): string | null {
  const text = readText(file);
  return text ? (pattern.exec(text)?.[1] ?? null) : null;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The first Debian archive and security URIs of the host's apt sources (deb822 or one-line). */
export function aptMirrors(root = '/etc/apt'): { mirror: string | null; security: string | null } {
  const entries: { uri: string; suites: string[] }[] = [];
  const list = readText(join(root, 'sources.list'));
  if (list) entries.push(...parseOneLine(list));
  let names: string[] = [];
  try {
    names = readdirSync(join(root, 'sources.list.d')).sort();
  } catch {
    // no sources.list.d
  }
  for (const name of names) {
    const text = readText(join(root, 'sources.list.d', name));
    if (!text) continue;
    if (name.endsWith('.sources')) entries.push(...parseDeb822(text));
    else if (name.endsWith('.list')) entries.push(...parseOneLine(text));
  }
  // Debian's archive is the entry whose path ends in /debian (or that serves plain suites);
  // third-party repositories (nodesource, cloud SDKs) have neither.
  const debian = entries.filter((e) => /\/debian\/?$/.test(e.uri) && e.suites.some((s) => !s.endsWith('-security')));
  const security = entries.filter((e) => e.suites.some((s) => s.endsWith('-security')) || /\/debian-security\/?$/.test(e.uri));
  return { mirror: debian[0]?.uri ?? null, security: security[0]?.uri ?? null };
}

export function parseDeb822(text: string): { uri: string; suites: string[] }[] {
  const out: { uri: string; suites: string[] }[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const field = (name: string): string | null => {
      const m = new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(paragraph.replace(/^#.*$/gm, ''));
      return m?.[1]?.trim() ?? null;
    };
    if (field('Enabled')?.toLowerCase() === 'no') continue;
    const types = field('Types')?.split(/\s+/) ?? [];
    const uri = field('URIs')?.split(/\s+/)[0];
    if (!types.includes('deb') || !uri) continue;
    out.push({ uri, suites: field('Suites')?.split(/\s+/) ?? [] });
  }
  return out;
}

export function parseOneLine(text: string): { uri: string; suites: string[] }[] {
  const out: { uri: string; suites: string[] }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
    if (m?.[1] && m[2]) out.push({ uri: m[1], suites: [m[2]] });
  }
  return out;
}
