// Runs the TLS probe of an image's runtime inside a copy of the image: the probe (see probes/)
// is added on top of the production image in a temporary image, run as the image's user with
// its environment, and its one line of JSON becomes TlsFacts. The live handshake goes to the
// npm registry this machine is configured with (LAB_TLS_PROBE_URL overrides it); where the
// chain it is shown is anchored outside Debian's list, the machine's outgoing TLS is
// intercepted, and the image refusing it is the right answer, not a failure.
import { X509Certificate, randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TlsProbe } from '../catalogue/check-options.ts';
import { buildImage } from '../engine/build.ts';
import { docker } from '../engine/docker.ts';
import { ownedLabels } from '../engine/ownership.ts';
import { discoverBaseRefs, ensureBases } from '../forge/index.ts';
import { readHostConfig } from '../forge/host.ts';
import { repoRoot } from '../paths.ts';
import { runToCompletion } from '../run/container.ts';
import { oneLineName } from './certificates.ts';
import type { LiveHandshake, TlsFacts } from './trust-facts.ts';
import { debianCaReference, type TrustReference } from './reference.ts';

const probesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'probes');

/** The public chain (probes/public-chain.pem), the date it is verified at, and the name it serves. */
export const publicChain = { at: '2023-02-01T00:00:00Z', dnsName: 'www.google.com', describe: 'www.google.com <- GTS CA 1C3 <- GTS Root R1, as at 2023-02-01' };

const entrypoints: Record<TlsProbe['runtime'], (probe: TlsProbe) => string[]> = {
  node: (probe) => [probe.executable ?? 'node', '/lab-tls-probe/probe.mjs'],
  go: () => ['/lab-tls-probe/probe'],
  python: (probe) => [probe.executable ?? 'python3', '/lab-tls-probe/probe.py'],
};

function liveTarget(): { host: string; port: string } {
  const url = new URL(process.env.LAB_TLS_PROBE_URL ?? readHostConfig(repoRoot).npmRegistry);
  return { host: url.hostname, port: url.port || '443' };
}

/** Where a presented chain ends: in Debian's list (its top certificate, or what issued it), or elsewhere. */
export function anchorOf(peerChain: string[], reference: TrustReference): LiveHandshake['anchor'] {
  const last = peerChain.at(-1);
  if (!last) return undefined;
  const top = new X509Certificate(last);
  if (reference.byFingerprint.has(top.fingerprint256)) return { subject: oneLineName(top.subject), in: 'debian' };
  for (const pem of reference.pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []) {
    const ca = new X509Certificate(pem);
    if (top.checkIssued(ca) && top.verify(ca.publicKey)) return { subject: oneLineName(ca.subject), in: 'debian' };
  }
  return { subject: oneLineName(top.issuer), in: 'other' };
}

interface ProbeOutput {
  runtime: string;
  bundle: { source: string; certificates: number };
  offline: { store: string; certificates?: number; ok: boolean; detail: string }[];
  live: { target: string; reachable: boolean; ok: boolean; detail: string; peerChain?: string[] };
}

/** Builds the probe image on top of `image`, runs it, and reads what it found. */
export async function probeTls(image: string, probe: TlsProbe): Promise<TlsFacts> {
  const dockerfile = path.join(probesDir, probe.runtime, 'Dockerfile');
  const tag = `lab/tls-probe:${randomBytes(4).toString('hex')}`;
  try {
    // The probe's own build stages need their base images, like any Dockerfile here.
    const bases = (await discoverBaseRefs([dockerfile], { buildArgs: { IMAGE: image } })).map((r) => r.ref).filter((ref) => ref !== image);
    if (bases.length) await ensureBases({ refs: bases, log: () => undefined });
    await buildImage({ context: probesDir, dockerfile, tag, buildArgs: { IMAGE: image }, labels: ownedLabels(), timeoutMs: 10 * 60_000 });
    const { host, port } = liveTarget();
    const { exitCode, output } = await runToCompletion(tag, [`/lab-tls-probe/public-chain.pem`, publicChain.at, publicChain.dnsName, host, port], {
      timeoutMs: 60_000,
      entrypoint: entrypoints[probe.runtime](probe),
    });
    const line = output.split('\n').find((l) => l.startsWith('{'));
    if (exitCode !== 0 || !line) return { error: `the ${probe.runtime} probe exited ${exitCode}: ${output.trim().split('\n').slice(-5).join(' / ')}` };
    const result = JSON.parse(line) as ProbeOutput;
    const { peerChain, ...live } = result.live;
    const anchor = !live.ok && peerChain?.length ? anchorOf(peerChain, await debianCaReference()) : undefined;
    return {
      runtime: result.runtime,
      bundle: result.bundle,
      offline: result.offline,
      live: { ...live, ...(anchor ? { anchor } : {}) },
      chain: publicChain.describe,
    };
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    await docker()
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
  }
}
