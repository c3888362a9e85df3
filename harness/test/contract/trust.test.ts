// Trust on real images: the reference list comes from Debian's package, and the forged runtime
// bases trust it and nothing else. (That the builders carry the host's CAs is forge.test.ts's;
// the trust and tls checks failing, on an image that copies this machine's bundle into its
// final stage and on one without a bundle, are checks-fail.test.ts's scenarios.)
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/contract/checks.ts';
import { checkTrustedCertificates } from '../../src/contract/trust.ts';
import { ensureBases } from '../../src/forge/index.ts';
import { inspectImage } from '../../src/inspect/image.ts';
import { measureTrust } from '../../src/measure/trust.ts';
import { debianCaReference } from '../../src/trust/reference.ts';

const runtimeBases = [
  ...['static', 'base', 'cc', 'nodejs24'].flatMap((name) => [`gcr.io/distroless/${name}-debian13:latest`, `gcr.io/distroless/${name}-debian13:nonroot`]),
  // Debian's bundle and, made from the same list, the JVM's cacerts (a JKS keystore).
  'eclipse-temurin:25-jre',
];

beforeAll(async () => {
  await ensureBases({ refs: [...runtimeBases, 'debian:trixie-slim', 'debian:trixie'], log: (line) => process.stderr.write(`${line}\n`) });
}, 30 * 60_000);

describe("Debian's CA list, the reference", () => {
  it('comes from the ca-certificates package, with its version, one certificate per .crt', async () => {
    const reference = await debianCaReference();
    expect(reference.release).toBe('Debian 13 (trixie)');
    expect(reference.version).toMatch(/^20\d{6}/);
    expect(reference.certificates).toBeGreaterThan(100);
    expect(reference.byFingerprint.size).toBe(reference.certificates);
  });
});

describe('forged base images', () => {
  it("runtime bases trust Debian's list and nothing else; Debian's own images carry no bundle at all", async () => {
    const reference = await debianCaReference();
    for (const ref of runtimeBases) {
      const trust = await measureTrust(await inspectImage(ref));
      const verdict = checkTrustedCertificates(await inspectImage(ref), trust);
      expect(verdict.ok, describeFailure(ref, { id: 'trust', title: 'trust', ...verdict })).toBe(true);
      expect(trust.certificates, ref).toBe(reference.certificates);
    }
    for (const ref of ['debian:trixie-slim', 'debian:trixie']) expect((await measureTrust(await inspectImage(ref))).certificates, ref).toBe(0);
  });
});
