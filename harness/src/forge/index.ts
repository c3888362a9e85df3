// The base-image forge: every base image the Dockerfiles name, present in the local engine,
// pulled where a registry answers and forged from dockerfiles/bases/<family>/ where none does.
export { ensureBases, ForgeError } from './ensure.ts';
export type { EnsureOptions } from './ensure.ts';
export type { BaseStatus } from './base-status.ts';
export { describeBase } from './provenance.ts';
export { LABELS } from '../engine/forge-labels.ts';
export type { BaseDescription } from './provenance.ts';
export { discoverBaseRefs, isProjectImage, listDockerfiles } from './discover.ts';
export type { BaseRef } from './discover.ts';
