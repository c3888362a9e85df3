// `pnpm bench --builders a,b`: the same bench on several buildx builders in one run (the engine's
// own "default" and, say, a remote buildkitd), and one table with their medians side by side.
// Each builder runs with LAB_BUILDER set to it for the whole of its bench; LAB_BUILDER_MIRROR
// (the mirror a non-default builder resolves base images through) only for the others, so the
// engine's builder pushes nothing.
import { BadInputError } from '../bad-input.ts';
import { chosenBuilder } from '../engine/builder.ts';
import { formatBytes, formatMs } from '../format.ts';
import type { AppBench } from './bench.ts';

/** buildx's name of the engine's own builder ("docker" driver). */
export const defaultBuilder = 'default';

/** --builders' names, in order, each once; a bad one is one line. */
export function parseBuilders(text: string, usage: string): string[] {
  const names = text.split(',').map((name) => name.trim());
  if (names.some((name) => !name) || new Set(names).size !== names.length)
    throw new BadInputError(`--builders takes buildx builder names, comma-separated, each once (e.g. default,lab-remote), not '${text}'; ${usage}`);
  for (const name of names) {
    try {
      chosenBuilder({ LAB_BUILDER: name });
    } catch (error) {
      throw new BadInputError(`--builders: ${(error as Error).message.replace(/^LAB_BUILDER/, 'a builder')}`);
    }
  }
  return names;
}

/** Runs `work` with every build going to `builder`; the environment is restored after, also on failure. */
export async function onBuilder<T>(builder: string, work: () => Promise<T>, env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const saved = { LAB_BUILDER: env.LAB_BUILDER, BUILDX_BUILDER: env.BUILDX_BUILDER, LAB_BUILDER_MIRROR: env.LAB_BUILDER_MIRROR };
  env.LAB_BUILDER = builder;
  delete env.BUILDX_BUILDER;
  if (builder === defaultBuilder) delete env.LAB_BUILDER_MIRROR;
  try {
    return await work();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
  }
}

const sizes: { key: keyof AppBench['sizes']; what: string }[] = [
  { key: 'single', what: 'image size single-stage' },
  { key: 'multi', what: 'image size production' },
  { key: 'multiCompressed', what: 'image size production, compressed' },
];

/** One row per app and timing, then its sizes: each builder's median or size in its own column ("-" where it has none). */
export function sideBySideRows(runs: { builder: string; benches: AppBench[] }[]): string[][] {
  const keys: { app: string; id: string; what: string }[] = [];
  for (const { benches } of runs)
    for (const bench of benches)
      for (const sample of bench.samples)
        if (!keys.some((k) => k.app === bench.app && k.id === sample.id)) keys.push({ app: bench.app, id: sample.id, what: sample.what });
  const apps = [...new Set(keys.map((k) => k.app))];
  return apps.flatMap((app) => {
    const of = (benches: AppBench[]) => benches.find((b) => b.app === app);
    return [
      ...keys
        .filter((k) => k.app === app)
        .map(({ id, what }) => [
          app,
          what,
          ...runs.map(({ benches }) => {
            const sample = of(benches)?.samples.find((s) => s.id === id);
            return sample ? formatMs(sample.median) : '-';
          }),
        ]),
      ...sizes.map(({ key, what }) => [
        app,
        what,
        ...runs.map(({ benches }) => {
          const bench = of(benches);
          return bench ? `${formatBytes(bench.sizes[key])} (${bench.sizes[key]} B)` : '-';
        }),
      ]),
    ];
  });
}
