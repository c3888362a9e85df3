// `pnpm fingerprint` (turbo runs it before the contract tests, as //#fingerprint): makes the
// base images of the catalogued apps present (LAB_APPS narrows them) and every image the forge's
// recipes make (the contract suite's forge and trust tests use them whatever LAB_APPS says: made
// here, the key names the images the tests will see, and a second run replays), then writes what
// the contract results depend on outside the repository to .cache/fingerprint.json, which turbo
// hashes into test:contract's key. A run that fails leaves a fingerprint no result was ever
// cached under, so nothing is replayed on a machine this step could not describe.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { catalogue } from '../catalogue/index.ts';
import { describeBuilder } from '../engine/builder.ts';
import { requireEngine } from '../engine/docker.ts';
import { ensureBases, ForgeError } from '../forge/index.ts';
import { ensureBasesOf } from '../measure/bases.ts';
import { digestOf, measurementFingerprint } from '../measure/fingerprint.ts';
import { cacheDir } from '../paths.ts';
import { runCli } from '../cli/terminal.ts';
import { writeFileAtomic } from '../write-atomic.ts';

const fingerprintFile = path.join(cacheDir, 'fingerprint.json');

await runCli(async () => {
  await mkdir(cacheDir, { recursive: true });
  await writeFileAtomic(fingerprintFile, `${JSON.stringify({ incomplete: randomBytes(16).toString('hex') })}\n`);
  await requireEngine();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  await ensureBasesOf(catalogue(), log);
  // The other recipes' images: one that cannot be made is named absent in the fingerprint and
  // left to the forge test to fail on; the selected apps' tests still run.
  await ensureBases({ all: true, log }).catch((error: unknown) => {
    if (!(error instanceof ForgeError)) throw error;
    log(
      `fingerprint: ${error.failures.length} image(s) beyond the selected apps' bases could not be made present (recorded as absent): ${error.failures.map((f) => f.ref).join(', ')}`,
    );
  });
  const fingerprint = await measurementFingerprint(catalogue());
  await writeFileAtomic(fingerprintFile, `${JSON.stringify(fingerprint, null, 2)}\n`);
  const { engine, builder, tools } = fingerprint;
  process.stdout.write(
    `fingerprint ${digestOf(fingerprint).slice(0, 12)}: engine ${engine.version} (${engine.storageDriver}, ${engine.imageStore} image store` +
      `${engine.registryMirrors.length ? `, mirrors ${engine.registryMirrors.join(' ')}` : ''}), buildx ${builder.buildx}, ${describeBuilder(builder)}, ` +
      `Node ${tools.node} (zlib ${tools.zlib}), ${tools.chromium.split('\n')[0]}, ` +
      `${Object.keys(fingerprint.bases).length} base image(s), ${Object.keys(fingerprint.recipeImages).length} recipe image(s), ${Object.keys(fingerprint.recipes).length} recipe(s), ` +
      `${Object.keys(fingerprint.hostFiles).length} host file(s), ${Object.keys(fingerprint.env).length} variable(s)${fingerprint.compose ? `, Compose ${fingerprint.compose}` : ''}\n`,
  );
});
