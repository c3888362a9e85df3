// The trust checks of a production image, pure functions of measured facts:
// - it trusts nothing but Debian's CA list (no CA of the machine that built it, no root Mozilla
//   has since removed), naming each extra certificate and the layer that added it;
// - its runtime verifies TLS with the image's bundle, from inside the image.
import type { ImageFacts } from '../inspect/image.ts';
import type { TlsFacts, TrustFacts } from '../trust/facts.ts';
import type { Verdict } from '../verdict.ts';

function verdict(ok: boolean, expected: string, found: string, blame?: string): Verdict {
  return { ok, expected, found, ...(blame && !ok ? { blame } : {}) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function checkTrustedCertificates(image: ImageFacts, trust: TrustFacts | undefined): Verdict {
  const reference = trust?.reference;
  const expected = reference
    ? `only certificates of ${reference.release}'s ca-certificates ${reference.version} (${reference.certificates}) in the image's trust stores`
    : "only certificates of Debian's ca-certificates list in the image's trust stores";
  if (!trust || trust.error) return verdict(false, expected, `not measured: ${trust?.error?.split('\n')[0] ?? 'no trust facts'}`, trust?.error);

  const unreadable = trust.stores.filter((s) => s.unreadable || s.unparsed.length);
  const extraDistinct = new Set(trust.extra.map((c) => c.fingerprint256)).size;
  const where = trust.stores.map((s) => `${s.path} (${s.certificates})`).join(', ');
  if (extraDistinct === 0 && unreadable.length === 0) {
    return verdict(true, expected, trust.certificates ? `${plural(trust.certificates, 'certificate')}, all in Debian's list: ${where}` : 'no CA certificates at all (the image trusts nothing)');
  }

  const subjects = [...new Map(trust.extra.map((c) => [c.fingerprint256, c.subject])).values()];
  const found = [
    ...(extraDistinct ? [`${extraDistinct} of ${plural(trust.certificates, 'certificate')} not in Debian's list: ${subjects.slice(0, 3).join('; ')}${subjects.length > 3 ? '; ...' : ''}`] : []),
    ...unreadable.map((s) => `${s.path}: ${s.unreadable ?? `${plural(s.unparsed.length, 'block')} that do not parse (${s.unparsed[0]?.reason})`}`),
  ].join('; ');

  // Grouped by the layer (and its instruction) that wrote each file, then by file.
  const blame: string[] = [];
  const layers = [...new Set([...trust.extra.map((c) => c.layer), ...unreadable.map((s) => s.layer)])].sort((a, b) => a - b);
  for (const layer of layers) {
    blame.push(`layer ${layer}: ${image.layers[layer]?.instruction || '(instruction unknown)'}`);
    const paths = [...new Set([...trust.extra.filter((c) => c.layer === layer).map((c) => c.path), ...unreadable.filter((s) => s.layer === layer).map((s) => s.path)])];
    for (const path of paths) {
      const extra = trust.extra.filter((c) => c.layer === layer && c.path === path);
      const store = unreadable.find((s) => s.path === path);
      if (extra.length) blame.push(`  ${path}: ${plural(extra.length, 'certificate')} not in Debian's list:`, ...extra.map((c) => `    ${c.subject}`));
      if (store) blame.push(`  ${path}: ${store.unreadable ?? store.unparsed.map((u) => `block ${u.index}: ${u.reason}`).join('; ')}`);
    }
  }
  return verdict(false, expected, found, blame.join('\n'));
}

export function checkTls(tls: TlsFacts | undefined): Verdict {
  const expected = `the image's runtime finds a non-empty CA bundle, verifies a public chain with it (${tls?.chain ?? 'offline'}), and a live handshake is verified or refused only for a CA outside Debian's list`;
  if (!tls || tls.error) return verdict(false, expected, `not measured: ${tls?.error?.split('\n')[0] ?? 'no probe result'}`, tls?.error);
  const bundleOk = (tls.bundle?.certificates ?? 0) > 0;
  const offline = tls.offline ?? [];
  const offlineOk = offline.length > 0 && offline.every((o) => o.ok);
  const live = tls.live;
  // Refused for a CA outside Debian's list: this machine's outgoing TLS is intercepted, and an
  // image that trusted that CA would be the failure. Unreachable: nothing to prove either way.
  const liveOk = !!live && (live.ok || !live.reachable || live.anchor?.in === 'other');
  const liveText = !live
    ? 'no live handshake'
    : live.ok
      ? `live ${live.target}: ${live.detail}`
      : !live.reachable
        ? `live ${live.target}: not reachable from here (${live.detail}); nothing to prove`
        : live.anchor?.in === 'other'
          ? `live ${live.target}: refused, as it should be: the chain presented here ends at ${live.anchor.subject}, which is not in Debian's list (this machine's outgoing TLS is intercepted by a proxy)`
          : `live ${live.target}: REFUSED a chain anchored at ${live.anchor?.subject ?? '?'}, which is in Debian's list: ${live.detail}`;
  const found = [
    `${tls.runtime}: bundle ${tls.bundle ? `${tls.bundle.source}, ${plural(tls.bundle.certificates, 'certificate')}` : 'none'}`,
    ...offline.map((o) => `${o.store}${o.certificates !== undefined ? ` (${o.certificates})` : ''}: ${o.ok ? 'verified' : 'FAILED'} ${o.detail}`),
    liveText,
  ].join('; ');
  return verdict(bundleOk && offlineOk && liveOk, expected, found, bundleOk ? undefined : 'no CA bundle where the runtime looks: copy Debian\'s into the production stage (e.g. COPY --from=gcr.io/distroless/static-debian13 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/)');
}
