// What the trust checks measured about a production image. Plain data (JSON-safe), as the rest
// of AppFacts: the checks in checks/trust.ts and checks/tls.ts are pure functions of it.
import type { Certificate, Unparsed } from './certificates.ts';

/** The list a production image may trust: Debian's ca-certificates, as a forged image holds it. */
export interface ReferenceFacts {
  image: string;
  /** e.g. "Debian 13 (trixie)". */
  release: string;
  /** The ca-certificates package version, from the image's status.d entry. */
  version: string;
  certificates: number;
}

/** One file of the image that holds certificates (or trust material the check cannot read). */
export interface TrustStoreFacts {
  path: string;
  /** The layer that last wrote it. */
  layer: number;
  certificates: number;
  unparsed: Unparsed[];
  unreadable?: string;
}

/** A certificate outside the reference list, where it is. One per certificate and file. */
export interface ExtraCertificate extends Certificate {
  path: string;
  layer: number;
}

export interface TrustFacts {
  /** Set when the image could not be read. */
  error?: string;
  /** Absent when the image holds no certificates at all (then there is nothing to compare). */
  reference?: ReferenceFacts;
  stores: TrustStoreFacts[];
  /** Distinct certificates (by SHA-256) in all the stores. */
  certificates: number;
  extra: ExtraCertificate[];
}

/** One verification of the public chain against one set of CA certificates. */
export interface OfflineVerification {
  store: string;
  certificates?: number;
  ok: boolean;
  detail: string;
}

export interface LiveHandshake {
  target: string;
  /** A TLS server answered (a refused certificate still counts as reached). */
  reachable: boolean;
  /** The runtime's default trust accepted the server's chain. */
  ok: boolean;
  detail: string;
  /**
   * Where the presented chain is anchored, decided against the reference: `debian` when its
   * top certificate is in Debian's list or issued by one in it, `other` when not (a proxy's
   * own CA: outgoing TLS is intercepted, and the image rightly refuses it).
   */
  anchor?: { subject: string; in: 'debian' | 'other' };
}

export interface TlsFacts {
  /** Set when the probe could not be built or run. */
  error?: string;
  runtime?: string;
  /** The CA bundle as the runtime reads it in the image. */
  bundle?: { source: string; certificates: number };
  offline?: OfflineVerification[];
  live?: LiveHandshake;
  /** The public chain and date the offline verification used. */
  chain?: string;
}
