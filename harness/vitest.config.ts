import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import { contractHookTimeoutMs, contractTestTimeoutMs } from './src/limits.ts';
import ContractSequencer from './test/contract/sequencer.ts';

const resultsFile = (extension: string) =>
  path.resolve(process.env.LAB_TEST_RESULTS ?? '.', `harness-${(process.env.npm_lifecycle_event ?? 'vitest').replace(/[^a-z0-9-]/gi, '-')}.${extension}`);

// The projects: `unit` needs no engine and runs in seconds (pnpm test:unit, the inner loop);
// `commands` needs no engine either, but each of its files starts commands as a user runs them, a
// browser, or a vitest run (a second of a core each, 30 s of the 55 s unit run they were part of on
// 2 cores): pnpm test runs them; `contract` builds real images on a real engine, two files at a
// time (2 cores, timings held by the timing lock) with long timeouts, and `contract-alone` the few that need the engine to themselves.
const commandTests = [
  'bad-input', // every command spawned with bad input
  'no-engine', // commands and the contract suite with no engine
  'old-engine', // the same against a fake old engine
  'must-run', // a vitest run of a fixture
  'report-page', // the report page in a headless browser
  'report-merge', // pnpm report:merge, page and screenshot
  'write-atomic', // a writer killed mid-write
  'timing-lock', // the timing lock between processes
  'semaphore-process', // the forge's semaphore keeps its process going
  'own-temp-dir', // a vitest run of a fixture that leaves a temp folder
].map((name) => `test/unit/${name}.test.ts`);
// Unit tests that replace a module (vi.mock): a mock needs the module graph of its own file, so
// these run isolated, beside the shared graph of the others (pnpm test:unit runs both projects).
const mockingTests = ['claims-measure-once'].map((name) => `test/unit/${name}.test.ts`);
// Contract files that run alone, after the others: faults runs `pnpm verify --app go-api`, which
// builds the report's own lab/go-api images (apps.test.ts builds and runs those tags too);
// harness-behaviour removes everything of this run (removeOwned('run')), the other files' images
// and containers too. (goals-fail's 100 ms health goal and forge's 10 s second run are timings:
// they run two at a time with the others, holding the timing lock, src/engine/timing-lock.ts.)
// Every project's files run with a temp dir of their own, and fail when they leave anything in it.
const ownTempDir = 'test/support/own-temp-dir.ts';
const contractAlone = ['faults', 'harness-behaviour'].map((name) => `test/contract/${name}.test.ts`);
export default defineConfig({
  test: {
    // With LAB_TEST_RESULTS set (pnpm test does: the root's .cache/test-results), a JSON report
    // feeds CI's closing line (harness/src/tasks/test-summary.ts); it is the task's turbo output,
    // named <package>-<task>.json (turbo.json), so a replayed task restores it.
    // Beside it, why each skipped test was skipped (test/support/skip-notes.ts), for the same line.
    reporters: process.env.LAB_TEST_RESULTS
      ? ['default', ['json', { outputFile: resultsFile('json') }], ['./test/support/skip-notes.ts', { outputFile: resultsFile('skips.json') }]]
      : ['default'],
    // Which file starts first (a root option: vitest sorts every project's files with it). Only the
    // contract files' order changes: apps.test.ts first (test/contract/sequencer.ts).
    sequence: { sequencer: ContractSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...commandTests, ...mockingTests],
          // One module graph for all files (a worker's files share their imports): loading the
          // harness afresh for every file was 60% of the run, 26 s of CPU against 9 s so (no
          // engine, load 15). Unit tests hold no state between files: none stubs a global or the
          // environment, and those that mock a module run in unit-mocks.
          isolate: false,
          setupFiles: [ownTempDir],
        },
      },
      {
        test: {
          name: 'unit-mocks',
          include: mockingTests,
          setupFiles: [ownTempDir],
        },
      },
      {
        test: {
          name: 'commands',
          include: commandTests,
          setupFiles: [ownTempDir],
        },
      },
      {
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...contractAlone],
          globalSetup: ['test/contract/global-setup.ts'],
          // After each test and file, whatever a timed-out test left building is cancelled.
          setupFiles: [ownTempDir, 'test/contract/cancel-builds.ts'],
          // Two files at a time, apps.test.ts first (sequencer.ts): a file's builds overlap the
          // other's waits (containers starting, health probes, Compose). Every timing (a start, a
          // stop, a cold build and its rebuilds) holds the timing lock (src/engine/timing-lock.ts):
          // the other file's builds, layer scans and browsers wait until it is done. Without it a
          // clean-clone .ci/run failed react-spa's rebuild ratio (21.4% against its 20%), a build
          // of the other file running during a rebuild. Every image and container a file makes
          // is named by this run and its own entry or purpose, so two files never take each other's.
          maxWorkers: 2,
          // From src/limits.ts: longer than the builds a test or hook runs, so no build outlives its test.
          testTimeout: contractTestTimeoutMs,
          hookTimeout: contractHookTimeoutMs,
        },
      },
      {
        // The contract files that must have the engine to themselves, one after another once the
        // others are done (vitest runs a project without file parallelism in a group of its own, last).
        test: {
          name: 'contract-alone',
          include: contractAlone,
          globalSetup: ['test/contract/global-setup.ts'],
          setupFiles: [ownTempDir, 'test/contract/cancel-builds.ts'],
          fileParallelism: false,
          testTimeout: contractTestTimeoutMs,
          hookTimeout: contractHookTimeoutMs,
        },
      },
    ],
  },
});
