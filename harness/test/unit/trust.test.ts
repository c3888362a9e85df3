import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/verdict.ts';
import { checkTls } from '../../src/checks/tls.ts';
import { checkTrustedCertificates } from '../../src/checks/trust.ts';
import type { ImageFacts } from '../../src/inspect/image.ts';
import { fromRepo } from '../../src/paths.ts';
import { parsePemCertificates } from '../../src/trust/certificates.ts';
import type { TlsFacts, TrustFacts } from '../../src/trust/trust-facts.ts';
import { anchorOf } from '../../src/trust/probe.ts';
import type { TrustReference } from '../../src/trust/reference.ts';
import { readStore, trustStorePredicate } from '../../src/trust/stores.ts';

const chainText = readFileSync(fromRepo('harness/src/trust/probes/public-chain.pem'), 'latin1');
const [leafPem, intermediatePem] = chainText.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)!;

function reference(pems: string[]): TrustReference {
  const { certificates } = parsePemCertificates(pems.join('\n'));
  return {
    image: 'ref',
    release: 'Debian 13 (trixie)',
    version: '20250419',
    certificates: certificates.length,
    byFingerprint: new Map(certificates.map((c) => [c.fingerprint256, c])),
    pem: pems.join('\n'),
  };
}

const image = {
  layers: [
    { index: 0, instruction: 'COPY /out/static/ / # buildkit', uncompressedBytes: 1, compressedBytes: 1, files: 1 },
    { index: 1, instruction: 'COPY host-ca.crt /etc/ssl/certs/ca-certificates.crt', uncompressedBytes: 1, compressedBytes: 1, files: 1 },
  ],
} as ImageFacts;

/** A JKS keystore (version 2) holding these certificates as trusted entries, as keytool writes it. */
function jksOf(pems: string[]): Buffer {
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const utf = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const b = Buffer.alloc(2);
    b.writeUInt16BE(bytes.length);
    return Buffer.concat([b, bytes]);
  };
  const entries = pems.map((pem, i) => {
    const der = new X509Certificate(pem).raw;
    return Buffer.concat([u32(2), utf(`debian:cert-${i}.crt`), Buffer.alloc(8), utf('X.509'), u32(der.length), der]);
  });
  return Buffer.concat([u32(0xfeedfeed), u32(2), u32(pems.length), ...entries, Buffer.alloc(20)]);
}

describe('certificates', () => {
  it('parses every certificate of a PEM bundle, one line per subject, known by SHA-256', () => {
    const { certificates, unparsed } = parsePemCertificates(chainText);
    expect(unparsed).toEqual([]);
    expect(certificates.map((c) => c.subject)).toEqual(['CN=www.google.com', 'CN=GTS CA 1C3, O=Google Trust Services LLC, C=US']);
    expect(certificates[1]!.issuer).toBe('CN=GTS Root R1, O=Google Trust Services LLC, C=US');
    expect(certificates[0]!.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('reports blocks it cannot read instead of skipping them', () => {
    const { certificates, unparsed } = parsePemCertificates(
      `${leafPem}\n-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n-----BEGIN TRUSTED CERTIFICATE-----\nAA==\n-----END TRUSTED CERTIFICATE-----\n`,
    );
    expect(certificates).toHaveLength(1);
    expect(unparsed.map((u) => u.index)).toEqual([1, 2]);
    expect(unparsed[1]!.reason).toContain('OpenSSL trust settings');
  });
});

describe('trust stores', () => {
  const file = (path: string, extra: object = {}) => ({ path, type: 'file' as const, size: 1, mode: 0o644, layer: 0, ...extra });

  it('reads the trust folders, what the environment names, and Java keystores; not certificates a package ships as test data', () => {
    const wanted = trustStorePredicate([file('/certs/corp-link', { type: 'symlink', linkname: 'corp.pem' })], {
      NODE_EXTRA_CA_CERTS: '/app/corp.pem',
      SSL_CERT_FILE: '/certs/corp-link',
    });
    expect(
      [
        '/etc/ssl/certs/ca-certificates.crt',
        '/usr/local/share/ca-certificates/x.crt',
        '/app/corp.pem',
        '/certs/corp.pem',
        '/opt/java/lib/security/cacerts',
      ].filter((p) => !wanted(p)),
    ).toEqual([]);
    // Debian's ca-certificates-java keeps its settings (shell text) in /etc/default/cacerts: no keystore.
    expect(wanted('/etc/default/cacerts')).toBe(false);
    expect(wanted('/etc/ssl/certs/java/cacerts')).toBe(true);
    expect(['/app/node_modules/some-package/test/fixtures/server.pem', '/usr/bin/node', '/etc/passwd'].filter(wanted)).toEqual([]);
  });

  it("reads the trusted certificates of a JKS keystore (Debian's cacerts), and counts other keystores as unreadable", () => {
    const jks = jksOf([leafPem!, intermediatePem!]);
    const read = readStore('/opt/java/openjdk/lib/security/cacerts', jks);
    expect(read.unreadable).toBeUndefined();
    expect(read.certificates.map((c) => c.subject)).toEqual(['CN=www.google.com', 'CN=GTS CA 1C3, O=Google Trust Services LLC, C=US']);
    expect(readStore('/etc/ssl/certs/java/cacerts', Buffer.from([0xfe, 0xed])).unreadable).toContain('Java keystore');
    expect(readStore('/etc/ssl/openssl.cnf', Buffer.from('[openssl_init]\n')).certificates).toEqual([]);
    // ca-certificates-java's settings file, named like a keystore, is text: not a keystore
    expect(readStore('/etc/default/cacerts', Buffer.from('cacerts_updates=yes\n'))).toEqual({ certificates: [], unparsed: [] });
  });
});

describe("the check that an image trusts only Debian's list", () => {
  const [leaf, intermediate] = parsePemCertificates(chainText).certificates;
  const refFacts = { image: 'ref', release: 'Debian 13 (trixie)', version: '20250419', certificates: 150 };

  it('passes an image without any certificate, and one whose certificates are all in the list', () => {
    expect(checkTrustedCertificates(image, { stores: [], certificates: 0, extra: [] }).found).toBe('no CA certificates at all (the image trusts nothing)');
    const debianOnly: TrustFacts = {
      reference: refFacts,
      stores: [{ path: '/etc/ssl/certs/ca-certificates.crt', layer: 0, certificates: 150, unparsed: [] }],
      certificates: 150,
      extra: [],
    };
    const verdict = checkTrustedCertificates(image, debianOnly);
    expect(verdict.ok).toBe(true);
    expect(verdict.found).toBe("150 certificates, all in Debian's list: /etc/ssl/certs/ca-certificates.crt (150)");
  });

  it('fails naming each extra certificate and the layer, with its instruction, that added it', () => {
    const hostBundle: TrustFacts = {
      reference: refFacts,
      stores: [{ path: '/etc/ssl/certs/ca-certificates.crt', layer: 1, certificates: 152, unparsed: [] }],
      certificates: 152,
      extra: [leaf!, intermediate!].map((c) => ({ ...c, path: '/etc/ssl/certs/ca-certificates.crt', layer: 1 })),
    };
    const verdict = checkTrustedCertificates(image, hostBundle);
    expect(verdict.ok).toBe(false);
    expect(describeFailure('fixture', { id: 'trust', title: "trusts only Debian's CA list", ...verdict })).toBe(
      [
        "fixture: trusts only Debian's CA list",
        "  expected: only certificates of Debian 13 (trixie)'s ca-certificates 20250419 (150) in the image's trust stores",
        "  found:    2 of 152 certificates not in Debian's list: CN=www.google.com; CN=GTS CA 1C3, O=Google Trust Services LLC, C=US",
        '  why:      layer 1: COPY host-ca.crt /etc/ssl/certs/ca-certificates.crt',
        "              /etc/ssl/certs/ca-certificates.crt: 2 certificates not in Debian's list:",
        '                CN=www.google.com',
        '                CN=GTS CA 1C3, O=Google Trust Services LLC, C=US',
      ].join('\n'),
    );
  });

  it('fails on trust material it cannot read', () => {
    const keystore: TrustFacts = {
      reference: refFacts,
      stores: [{ path: '/opt/java/lib/security/cacerts', layer: 0, certificates: 0, unparsed: [], unreadable: 'a Java keystore' }],
      certificates: 0,
      extra: [],
    };
    const verdict = checkTrustedCertificates(image, keystore);
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toBe('/opt/java/lib/security/cacerts: a Java keystore');
  });
});

describe('the TLS check', () => {
  const measured = (live: TlsFacts['live'], bundle = 146): TlsFacts => ({
    runtime: 'go1.26.11',
    bundle: { source: '/etc/ssl/certs/ca-certificates.crt', certificates: bundle },
    offline: [
      {
        store: "Go's system roots",
        ok: bundle > 0,
        detail: bundle > 0 ? 'www.google.com <- GTS CA 1C3 <- GTS Root R1' : 'x509: certificate signed by unknown authority',
      },
    ],
    live,
    chain: 'www.google.com <- GTS CA 1C3 <- GTS Root R1, as at 2023-02-01',
  });

  it('accepts a verified handshake, and a refusal of a chain anchored outside Debian (an intercepting proxy)', () => {
    expect(checkTls(measured({ target: 'registry:443', reachable: true, ok: true, detail: 'verified' })).ok).toBe(true);
    const intercepted = checkTls(
      measured({
        target: 'registry:443',
        reachable: true,
        ok: false,
        detail: 'x509: certificate signed by unknown authority',
        anchor: { subject: 'CN=egress-ca', in: 'other' },
      }),
    );
    expect(intercepted.ok).toBe(true);
    expect(intercepted.found).toContain('refused, as it should be: the chain presented here ends at CN=egress-ca');
  });

  it("fails a refused chain anchored in Debian's list, and an image without a bundle", () => {
    expect(
      checkTls(measured({ target: 'registry:443', reachable: true, ok: false, detail: 'expired', anchor: { subject: 'CN=GTS Root R1', in: 'debian' } })).ok,
    ).toBe(false);
    const none = checkTls(measured({ target: 'registry:443', reachable: false, ok: false, detail: 'ENOTFOUND' }, 0));
    expect(none.ok).toBe(false);
    expect(none.found).toContain('FAILED x509: certificate signed by unknown authority');
    expect(none.blame).toContain("copy Debian's into the production stage");
  });

  it("tells where a presented chain is anchored: in Debian's list, or not", () => {
    expect(anchorOf([leafPem!], reference([intermediatePem!]))).toEqual({ subject: 'CN=GTS CA 1C3, O=Google Trust Services LLC, C=US', in: 'debian' });
    expect(anchorOf([leafPem!, intermediatePem!], reference([intermediatePem!]))?.in).toBe('debian');
    expect(anchorOf([intermediatePem!], reference([leafPem!]))).toEqual({ subject: 'CN=GTS Root R1, O=Google Trust Services LLC, C=US', in: 'other' });
  });
});
