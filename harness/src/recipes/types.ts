import type { PackageCounts } from '../inspect/packages.ts';

// What the lab knows about each of the tutorial's recipes (its Dockerfiles, Compose file and
// commands, taken from its text) and what running one as written came to.

export type RecipeKind = 'dockerfile' | 'build-command' | 'image-command' | 'interactive-command' | 'compose-file' | 'compose-service';

export interface RecipeSource {
  /** The tutorial's section and example it sits under, e.g. "Example 1: Simple Node.js App". */
  section: string;
  /** Which of the section's blocks ("block 2 of 3") and, for a command, its line in the block. */
  where: string;
}

export interface BaseImage {
  ref: string;
  /** Present here: forged (a local stand-in), pulled, or on the engine with no sign of either. */
  origin: 'forged' | 'pulled' | 'unknown' | 'absent';
  id?: string;
}

export interface RecipeStop {
  /** The command had ended by itself before the stop (e.g. a REPL with no terminal). */
  exitedBeforeStop: boolean;
  exitCode: number;
  /** How long `docker stop` took. */
  ms: number;
  /** Killed (SIGKILL) at the end of the grace: SIGTERM was not acted on. */
  killed: boolean;
}

export interface RecipeMeasure {
  tag: string;
  imageId: string;
  uncompressedBytes: number;
  compressedBytes: number;
  /** OS (dpkg) and language packages in the image (inspect/packages.ts). */
  packages: PackageCounts;
  /** The image's USER ("" = root). */
  user: string;
  nonRoot: boolean;
  buildMs: number;
  /** `docker stop` of a container of it (stop.ts). */
  stop: RecipeStop;
}

export type RecipeOutcome =
  | { kind: 'measured'; measure: RecipeMeasure }
  /** The engine's own error (or warning), quoted. */
  | { kind: 'failed'; error: string }
  /** The command ran; what the engine answered, quoted (a warning is a finding too). */
  | { kind: 'ran'; output: string[] }
  | { kind: 'not-built-here'; reason: string };

export interface RecipeResult {
  id: string;
  kind: RecipeKind;
  source: RecipeSource;
  /** The Dockerfile it builds (a command's or a Compose service's: the one it was paired with). */
  dockerfile?: string;
  /** The recipe as written: the Dockerfile, the command line or the Compose file. */
  text: string;
  /** The external images the build needs, as resolved on this engine. */
  bases: BaseImage[];
  outcome: RecipeOutcome;
}
