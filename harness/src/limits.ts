// Time limits of the harness, in one place, so they stay consistent: a build is cancelled
// (on the engine too) before the test that started it times out, so no build outlives its test.
// Per-app budgets (sizes, start-to-healthy) live in the catalogue; these are the harness's own.

/** One image build (an app's target; a Compose `up` builds its own). LAB_BUILD_TIMEOUT_MS overrides. */
export const buildLimitMs = Number(process.env.LAB_BUILD_TIMEOUT_MS) || 10 * 60_000;

/** One forged base image: a cold golang or node stand-in builds for minutes on 2 cores. */
export const forgeBuildLimitMs = Number(process.env.FORGE_BUILD_TIMEOUT_MS) || 20 * 60_000;

/** One-line rebuilds the cache claim times after its cold build; their median is held to the budget. */
export const rebuildRuns = 3;

/** The most image builds one contract test (or hook) runs one after another: the cache claim's cold build and its rebuilds. */
export const buildsPerTest = 1 + rebuildRuns;

/** A contract test: its builds at their limit, and five minutes for what it runs and inspects. */
export const contractTestTimeoutMs = buildsPerTest * buildLimitMs + 5 * 60_000;

/**
 * A contract hook: the forge's (a chain of up to three stand-ins, each at its limit, e.g.
 * debian -> node -> distroless nodejs) or an app's measurement (two builds).
 */
export const contractHookTimeoutMs = Math.max(3 * forgeBuildLimitMs, contractTestTimeoutMs) + 5 * 60_000;

/**
 * A unit test that spawns a process (node, vitest, pnpm, bash) or opens a browser. Alone such a
 * test takes about a second; under turbo it shares 2 cores with the forge's builds, the other
 * packages' tests and typecheck (load averages of 10-30 are measured here), so vitest's default
 * 5 s failed it. Two minutes hold at a tenth of one core (how it was measured: README, "Green under load").
 */
export const spawningTestTimeoutMs = 120_000;

/** A command such a test spawns is killed after this, so its own error, not the test's timeout, says what hung. */
export const spawnedCommandLimitMs = 100_000;

/**
 * How long a stopped run (SIGINT, SIGTERM) waits for its work in flight to end before it cleans
 * up anyway: a build's cancel is SIGINT, then SIGKILL after 10 s (engine/build.ts), and a
 * container's removal takes a second or two. A second signal stops the waiting at once.
 */
export const stopGraceMs = 20_000;

/** The fewest fresh starts whose median start-to-healthy is held to an app's goal. */
export const healthGoalStarts = 3;

/**
 * How far a median start-to-healthy may miss the app's goal (catalogue healthyWithinMs.goal, a
 * quiet machine's figure) before `pnpm test` fails: the goal times this. Measured on the shared
 * 2-core machine (7 Dec 2026, `node harness/src/cli/starts.ts --app A --runs 5 [--cpus S]`, each
 * loaded run under `scripts/under-load --share S` so the harness had the same share; `--cpus`
 * is the same CFS quota on the container, whose processes the engine starts outside the
 * command's cgroup). node-api, whose start and Node probe are CPU-bound: quiet (load average
 * 2.4) median 414 ms; at half a core 944 ms (2.3x), a quarter 1.69 s (4.1x), a tenth 3.88 s
 * (9.4x). go-api: 167 ms quiet, 202-210 ms at a half, a quarter and a tenth (1.2-1.3x). So 4
 * holds the goals down to a quarter of a core per container, a load average of about 8 on 2
 * cores; a tenth's 10x would let every goal pass beyond its limit and gate nothing. Busier
 * than a quarter core, the gate fails and names the load average it saw.
 */
export const healthGoalLoadFactor = 4;
