// Where an image keeps the certificates it trusts: the usual trust directories of Debian, Alpine,
// Red Hat and SUSE, the files the image's environment names for its runtimes (OpenSSL, Node,
// Python's requests and pip, curl, git), and Java keystores. Pure: decided on the image's file
// list and config, so the reader fetches only these files' contents.
import { X509Certificate } from 'node:crypto';
import { readJks } from './keystore.ts';
import type { FileRecord } from '../inspect/filesystem.ts';
import { describeCertificate, holdsPemCertificates, parsePemCertificates, type Certificate, type Unparsed } from './certificates.ts';

/** Folders whose files are trust material wherever they sit below. */
export const trustDirectories = [
  '/etc/ssl',
  '/etc/pki',
  '/etc/ca-certificates',
  '/usr/share/ca-certificates',
  '/usr/local/share/ca-certificates',
  '/usr/lib/ssl',
  '/usr/local/ssl',
  '/usr/share/pki',
  '/var/lib/ca-certificates',
];

/** Environment variables that make a runtime trust a file (or, for SSL_CERT_DIR, a folder). */
export const trustVariables = [
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'NODE_EXTRA_CA_CERTS',
  'REQUESTS_CA_BUNDLE',
  'PIP_CERT',
  'CURL_CA_BUNDLE',
  'GIT_SSL_CAINFO',
  'AWS_CA_BUNDLE',
];

/**
 * Java keystores: a JDK's lib/security/cacerts (wherever the JDK is), Debian's
 * /etc/ssl/certs/java/cacerts; not /etc/default/cacerts, ca-certificates-java's settings (shell text).
 */
const javaCacerts = /^(?!\/etc\/default\/)(.*\/)?cacerts$/;
/** Keystores in a trust folder. */
const keystore = /(^|\/)cacerts$|\.(jks|p12|pfx)$/;

function under(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

/**
 * The predicate of the files to read: anything in a trust folder, anything the environment
 * names (following a symbolic link one step, as the file list records it), Java keystores.
 */
export function trustStorePredicate(files: FileRecord[], env: Record<string, string>): (path: string) => boolean {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const named = new Set<string>();
  const folders = [...trustDirectories];
  for (const variable of trustVariables) {
    const value = env[variable];
    if (!value?.startsWith('/')) continue;
    for (const path of value.split(':').filter((p) => p.startsWith('/'))) {
      const normal = path.replace(/\/+$/, '');
      if (variable === 'SSL_CERT_DIR') folders.push(normal);
      named.add(normal);
      const link = byPath.get(normal);
      if (link?.type === 'symlink' && link.linkname)
        named.add(link.linkname.startsWith('/') ? link.linkname : `${normal.slice(0, normal.lastIndexOf('/'))}/${link.linkname}`);
    }
  }
  return (path) => named.has(path) || folders.some((folder) => under(path, folder)) || javaCacerts.test(path);
}

export interface StoreContents {
  certificates: Certificate[];
  unparsed: Unparsed[];
  /** Set when the file is trust material this check cannot read (a Java keystore). */
  unreadable?: string;
}

/** Printable ASCII and whitespace only: a settings file or a PEM bundle, never a keystore. */
function isText(content: Buffer): boolean {
  return content.every((byte) => byte === 0x09 || byte === 0x0a || byte === 0x0d || (byte >= 0x20 && byte < 0x7f));
}

/** What one file of a trust location holds: PEM certificates, one DER certificate, or nothing of interest. */
export function readStore(path: string, content: Buffer): StoreContents {
  // A file named like a keystore that is text is not one: ca-certificates-java's settings are
  // /etc/default/cacerts. Binary content that is not JKS (PKCS#12 starts with a DER sequence) is.
  if (keystore.test(path) && !isText(content)) {
    return (
      readJks(content) ?? {
        certificates: [],
        unparsed: [],
        unreadable: 'a Java keystore that is not in the JKS format (PKCS#12?): this check reads JKS only, so it cannot vouch for what the image trusts',
      }
    );
  }
  if (holdsPemCertificates(content)) return parsePemCertificates(content.toString('latin1'));
  if (/\.(crt|cer|der)$/.test(path) && content[0] === 0x30) {
    try {
      return { certificates: [describeCertificate(new X509Certificate(content))], unparsed: [] };
    } catch {
      // not a DER certificate after all
    }
  }
  return { certificates: [], unparsed: [] };
}
