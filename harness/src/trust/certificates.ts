// Certificates as the trust checks compare them: parsed with Node's crypto.X509Certificate and
// known by the SHA-256 of their DER bytes, so the same certificate counts once whether it
// appears in one bundle or in several, with or without comments and blank lines around it.
import { X509Certificate } from 'node:crypto';

export interface Certificate {
  /** SHA-256 of the DER encoding, colon-separated hex (X509Certificate.fingerprint256). */
  fingerprint256: string;
  /** The subject on one line: "CN=TrustCor RootCert CA-1, OU=TrustCor Certificate Authority, O=..., C=PA". */
  subject: string;
  /** The issuer, the same way. */
  issuer: string;
}

/** A PEM block that claims to be a certificate but does not parse as one. */
export interface Unparsed {
  index: number;
  reason: string;
}

const pemBlock = /-----BEGIN ((?:TRUSTED )?CERTIFICATE)-----([\s\S]*?)-----END \1-----/g;

/** X509Certificate's multi-line name ("C=US\nO=...\nCN=...") as one line, most specific first. */
export function oneLineName(name: string): string {
  return name.split('\n').filter(Boolean).reverse().join(', ');
}

export function describeCertificate(cert: X509Certificate): Certificate {
  return { fingerprint256: cert.fingerprint256, subject: oneLineName(cert.subject), issuer: oneLineName(cert.issuer) };
}

/**
 * Every certificate of a PEM file (a bundle, or one .crt/.pem). OpenSSL's "TRUSTED CERTIFICATE"
 * blocks carry trust settings after the certificate; X509Certificate cannot read them, so they
 * are reported unparsed rather than skipped.
 */
export function parsePemCertificates(text: string): { certificates: Certificate[]; unparsed: Unparsed[] } {
  const certificates: Certificate[] = [];
  const unparsed: Unparsed[] = [];
  let index = 0;
  for (const match of text.matchAll(pemBlock)) {
    const [block, kind] = match;
    try {
      if (kind !== 'CERTIFICATE') throw new Error(`a ${kind} block (OpenSSL trust settings), which this check cannot read`);
      certificates.push(describeCertificate(new X509Certificate(block)));
    } catch (error) {
      unparsed.push({ index, reason: (error as Error).message });
    }
    index++;
  }
  return { certificates, unparsed };
}

/** Whether a file's bytes look like PEM text holding at least one certificate block. */
export function holdsPemCertificates(content: Buffer): boolean {
  return content.includes('-----BEGIN CERTIFICATE-----') || content.includes('-----BEGIN TRUSTED CERTIFICATE-----');
}
