// A file whose subject is the engine's own builder (its cache mounts, a restart of the engine
// mid-build, the classic store's sizes, a cancelled build on the engine) builds there, whatever
// LAB_BUILDER names: a named builder keeps its cache and runs its builds elsewhere and only loads
// the images into the engine (LAB_BUILDER=lab-remote pnpm test failed clean, engine-faults,
// build-cache-export, image-store and a harness-behaviour test so).
import { vi } from 'vitest';

/** This file's builds on the engine's own builder until vi.unstubAllEnvs(). */
export function buildOnEnginesOwnBuilder(): void {
  for (const name of ['LAB_BUILDER', 'BUILDX_BUILDER', 'LAB_BUILDER_MIRROR']) vi.stubEnv(name, '');
}
