// tls: where the entry names the image's runtime, that runtime verifies TLS from inside the image
// with the image's CA bundle (the probe of trust/probes/<runtime>/, run by measure/image-trust.ts).
import type { TlsFacts } from '../trust/trust-facts.ts';
import { plural } from '../format.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

/**
 * How the production image's own runtime makes TLS connections, so the harness can check from
 * inside the image that it verifies a public chain with the image's CA bundle (and a live
 * handshake, where the network allows). The harness adds the probe for that runtime
 * (harness/src/trust/probes/<runtime>/) to a copy of the image and runs it there.
 */
export interface TlsProbe {
  /** `node`/`python`: the probe script, run by the image's interpreter. `go`: a static probe built with the Go image the apps use. */
  runtime: 'node' | 'go' | 'python';
  /** The runtime's executable in the image, for interpreted runtimes (e.g. "/usr/local/bin/node"). */
  executable?: string;
}

declare module '../catalogue/types.ts' {
  interface AppEntry {
    /** Present where the image has a runtime that calls HTTPS services (see TlsProbe). */
    tls?: TlsProbe;
  }
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
  return verdict(
    bundleOk && offlineOk && liveOk,
    expected,
    found,
    bundleOk
      ? undefined
      : "no CA bundle where the runtime looks: copy Debian's into the production stage (e.g. COPY --from=gcr.io/distroless/static-debian13 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/)",
  );
}

export const tls: ContractModule = {
  kind: 'contract',
  id: 'tls',
  fixtures: ['tls-no-bundle'],
  checks: (entry) =>
    entry.tls ? [{ id: 'tls', title: `its ${entry.tls.runtime} runtime verifies TLS with the image's CA bundle`, evaluate: (f) => checkTls(f.tls) }] : [],
};
