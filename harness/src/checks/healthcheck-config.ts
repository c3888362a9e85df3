// healthcheck-config: a service's image has a HEALTHCHECK that calls no curl or wget (no argument,
// busybox applet or shell word), and has no curl or wget at all; reads the image config and files.
import type { ImageFacts } from '../inspect/image.ts';
import { verdict, type Verdict } from '../verdict.ts';
import type { ContractModule } from './check.ts';
import { layerLine } from './layers.ts';

const downloader = /(^|\/)(curl|wget)$/;

/**
 * The words of a health-check command that name a downloader: every argument, split into words,
 * since a downloader may be the executable, a busybox applet (`busybox wget ...`) or inside a
 * `sh -c` string.
 */
export function downloaderWords(test: string[]): string[] {
  const args = test[0] === 'CMD' || test[0] === 'CMD-SHELL' ? test.slice(1) : test;
  // Split at shell syntax: blanks, ; & | ( ) < >, backticks and both quotes (\x60 \x22 \x27).
  return args.flatMap((arg) => arg.split(/[\s;&|()<>\x60\x22\x27]+/)).filter((word) => downloader.test(word));
}

export function checkHealthcheckConfig(image: ImageFacts): Verdict {
  const test = image.config.healthcheck?.test ?? [];
  const present = test.length > 0 && test[0] !== 'NONE';
  const calls = [...new Set(downloaderWords(test))];
  // A symlink named wget (to busybox, say) is a downloader as much as the real thing.
  const installed = image.files.filter((f) => downloader.test(f.path) && f.type !== 'directory');
  const found = [
    // In backticks: the report shows the image config's array as code, not as raw JSON in prose.
    present ? `\`HEALTHCHECK ${JSON.stringify(test)}\`` : 'no HEALTHCHECK',
    ...(calls.length ? [`it calls ${calls.join(', ')}`] : []),
    ...(installed.length ? [`installed: ${installed.map((f) => f.path).join(', ')}`] : []),
  ];
  return verdict(
    present && calls.length === 0 && installed.length === 0,
    'a HEALTHCHECK that calls no curl/wget (no argument, busybox applet or shell word), and no curl/wget in the image',
    found.join('; '),
    [
      ...(calls.length ? ['probe with the app itself (its runtime, or a health flag of its binary), as the tutorial does with node'] : []),
      ...[...new Set(installed.map((f) => f.layer))].map((i) => layerLine(image, i)),
    ].join('\n'),
  );
}

export const healthcheckConfig: ContractModule = {
  kind: 'contract',
  id: 'healthcheck-config',
  fixtures: ['healthcheck-wget'],
  checks: (entry) =>
    entry.service
      ? [{ id: 'healthcheck-config', title: 'HEALTHCHECK in the image, needing no curl or wget', evaluate: (f) => checkHealthcheckConfig(f.multi.facts) }]
      : [],
};
