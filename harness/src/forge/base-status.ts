// What the forge did for one base image reference: what the scheduler returns and the progress
// summary prints.

export interface BaseStatus {
  ref: string;
  /** `pulled` also when the official image replaced a stand-in (see `replaced`). */
  origin: 'present' | 'pulled' | 'forged';
  recipeHash?: string;
  /** The stand-in's image id, when a pulled official image took its name. */
  replaced?: string;
  /** Time spent on this reference in this run (waiting for its parents included). */
  seconds: number;
}
