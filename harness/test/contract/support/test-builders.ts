// The builders contract tests start with scripts/buildkit are named lab-remote-test-<pid of the
// test's process>: a run killed before its afterAll leaves one whose pid is gone, and the next run
// stops it (stopAbandonedBuilders, src/engine/abandoned-builders.ts). lab-remote, the builder a
// user starts, never matches; nor does the builder of a run still going.
import type { PidNamedBuilders } from '../../../src/engine/abandoned-builders.ts';

export const testBuilders: PidNamedBuilders = { prefix: 'lab-remote-test-' };

/** The app remote-builder.test.ts builds on such a builder: that file, and the sweep's own test, run where LAB_APPS selects it. */
export const remoteBuilderApp = 'go-api';
