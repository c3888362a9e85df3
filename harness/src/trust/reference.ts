// The reference list of what a production image may trust: Debian's ca-certificates, as the
// forge generates it from the package (dockerfiles/bases/debian-ca-certificates/), with the
// package version it came from. Made present like any base image (present, or forged; it is
// never on a registry), read from its layers, and kept for the rest of the process.
import { docker } from '../engine/docker.ts';
import { ensureBases, LABELS } from '../forge/index.ts';
import { readImageFiles } from '../inspect/file-contents.ts';
import { parsePemCertificates, type Certificate } from './certificates.ts';
import type { ReferenceFacts } from './trust-facts.ts';

/** The forged image holding Debian 13's CA bundle (the release every runtime base here is on). */
export const DEBIAN_CA_REFERENCE = 'lab-forge/debian-ca-certificates:trixie';

const bundlePath = '/etc/ssl/certs/ca-certificates.crt';
const statusPath = '/var/lib/dpkg/status.d/ca-certificates';

export interface TrustReference extends ReferenceFacts {
  byFingerprint: Map<string, Certificate>;
  /** The certificates' PEM text, to test what issued a presented chain. */
  pem: string;
}

let loaded: Promise<TrustReference> | undefined;

export function debianCaReference(): Promise<TrustReference> {
  loaded ??= load();
  loaded.catch(() => {
    loaded = undefined; // a failure is reported once, and tried again next time
  });
  return loaded;
}

async function load(): Promise<TrustReference> {
  // Quiet unless it has something to make: the contract's set-up has usually made it already.
  const lines: string[] = [];
  const statuses = await ensureBases({ refs: [DEBIAN_CA_REFERENCE], log: (line) => lines.push(line) }).catch((error: Error) => {
    throw new Error(`the reference list ${DEBIAN_CA_REFERENCE} could not be made present:\n${lines.join('\n')}\n${error.message}`);
  });
  if (statuses.some((s) => s.origin !== 'present')) process.stderr.write(`${lines.join('\n')}\n`);

  const files = await readImageFiles(DEBIAN_CA_REFERENCE, (path) => path === bundlePath || path === statusPath);
  const bundle = files.find((f) => f.path === bundlePath)?.content?.toString('latin1');
  const status = files.find((f) => f.path === statusPath)?.content?.toString('utf8');
  if (!bundle || !status) throw new Error(`${DEBIAN_CA_REFERENCE} lacks ${bundle ? statusPath : bundlePath}`);
  const { certificates, unparsed } = parsePemCertificates(bundle);
  if (unparsed.length || certificates.length === 0)
    throw new Error(`${DEBIAN_CA_REFERENCE}: ${bundlePath} holds ${certificates.length} certificates and ${unparsed.length} unreadable blocks`);

  const labels = (await docker().getImage(DEBIAN_CA_REFERENCE).inspect()).Config?.Labels ?? {};
  const [number, codename] = (labels[`${LABELS.upstreamPrefix}debian`] ?? '13-trixie').split('-');
  return {
    image: DEBIAN_CA_REFERENCE,
    release: `Debian ${number} (${codename})`,
    version: /^Version:\s*(\S+)/m.exec(status)?.[1] ?? 'unknown',
    certificates: certificates.length,
    byFingerprint: new Map(certificates.map((c) => [c.fingerprint256, c])),
    pem: bundle,
  };
}
