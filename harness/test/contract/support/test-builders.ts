// The BuildKit builders contract tests start with scripts/buildkit are named <prefix><pid of the
// test's process>: a run killed before its afterAll leaves one whose pid is gone, and the next run
// stops it (stopAbandonedBuilders, src/engine/abandoned-builders.ts). lab-remote, the builder a
// user starts, matches no prefix; the builder of a run still going is left alone.
import type { PidNamedBuilders } from '../../../src/engine/abandoned-builders.ts';

/** remote-builder.test.ts's builder. */
export const remoteTestBuilders: PidNamedBuilders = { prefix: 'lab-remote-test-' };

/**
 * abandoned-builders.test.ts's, a prefix of their own: contract files run two at a time, and
 * remote-builder.test.ts's sweep would otherwise stop the builders that test abandons on purpose
 * before its own sweep does.
 */
export const sweepTestBuilders: PidNamedBuilders = { prefix: 'lab-sweep-test-' };

/** The app remote-builder.test.ts builds on its builder: that file, and the sweep's test, run where LAB_APPS selects it. */
export const remoteBuilderApp = 'go-api';
