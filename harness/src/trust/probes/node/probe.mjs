// The TLS probe for images whose runtime is Node, run by the image's own node binary, as its
// user, with its environment: which CA certificates Node trusts there, whether they verify a
// real public chain (offline, at a fixed date), and a live handshake to a package registry.
// Prints one JSON line (the shape harness/src/trust/probe.ts reads); the harness decides.
//   node probe.mjs CHAIN.pem AT DNS-NAME HOST PORT
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

const [chainFile, at, dnsName, host, port] = process.argv.slice(2);
const when = new Date(at);
const pemBlocks = (text) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
const chain = pemBlocks(readFileSync(chainFile, 'latin1')).map((pem) => new X509Certificate(pem));
const cn = (cert) => /(?:^|\n)CN=(.*)/.exec(cert.subject)?.[1] ?? cert.subject.replace(/\n/g, ', ');
const validAt = (cert) => cert.validFromDate <= when && when <= cert.validToDate;

// Node has no public path-validation call, so the chain is walked by hand: each certificate
// issued and signed by the next, the last by a CA of the set, every one valid at `when`.
function verifyChain(caPems) {
  const cas = caPems.map((pem) => new X509Certificate(pem));
  const names = [];
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i];
    names.push(cn(cert));
    if (!validAt(cert)) return { ok: false, detail: `${cn(cert)} is not valid at ${at}` };
    const issuer = chain[i + 1] ?? cas.find((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey));
    if (!issuer) return { ok: false, detail: `no trusted certificate issued ${cn(cert)} (issuer: ${cert.issuer.replace(/\n/g, ', ')})` };
    if (!cert.checkIssued(issuer) || !cert.verify(issuer.publicKey)) return { ok: false, detail: `${cn(cert)} is not signed by ${cn(issuer)}` };
    if (i === chain.length - 1) {
      if (!validAt(issuer)) return { ok: false, detail: `the root ${cn(issuer)} is not valid at ${at}` };
      names.push(cn(issuer));
    }
  }
  if (!chain[0]?.checkHost(dnsName)) return { ok: false, detail: `the leaf does not name ${dnsName}` };
  return { ok: true, detail: names.join(' <- ') };
}

// Distinct certificates: Node may read the same bundle twice (SSL_CERT_FILE and OpenSSL's default file).
const certificatesOf = (type) => [...new Set(tls.getCACertificates(type))];

function store(name, type) {
  const pems = certificatesOf(type);
  return { store: name, certificates: pems.length, ...(pems.length ? verifyChain(pems) : { ok: false, detail: 'no certificates' }) };
}

function live() {
  const target = `${host}:${port}`;
  return new Promise((resolve) => {
    const settle = (result) => {
      socket.destroy();
      resolve({ target, ...result });
    };
    // rejectUnauthorized: false completes the handshake so that a refused chain can be shown;
    // `authorized` is what Node's default (https, fetch) would have decided.
    const socket = tls.connect({ host, port: Number(port), servername: host, rejectUnauthorized: false, timeout: 10_000 }, () => {
      const presented = [];
      for (let cert = socket.getPeerCertificate(true); cert?.raw && presented.length < 10; cert = cert.issuerCertificate) {
        presented.push(new X509Certificate(cert.raw).toString());
        if (cert.issuerCertificate === cert) break;
      }
      settle({ reachable: true, ok: socket.authorized, detail: socket.authorized ? `verified (${cn(new X509Certificate(presented[0]))})` : String(socket.authorizationError), peerChain: presented });
    });
    socket.on('timeout', () => settle({ reachable: false, ok: false, detail: 'no answer within 10 s' }));
    socket.on('error', (error) => settle({ reachable: false, ok: false, detail: `${error.code ?? ''} ${error.message}`.trim() }));
  });
}

const system = certificatesOf('system');
process.stdout.write(
  `${JSON.stringify({
    runtime: `node ${process.version}`,
    bundle: { source: `tls.getCACertificates('system'), what OpenSSL reads (SSL_CERT_FILE=${process.env.SSL_CERT_FILE ?? 'unset'})`, certificates: system.length },
    offline: [store("Node's default CA list (what https and fetch use)", 'default'), store("the image's CA bundle", 'system')],
    live: await live(),
  })}\n`,
);
