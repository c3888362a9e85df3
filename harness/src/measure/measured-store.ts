// Measure once: what `pnpm verify` or the contract tests measured of an app (its images' facts,
// each claim's facts) is kept in .cache/measured/<app>/<key>/<what>.json, and the other command,
// run with the same key (measurement-key.ts), replays it instead of building and measuring again.
// Only facts every verdict decided on them passed are kept, as turbo keeps only passing tasks: a
// failure (a flaky timing, say) is measured again on the next run, never replayed. Each file is
// written whole (write-atomic.ts). One key per app is kept, the newest: its folder replaces the
// app's older ones. An older key comes back only when the tree, HEAD's commit and the engine all
// return to what they were, and its images (the app's tags have moved on) are still on the engine;
// each key holds up to 9 MB (the images' file lists), so keeping more would cost more than it saves.
// `pnpm clean` removes the store with the images it describes.
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { cacheDir } from '../paths.ts';
import { writeFileAtomic } from '../write-atomic.ts';

/** LAB_MEASURED_DIR moves the store (a test's run of `pnpm clean` leaves the repository's alone). */
export const measuredDir = process.env.LAB_MEASURED_DIR ? path.resolve(process.env.LAB_MEASURED_DIR) : path.join(cacheDir, 'measured');

/** Which measurement: of which app, under which key (undefined: never replayed nor kept), and what of it. */
export interface MeasurementPlace {
  app: string;
  key: string | undefined;
  /** "images" for the app's production and single-stage measurement, else the claim's id. */
  what: string;
}

/** Who measured a replayed measurement, and when. */
export interface Provenance {
  by: string;
  at: string;
}

interface StoredMeasurement<Facts> extends Provenance {
  key: string;
  facts: Facts;
}

export interface MeasureOnceOptions<Facts> {
  /** Whether these facts are worth keeping: every verdict decided on them passed. */
  keep: (facts: Facts) => boolean;
  /** Whether stored facts can still be used (say, the images they describe are still there). */
  usable?: (facts: Facts) => Promise<boolean>;
  /** The key made again once measured: where the tree or the engine changed meanwhile, what was measured may be of either, and nothing is kept. */
  keyNow?: () => Promise<string | undefined>;
  dir?: string;
}

const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');

function fileOf(dir: string, place: MeasurementPlace & { key: string }): string {
  return path.join(dir, safe(place.app), place.key, `${safe(place.what)}.json`);
}

/** The stored facts of `place`, or undefined when none were kept under its key. */
export async function readMeasured<Facts>(place: MeasurementPlace, dir: string = measuredDir): Promise<StoredMeasurement<Facts> | undefined> {
  if (!place.key) return undefined;
  const text = await readFile(fileOf(dir, { ...place, key: place.key }), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  try {
    const stored = JSON.parse(text) as StoredMeasurement<Facts>;
    return stored.key === place.key ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `facts` under `place`'s key, and removes the app's measurements under other keys. */
export async function writeMeasured<Facts>(place: MeasurementPlace, facts: Facts, dir: string = measuredDir): Promise<void> {
  if (!place.key) return;
  const file = fileOf(dir, { ...place, key: place.key });
  const appDir = path.dirname(path.dirname(file));
  await mkdir(path.dirname(file), { recursive: true });
  for (const other of await readdir(appDir)) if (other !== place.key) await rm(path.join(appDir, other), { recursive: true, force: true });
  const stored: StoredMeasurement<Facts> = { key: place.key, by: measurer(), at: new Date().toISOString(), facts };
  await writeFileAtomic(file, `${JSON.stringify(stored)}\n`);
}

/** The command that measured: `pnpm verify`, the contract tests (through turbo or vitest alone), or the script's name. */
function measurer(): string {
  const event = process.env.npm_lifecycle_event;
  if (event === 'verify') return 'pnpm verify';
  if (event === 'test:contract' || process.env.VITEST) return 'the contract tests';
  return event ?? path.basename(process.argv[1] ?? 'node');
}

/** The facts of `place`: replayed when kept under its key, else measured (and kept when `keep` says so). */
export async function measureOnce<Facts>(
  place: MeasurementPlace,
  measure: () => Promise<Facts>,
  options: MeasureOnceOptions<Facts>,
): Promise<{ facts: Facts; replayed?: Provenance }> {
  const dir = options.dir ?? measuredDir;
  const stored = await readMeasured<Facts>(place, dir);
  if (stored && (!options.usable || (await options.usable(stored.facts)))) return { facts: stored.facts, replayed: { by: stored.by, at: stored.at } };
  const facts = await measure();
  if (options.keep(facts) && (!options.keyNow || (await options.keyNow()) === place.key)) {
    // A store that cannot be written costs the next run a measurement, not this run its result.
    await writeMeasured(place, facts, dir).catch((error: Error) =>
      process.stderr.write(`measured facts of ${place.app} (${place.what}) not kept: ${error.message}\n`),
    );
  }
  return { facts };
}

/** The bytes the files under `dir` hold (none where it does not exist). */
async function bytesUnder(dir: string): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(dir, { recursive: true }).catch(() => [] as string[])) {
    const info = await stat(path.join(dir, name)).catch(() => undefined);
    if (info?.isFile()) bytes += info.size;
  }
  return bytes;
}

/** Removes every kept measurement (`pnpm clean`: the images they describe go too); says of how many apps, and how many bytes. */
export async function removeMeasured(dir: string = measuredDir): Promise<{ apps: string[]; bytes: number }> {
  const apps = (await readdir(dir).catch(() => [] as string[])).sort();
  const bytes = await bytesUnder(dir);
  await rm(dir, { recursive: true, force: true });
  return { apps, bytes };
}
