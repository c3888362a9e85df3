// The trust checks on real images: the forged runtime bases trust only Debian's list (that the
// builders carry the host's CAs is forge.test.ts's), an image that copies the build machine's bundle into its final
// stage fails naming each extra certificate and the COPY that added it, and an image without a
// bundle cannot verify TLS. The fixtures are in fixtures/<scenario>/Dockerfile.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/contract/checks.ts';
import { checkTls, checkTrustedCertificates } from '../../src/contract/trust.ts';
import { buildImage } from '../../src/engine/build.ts';
import { docker } from '../../src/engine/docker.ts';
import { ownedLabels } from '../../src/engine/ownership.ts';
import { ensureBases } from '../../src/forge/index.ts';
import { readHostConfig } from '../../src/forge/host.ts';
import { inspectImage } from '../../src/inspect/image.ts';
import { measureTrust } from '../../src/measure/trust.ts';
import { fromRepo, repoRoot } from '../../src/paths.ts';
import { parsePemCertificates } from '../../src/trust/certificates.ts';
import { probeTls } from '../../src/trust/probe.ts';
import { debianCaReference } from '../../src/trust/reference.ts';

const host = readHostConfig(repoRoot);
const fixtures = fromRepo('harness/test/contract/fixtures');

async function buildFixture(scenario: string, extraFiles: Record<string, string> = {}): Promise<string> {
  const tag = `lab/trust-fixture:${scenario}-${process.pid}`;
  const dir = path.join(fixtures, scenario);
  await buildImage({ context: dir, dockerfile: path.join(dir, 'Dockerfile'), tag, labels: ownedLabels(), extraFiles });
  return tag;
}

const runtimeBases = ['static', 'base', 'cc', 'nodejs24'].flatMap((name) => [`gcr.io/distroless/${name}-debian13:latest`, `gcr.io/distroless/${name}-debian13:nonroot`]);

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

describe('a production image that copies the build machine’s CA bundle', () => {
  it('fails the trust check, naming each certificate not in Debian’s list and the COPY that added it', async () => {
    const tag = await buildFixture('host-ca-bundle', { 'host-ca.crt': host.caBundlePath });
    const image = await inspectImage(tag);
    const trust = await measureTrust(image);
    const verdict = checkTrustedCertificates(image, trust);
    const message = describeFailure('host-ca-bundle fixture', { id: 'trust', title: "trusts only Debian's CA list, none of the build machine's CAs", ...verdict });
    process.stdout.write(`${message}\n`);

    // What the host's bundle holds beyond Debian 13's list, counted independently of the check.
    const reference = await debianCaReference();
    const hostOnly = parsePemCertificates(await readFile(host.caBundlePath, 'latin1')).certificates.filter((c) => !reference.byFingerprint.has(c.fingerprint256));
    expect(hostOnly.length, "this machine's bundle holds only Debian 13's certificates: the fixture shows nothing").toBeGreaterThan(0);
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toMatch(new RegExp(`^${new Set(hostOnly.map((c) => c.fingerprint256)).size} of \\d+ certificates not in Debian's list: `));
    expect(verdict.blame).toMatch(/^layer \d+: COPY host-ca\.crt \/etc\/ssl\/certs\/ca-certificates\.crt\n {2}\/etc\/ssl\/certs\/ca-certificates\.crt: \d+ certificates? not in Debian's list:/);
    for (const cert of hostOnly) expect(verdict.blame).toContain(`    ${cert.subject}`);
    await docker().getImage(tag).remove({ force: true });
  });
});

describe('an image without a CA bundle', () => {
  it('passes the trust check (it trusts nothing) and fails the TLS check: its runtime cannot verify a public chain', async () => {
    const tag = await buildFixture('no-ca-bundle');
    const image = await inspectImage(tag);
    expect(checkTrustedCertificates(image, await measureTrust(image)).found).toBe('no CA certificates at all (the image trusts nothing)');
    const verdict = checkTls(await probeTls(tag, { runtime: 'go' }));
    process.stdout.write(`${describeFailure('no-ca-bundle fixture', { id: 'tls', title: "its go runtime verifies TLS with the image's CA bundle", ...verdict })}\n`);
    expect(verdict.ok).toBe(false);
    expect(verdict.found).toContain('bundle no bundle in any place crypto/x509 looks, 0 certificates');
    expect(verdict.found).toContain('FAILED x509: certificate signed by unknown authority');
    await docker().getImage(tag).remove({ force: true });
  });
});
