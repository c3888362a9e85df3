// `pnpm fingerprint` (turbo runs it before the contract tests, as //#fingerprint): makes the
// base images of the catalogued apps present (LAB_APPS narrows them), then writes what the
// contract results depend on outside the repository to .cache/fingerprint.json, which turbo
// hashes into test:contract's key. A run that fails leaves a fingerprint no result was ever
// cached under, so nothing is replayed on a machine this step could not describe.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { catalogue } from '../catalogue/index.ts';
import { requireEngine } from '../engine/docker.ts';
import { ensureBasesOf } from '../measure/bases.ts';
import { digestOf, measurementFingerprint } from '../measure/fingerprint.ts';
import { cacheDir } from '../paths.ts';
import { runCli } from './terminal.ts';

const fingerprintFile = path.join(cacheDir, 'fingerprint.json');

await runCli(async () => {
  await mkdir(cacheDir, { recursive: true });
  await writeFile(fingerprintFile, `${JSON.stringify({ incomplete: randomBytes(16).toString('hex') })}\n`);
  await requireEngine();
  await ensureBasesOf(catalogue(), (line) => process.stderr.write(`${line}\n`));
  const fingerprint = await measurementFingerprint(catalogue());
  await writeFile(fingerprintFile, `${JSON.stringify(fingerprint, null, 2)}\n`);
  const { engine } = fingerprint;
  process.stdout.write(
    `fingerprint ${digestOf(fingerprint).slice(0, 12)}: engine ${engine.version} (${engine.storageDriver}, ${engine.imageStore} image store), ` +
      `${Object.keys(fingerprint.bases).length} base image(s), ${Object.keys(fingerprint.recipes).length} recipe(s), ${Object.keys(fingerprint.hostFiles).length} host file(s)` +
      `${fingerprint.compose ? `, Compose ${fingerprint.compose}` : ''}\n`,
  );
});
