// Java keystores in the JKS format (what Debian's ca-certificates-java writes for cacerts): the
// trusted certificates in it, parsed as the PEM bundles are, so a JVM's trust is checked like any
// other. The format: magic 0xFEEDFEED, version, entry count, then per entry a tag (1 private key,
// 2 trusted certificate), an alias, a timestamp and the DER bytes (with a type name in version 2),
// and a SHA-1 digest at the end (a password check, not needed to read trusted certificates).
// PKCS#12 keystores (the JDK's own default) are not read here.
import { X509Certificate } from 'node:crypto';
import { describeCertificate, type Certificate, type Unparsed } from './certificates.ts';

const JKS_MAGIC = 0xfeedfeed;

/** The certificates of a JKS keystore, or undefined when the bytes are not one. */
export function readJks(content: Buffer): { certificates: Certificate[]; unparsed: Unparsed[] } | undefined {
  if (content.length < 12 || content.readUInt32BE(0) !== JKS_MAGIC) return undefined;
  const version = content.readUInt32BE(4);
  const count = content.readUInt32BE(8);
  let offset = 12;
  const u32 = () => {
    const value = content.readUInt32BE(offset);
    offset += 4;
    return value;
  };
  const utf = () => {
    const length = content.readUInt16BE(offset);
    offset += 2 + length;
  };
  const certificate = (): Buffer => {
    if (version === 2) utf(); // the certificate type, "X.509"
    const length = u32();
    const der = content.subarray(offset, offset + length);
    offset += length;
    return der;
  };
  const certificates: Certificate[] = [];
  const unparsed: Unparsed[] = [];
  for (let index = 0; index < count; index++) {
    const tag = u32();
    utf(); // alias
    offset += 8; // creation time
    if (tag === 2) {
      try {
        certificates.push(describeCertificate(new X509Certificate(certificate())));
      } catch (error) {
        unparsed.push({ index, reason: (error as Error).message });
      }
    } else if (tag === 1) {
      offset += u32(); // the protected private key
      const chain = u32();
      for (let i = 0; i < chain; i++) certificate();
      unparsed.push({ index, reason: 'a private key entry, which a trust store should not hold' });
    } else {
      unparsed.push({ index, reason: `an entry of unknown tag ${tag}; the rest of the keystore is not read` });
      break;
    }
  }
  return { certificates, unparsed };
}
