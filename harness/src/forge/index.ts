// The base-image forge: every base image the Dockerfiles name, present in the local engine,
// pulled where a registry answers and forged from dockerfiles/bases/<family>/ where none does.
export { ensureBases, describeBase, listDockerfiles, LABELS, ForgeError } from './engine.ts';
export type { BaseStatus, BaseDescription, EnsureOptions } from './engine.ts';
export { discoverBaseRefs } from './discover.ts';
export type { BaseRef } from './discover.ts';
