// Trust on real images: the reference list comes from Debian's package, the forged runtime
// bases trust it and nothing else, and an image with a CA of its own added fails the check on
// any host (the CA is generated here). (That the builders carry the host's CAs is
// forge.test.ts's; the tls check failing on an image without a bundle is checks-fail.test.ts's.)
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/verdict.ts';
import { checkTrustedCertificates } from '../../src/checks/trust.ts';
import { ensureBases } from '../../src/forge/index.ts';
import { inspectImage } from '../../src/inspect/image.ts';
import { measureTrust } from '../../src/measure/image-trust.ts';
import { debianCaReference } from '../../src/trust/reference.ts';
import { buildImage } from '../../src/engine/build.ts';
import { ownedLabels } from '../../src/engine/ownership.ts';
import { TempContext } from '../../src/measure/temp-context.ts';
import { fromRepo } from '../../src/paths.ts';

const runtimeBases = [
  ...['static', 'base', 'cc', 'nodejs24'].flatMap((name) => [`gcr.io/distroless/${name}-debian13:latest`, `gcr.io/distroless/${name}-debian13:nonroot`]),
  'python:3.13-slim-trixie',
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

describe('an image that trusts a CA of its own', () => {
  it('fails the trust check on any host, naming the CA and the layer that added it', async () => {
    // A CA no Debian release ships, whatever this machine's own bundle holds: made now, its key thrown away.
    await using context = await TempContext.copyOf(fromRepo('harness/test/fixtures/trust/own-ca'), 'own-ca');
    const subject = `multi-stage-lab test CA ${randomBytes(4).toString('hex')}`;
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-out', context.path('own-ca.crt'), '-days', '1', '-subj', `/CN=${subject}`],
      { stdio: 'pipe' },
    );
    const tag = `lab/fixture-own-ca:trust-${randomBytes(4).toString('hex')}`;
    await buildImage({ context: context.dir, dockerfile: context.path('Dockerfile'), tag, labels: ownedLabels() });
    const image = await inspectImage(tag);
    const trust = await measureTrust(image);
    const verdict = checkTrustedCertificates(image, trust);
    const message = describeFailure('fixture-own-ca', { id: 'trust', title: 'trust', ...verdict });
    process.stdout.write(`\n${message}\n`);
    expect(verdict.ok).toBe(false);
    const reference = await debianCaReference();
    expect(trust.certificates).toBe(reference.certificates + 1);
    expect(message).toContain(`found:    1 of ${reference.certificates + 1} certificates not in Debian's list: CN=${subject}`);
    expect(message).toMatch(
      /why: {6}layer \d+: COPY \/bundle\.crt \/etc\/ssl\/certs\/ca-certificates\.crt\n {14}\/etc\/ssl\/certs\/ca-certificates\.crt: 1 certificate not in Debian's list:\n {16}CN=multi-stage-lab test CA/,
    );
  });
});
