// Two of the tutorial's claims can quote the same figure (python's 900 MB in the size table and
// in Example 4) and still get different verdicts, because each is read with its own rule. The
// page says why beside each: the other claim, the figures they share, and the part of each rule
// the other lacks.
import type { ClaimVerdict } from './claims-model.ts';

const figures = (text: string) => new Set((text.match(/\d+(?:\.\d+)?\s*(?:kB|MB|GB|%)/g) ?? []).map((f) => f.replace(/\s+/g, ' ')));

/** A rule's clauses, without the app's name and the parenthesised remarks both share. */
const clauses = (decidedBy: string) =>
  decidedBy
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/^[\w-]+:\s*/, '')
    .split(/[,;]\s*/)
    .map((c) => c.trim())
    .filter(Boolean);

/** For each claim whose figure another claim on the same app quotes with the opposite verdict: why they differ. */
export function disagreements(verdicts: ClaimVerdict[]): Map<string, string> {
  const notes = new Map<string, string>();
  const decided = verdicts.filter((v) => v.figure && v.verdict !== 'not checked yet');
  for (const v of decided) {
    const mine = figures(v.figure!);
    const lines: string[] = [];
    for (const w of decided) {
      if (w === v || w.verdict === v.verdict || !w.apps.some((app) => v.apps.includes(app))) continue;
      const shared = [...figures(w.figure!)].filter((f) => mine.has(f));
      if (!shared.length) continue;
      const own = clauses(v.decidedBy).filter((c) => !clauses(w.decidedBy).includes(c));
      const theirs = clauses(w.decidedBy).filter((c) => !clauses(v.decidedBy).includes(c));
      lines.push(
        `\`${w.id}\` ${w.verdict} on the same ${shared.join(', ')}: the rules differ.` +
          (own.length ? ` This claim also asks: ${own.join('; ')}.` : '') +
          (theirs.length ? ` \`${w.id}\` asks: ${theirs.join('; ')}.` : ''),
      );
    }
    if (lines.length) notes.set(v.id, lines.join(' '));
  }
  return notes;
}
