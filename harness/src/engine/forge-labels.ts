// The labels the forge puts on every image it makes: read by the forge (is this a current
// stand-in?), by the report (forged or pulled?) and by the clean-up (which tags are forged bases?).

/** Provenance labels every forged image carries (set by the forge, not by each recipe). */
export const LABELS = {
  standIn: 'lab.forge.stand-in',
  recipe: 'lab.forge.recipe',
  recipeHash: 'lab.forge.recipe-hash',
  tags: 'lab.forge.tags',
  upstreamPrefix: 'lab.forge.upstream.',
} as const;
