// trust: every certificate in the production image's trust stores is in Debian's CA list (no CA
// of the machine that built it, no root Mozilla has since removed), each extra one named with the
// layer that added it; reads the trust facts (measure/image-trust.ts, trust/).
import type { ImageFacts } from '../inspect/image.ts';
import type { TrustFacts } from '../trust/trust-facts.ts';
import { plural } from '../format.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';

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
    return verdict(
      true,
      expected,
      trust.certificates
        ? `${plural(trust.certificates, 'certificate')}, all in Debian's list: ${where}`
        : 'no CA certificates at all (the image trusts nothing)',
    );
  }

  const subjects = [...new Map(trust.extra.map((c) => [c.fingerprint256, c.subject])).values()];
  const found = [
    ...(extraDistinct
      ? [
          `${extraDistinct} of ${plural(trust.certificates, 'certificate')} not in Debian's list: ${subjects.slice(0, 3).join('; ')}${subjects.length > 3 ? '; ...' : ''}`,
        ]
      : []),
    ...unreadable.map((s) => `${s.path}: ${s.unreadable ?? `${plural(s.unparsed.length, 'block')} that do not parse (${s.unparsed[0]?.reason})`}`),
  ].join('; ');

  // Grouped by the layer (and its instruction) that wrote each file, then by file.
  const blame: string[] = [];
  const layers = [...new Set([...trust.extra.map((c) => c.layer), ...unreadable.map((s) => s.layer)])].sort((a, b) => a - b);
  for (const layer of layers) {
    blame.push(`layer ${layer}: ${image.layers[layer]?.instruction || '(instruction unknown)'}`);
    const paths = [
      ...new Set([...trust.extra.filter((c) => c.layer === layer).map((c) => c.path), ...unreadable.filter((s) => s.layer === layer).map((s) => s.path)]),
    ];
    for (const path of paths) {
      const extra = trust.extra.filter((c) => c.layer === layer && c.path === path);
      const store = unreadable.find((s) => s.path === path);
      if (extra.length) blame.push(`  ${path}: ${plural(extra.length, 'certificate')} not in Debian's list:`, ...extra.map((c) => `    ${c.subject}`));
      if (store) blame.push(`  ${path}: ${store.unreadable ?? store.unparsed.map((u) => `block ${u.index}: ${u.reason}`).join('; ')}`);
    }
  }
  return verdict(false, expected, found, blame.join('\n'));
}

export const trust: ContractModule = {
  kind: 'contract',
  id: 'trust',
  fixtures: ['trusts-own-ca'],
  checks: () => [
    { id: 'trust', title: "trusts only Debian's CA list, none of the build machine's CAs", evaluate: (f) => checkTrustedCertificates(f.multi.facts, f.trust) },
  ],
};
