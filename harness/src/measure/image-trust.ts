// What a production image trusts: every certificate in its trust stores (read from its layers),
// compared with Debian's list, and, where the catalogue names its runtime, a TLS probe run
// inside it. Failures become facts, not exceptions, as for the other measurements.
import type { AppEntry } from '../catalogue/types.ts';
import type { ImageFacts } from '../inspect/image.ts';
import { readImageFiles } from '../inspect/file-contents.ts';
import type { ExtraCertificate, TlsFacts, TrustFacts, TrustStoreFacts } from '../trust/trust-facts.ts';
import { probeTls } from '../trust/probe.ts';
import { debianCaReference } from '../trust/reference.ts';
import { readStore, trustStorePredicate } from '../trust/stores.ts';

export async function measureTrust(image: ImageFacts): Promise<TrustFacts> {
  try {
    const wanted = trustStorePredicate(image.files, image.config.env);
    // Nothing in a trust location: the image trusts nothing, and nothing needs reading.
    if (!image.files.some((f) => wanted(f.path))) return { stores: [], certificates: 0, extra: [] };
    const stores: TrustStoreFacts[] = [];
    const found: ExtraCertificate[] = [];
    for (const file of await readImageFiles(image.id, wanted)) {
      if (!file.content) {
        stores.push({ path: file.path, layer: file.layer, certificates: 0, unparsed: [], unreadable: 'a hard link whose target was not read' });
        continue;
      }
      const contents = readStore(file.path, file.content);
      if (!contents.certificates.length && !contents.unparsed.length && !contents.unreadable) continue;
      stores.push({
        path: file.path,
        layer: file.layer,
        certificates: contents.certificates.length,
        unparsed: contents.unparsed,
        ...(contents.unreadable ? { unreadable: contents.unreadable } : {}),
      });
      for (const cert of contents.certificates) found.push({ ...cert, path: file.path, layer: file.layer });
    }
    if (stores.length === 0) return { stores, certificates: 0, extra: [] };
    const reference = await debianCaReference();
    const { byFingerprint: _b, pem: _p, ...referenceFacts } = reference;
    // One entry per certificate and file: the same extra root in two files is blamed twice.
    const extra = found.filter(
      (c, i) => !reference.byFingerprint.has(c.fingerprint256) && found.findIndex((o) => o.fingerprint256 === c.fingerprint256 && o.path === c.path) === i,
    );
    return { reference: referenceFacts, stores, certificates: new Set(found.map((c) => c.fingerprint256)).size, extra };
  } catch (error) {
    return { error: (error as Error).message, stores: [], certificates: 0, extra: [] };
  }
}

export async function measureTls(entry: AppEntry, tag: string): Promise<TlsFacts | undefined> {
  return entry.tls ? probeTls(tag, entry.tls) : undefined;
}
