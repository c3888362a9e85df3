// The environment the contract results depend on: which apps, the version stamped into images,
// the forge's mirrors, registries and pull switch (FORGE_*), the package registries and CA bundle
// the harness reads, the TLS probe's target, the build time limit, the browser. turbo passes
// exactly these to //#fingerprint and hashes them into test:contract's key (turbo.json: strict
// env mode drops every other variable), and the fingerprint records a hash of each value. A
// unit test keeps turbo.json and this list the same, and every variable harness/src reads on
// one of the two lists below.
import { createHash } from 'node:crypto';

export const resultEnvironment = [
  'LAB_APPS',
  'LAB_VERSION',
  'LAB_REVISION',
  'LAB_BUILD_TIMEOUT_MS',
  // Which builder (engine/builder.ts); its facts are in the fingerprint too, and a build reads it.
  'LAB_BUILDER',
  'BUILDX_BUILDER',
  'LAB_BUILDER_MIRROR',
  'LAB_TLS_PROBE_URL',
  'LAB_CHROMIUM',
  'FORGE_*',
  'npm_config_registry',
  'NPM_CONFIG_REGISTRY',
  'NPM_CONFIG_USERCONFIG',
  'NPM_CONFIG_GLOBALCONFIG',
  'PIP_INDEX_URL',
  'PIP_CONFIG_FILE',
  'SSL_CERT_FILE',
  'GOPROXY',
];

/** Read by the harness, but no input of a result (which engine answers is the fingerprint's engine
 * identity; where reports and kept measurements go is no input either; PATH and PYENV_ROOT only tell python-api's unit
 * tests where to find an interpreter; LAB_TUTORIAL only which text a unit test holds the claims'
 * quotes to, in test:unit's key in turbo.json). */
export const otherEnvironment = [
  'DOCKER_HOST',
  'LAB_TEST_RESULTS',
  'LAB_REPORTS_DIR',
  'LAB_MEASURED_DIR',
  'LAB_RUN_ID',
  'INIT_CWD',
  'npm_lifecycle_event',
  'TESTCONTAINERS_RYUK_DISABLED',
  'TESTCONTAINERS_HOST_OVERRIDE',
  'PATH',
  'PYENV_ROOT',
  'LAB_TUTORIAL',
  // Where BuildKit's cache is kept between runs (engine/cache-export.ts): an imported step is the
  // same step, so the image is the same; turbo passes it through unhashed.
  'LAB_BUILD_CACHE',
  // Whether a narrowed `pnpm verify` also runs the tutorial's recipes (recipes/for-report.ts): what
  // goes into the report, not how any image or result is made; only verify reads it, outside turbo.
  'LAB_RECIPES',
  // Where the machine's timing lock lives (engine/timing-lock.ts): when a timing runs, not what it measures.
  'LAB_TIMING_LOCK_DIR',
  // Set by vitest in its workers: it only names who measured what the measured store keeps.
  'VITEST',
];

/** Whether a variable's name is matched by a list of names and `PREFIX_*` wildcards (turbo's syntax). */
export function matches(patterns: string[], name: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

/** The result environment as the fingerprint keeps it: each set variable's value hashed (a registry URL may carry a token). */
export function resultEnvironmentOf(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(env)
    .filter((n) => matches(resultEnvironment, n))
    .sort()) {
    out[name] = `sha256:${createHash('sha256')
      .update(env[name] ?? '')
      .digest('hex')
      .slice(0, 16)}`;
  }
  return out;
}
