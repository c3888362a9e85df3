// A verdict's context, in the words every renderer of the report uses (Markdown, the page): what
// it was measured on (whose Dockerfiles for which apps, on which base images), and how its
// findings are counted.
import type { ClaimVerdict, MeasuredOn } from './claims-model.ts';

const recipeWords: Record<MeasuredOn['recipe'], string> = { lab: "the lab's Dockerfiles", tutorial: "the tutorial's Dockerfiles as written" };

/**
 * What a verdict was measured on, in words: whose Dockerfiles for which apps, and their base
 * images (tag, origin, short id), each base named once.
 */
export function describeMeasuredOn(v: ClaimVerdict): string {
  if (!v.measuredOn?.length) return v.apps.length ? 'no measurement of its apps in this run' : "the tutorial's text alone";
  const recipes = [...new Set(v.measuredOn.map((m) => m.recipe))];
  return recipes
    .map((recipe) => {
      const builds = v.measuredOn!.filter((m) => m.recipe === recipe);
      const bases = [...new Map(builds.flatMap((m) => m.bases).map((b) => [b.ref, b])).values()];
      const base = (b: MeasuredOn['bases'][number]) => `${b.ref} (${b.origin}${b.id ? `, ${b.id.slice(0, 'sha256:'.length + 12)}` : ''})`;
      return `${recipeWords[recipe]} of ${builds.map((m) => m.app).join(', ')}${bases.length ? `, on ${bases.map(base).join(', ')}` : ''}`;
    })
    .join('; ');
}

/** "findings", or how many findings the claims that do not hold are when some share one cause. */
export function findingsWords(counts: { 'does not hold': number; findings: number }): string {
  return counts.findings === counts['does not hold']
    ? 'findings'
    : `${counts.findings} finding${counts.findings === 1 ? '' : 's'}: claims that share one cause count once`;
}
