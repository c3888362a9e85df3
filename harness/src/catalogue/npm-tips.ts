// The tutorial's npm tips, each as a trial in node-api's build image (node:24-slim, with npm).
// Offline: the "dev dependency" is a local folder (file:), so no registry is asked, and a control
// install first shows the trial would notice it. Under `set -e` a failing setup or control step
// ends the script before its verdict line, which leaves the tip "not decided" (tip-verdict.ts).
import { tipVerdictLine } from './tip-verdict.ts';
import type { TipTrial } from './types.ts';

const image = 'node:24-slim';
const holds = `echo "${tipVerdictLine.holds}"`;
const doesNotHold = `echo "${tipVerdictLine['does not hold']}"; exit 1`;

/**
 * "npm ci --only=production" (Example 7) and "npm install --only=production" (Example 1): the
 * dev dependency that the same command without the option installs is left out. The warning
 * today's npm prints for --only is quoted in the verdict (tipSaid).
 */
function onlyProduction(command: 'npm ci' | 'npm install'): TipTrial {
  return {
    tip: `${command} --only=production`,
    image,
    script: [
      'set -e',
      'mkdir -p /tmp/t/devtool && cd /tmp/t',
      `echo '{"name":"devtool","version":"1.0.0"}' > devtool/package.json`,
      `echo '{"name":"t","version":"1.0.0","devDependencies":{"devtool":"file:./devtool"}}' > package.json`,
      'npm install --package-lock-only --no-audit --no-fund --loglevel=error',
      `${command} --no-audit --no-fund --loglevel=error`,
      `test -e node_modules/devtool || { echo "control: a plain ${command} did not install the dev dependency"; exit 2; }`,
      `echo "npm $(npm --version): plain ${command} installs the dev dependency devtool"`,
      'rm -rf node_modules',
      `${command} --only=production --no-audit --no-fund`,
      `if [ -e node_modules/devtool ]; then echo "${command} --only=production installed the dev dependency devtool"; ${doesNotHold}; fi`,
      `echo "${command} --only=production left the dev dependency devtool out"`,
      holds,
    ].join('\n'),
    instead: 'node-api installs with `pnpm install --prod`',
    because: {
      'does not hold': 'npm no longer reads --only: it asks for --omit=dev',
      holds: "today's npm still honours --only=production, as --omit=dev, with a deprecation warning: `--omit=dev` is the option that lasts",
    },
  };
}

/**
 * "RUN npm install  # Installs ALL dependencies" (Example 1): a plain install lays out the dev
 * dependency beside the production one (the control: the production one is there at all).
 */
const installAll: TipTrial = {
  tip: 'npm install',
  image,
  script: [
    'set -e',
    'mkdir -p /tmp/t/devtool /tmp/t/runtime && cd /tmp/t',
    `echo '{"name":"devtool","version":"1.0.0"}' > devtool/package.json`,
    `echo '{"name":"runtime","version":"1.0.0"}' > runtime/package.json`,
    `echo '{"name":"t","version":"1.0.0","dependencies":{"runtime":"file:./runtime"},"devDependencies":{"devtool":"file:./devtool"}}' > package.json`,
    'npm install --no-audit --no-fund --loglevel=error',
    'test -e node_modules/runtime || { echo "control: npm install did not install the production dependency"; exit 2; }',
    `if [ ! -e node_modules/devtool ]; then echo "npm $(npm --version): npm install left the dev dependency devtool out"; ${doesNotHold}; fi`,
    'echo "npm $(npm --version): npm install installed the dev dependency devtool beside the production one"',
    holds,
  ].join('\n'),
  instead: 'node-api installs everything in its build stages and copies a `pnpm install --prod` tree into production',
};

/** "npm cache clean --force": npm's cache is gone afterwards, so the layer does not keep it. */
const cacheClean: TipTrial = {
  tip: 'npm cache clean --force',
  image,
  script: [
    'set -e',
    'mkdir -p /tmp/.npm/_cacache/index-v5 && echo entry > /tmp/.npm/_cacache/index-v5/e',
    'npm cache clean --force',
    `if [ -e /tmp/.npm/_cacache ]; then echo "npm cache still there: $(du -sk /tmp/.npm/_cacache | cut -f1) kB"; ${doesNotHold}; fi`,
    'echo "npm $(npm --version): the cache folder is gone"',
    holds,
  ].join('\n'),
  instead: 'node-api keeps package caches in BuildKit cache mounts (RUN --mount=type=cache), never in a layer',
};

export const npmTips: TipTrial[] = [onlyProduction('npm ci'), onlyProduction('npm install'), installAll, cacheClean];
