// The build context is what `docker build` sends: for every catalogue app, the files a
// `COPY . /ctx` sees through the harness are exactly those it sees through the Docker CLI
// (`docker buildx build`, same context, the Dockerfile outside it), and a comment in the app's
// Dockerfile rebuilds nothing (the Dockerfile is not part of the context).
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/catalogue/index.ts';
import type { AppEntry } from '../../src/catalogue/types.ts';
import { buildImage } from '../../src/engine/build.ts';
import { docker } from '../../src/engine/docker.ts';
import { ownedLabels } from '../../src/engine/ownership.ts';
import { labBuildArgs } from '../../src/measure/version-args.ts';
import { temporaryTag } from '../../src/measure/images.ts';
import { fromRepo } from '../../src/paths.ts';
import { timed } from '../../src/engine/timing-lock.ts';

const run = promisify(execFile);
const listing = 'FROM scratch\nCOPY . /ctx\n';
let scratch: string;
let cli: string | null = null;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'lab-context-'));
  await writeFile(path.join(scratch, 'listing.Dockerfile'), listing);
  cli = await run('docker', ['buildx', 'version']).then(
    () => null,
    (error: Error) => `docker buildx is not available here (${error.message.split('\n')[0]}), so there is no CLI to compare with`,
  );
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** What the harness's context holds: the listing image's /ctx, read back from a container. */
async function harnessContext(entry: AppEntry): Promise<string[]> {
  const built = await buildImage({
    context: fromRepo(entry.context),
    dockerfile: path.join(scratch, 'listing.Dockerfile'),
    tag: temporaryTag(entry, 'context-listing'),
    labels: ownedLabels(),
    ...(entry.hostFiles ? { extraFiles: entry.hostFiles } : {}),
  });
  const container = await docker().createContainer({ Image: built.imageId, Cmd: ['/nonexistent'], Labels: ownedLabels() });
  try {
    const archive = await container.getArchive({ path: '/ctx' });
    const names: string[] = [];
    const extract = tar.extract();
    extract.on('entry', (header, stream, next) => {
      const name = header.name.replace(/^ctx\/?/, '').replace(/\/$/, '');
      if (name) names.push(name);
      stream.on('end', next);
      stream.resume();
    });
    await new Promise<void>((resolve, reject) => {
      extract.on('finish', resolve);
      extract.on('error', reject);
      archive.pipe(extract as unknown as NodeJS.WritableStream);
    });
    return names.sort();
  } finally {
    await container.remove({ force: true });
  }
}

/** What the CLI's context holds: the same build through `docker buildx build`, exported to a folder. */
async function cliContext(entry: AppEntry): Promise<string[]> {
  let context = fromRepo(entry.context);
  if (entry.hostFiles) {
    // The CLI has no extra files: place them as the app's README says to (selftest: cp /bin/busybox bin/).
    context = path.join(scratch, `${entry.name}-context`);
    await cp(fromRepo(entry.context), context, { recursive: true });
    for (const [destination, source] of Object.entries(entry.hostFiles)) await cp(source, path.join(context, destination));
  }
  const out = path.join(scratch, `${entry.name}-cli`);
  await run('docker', ['buildx', 'build', '--quiet', '-f', path.join(scratch, 'listing.Dockerfile'), '--output', `type=local,dest=${out}`, context], {
    maxBuffer: 16 << 20,
  });
  const names: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const item of await readdir(dir, { withFileTypes: true })) {
      const relative = prefix ? `${prefix}/${item.name}` : item.name;
      names.push(relative);
      if (item.isDirectory()) await walk(path.join(dir, item.name), relative);
    }
  };
  await walk(path.join(out, 'ctx'), '');
  return names.sort();
}

for (const entry of catalogue()) {
  describe(`${entry.name}: the build context`, () => {
    it('holds exactly what the Docker CLI sends for the same folder (no Dockerfile, .dockerignore applied)', async (context) => {
      if (cli) return context.skip(cli);
      const [harness, reference] = [await harnessContext(entry), await cliContext(entry)];
      expect(harness.filter((p) => /Dockerfile/.test(p))).toEqual([]);
      expect(harness).toEqual(reference);
    });

    it('is the same when only a comment of the Dockerfile changes: nothing rebuilds', async () => {
      const original = await readFile(fromRepo(entry.dockerfiles.multi), 'utf8');
      const build = async (content: string) => {
        const file = path.join(scratch, `${entry.name}-multi.Dockerfile`);
        await writeFile(file, content);
        return buildImage({
          context: fromRepo(entry.context),
          dockerfile: file,
          tag: temporaryTag(entry, 'comment'),
          target: entry.productionTarget,
          buildArgs: { ...labBuildArgs(), ...entry.buildArgs },
          labels: ownedLabels(),
          ...(entry.hostFiles ? { extraFiles: entry.hostFiles } : {}),
        });
      };
      // The two builds with no other run's beside them (timing-lock.ts): BuildKit shares a step
      // another build is running at the same moment and reports it as run (a cold .ci/run, two
      // files at a time, saw node-api's COPY of its lockfile "rebuilt" so while apps.test.ts built it).
      const again = await timed(async () => {
        await build(original);
        return build(`${original}\n# a comment that changes no instruction: ${Date.now()}\n`);
      });
      // A FROM of a local image is reported done rather than cached whatever happened; every
      // other step must come from the cache.
      const rebuilt = again.steps
        .filter((s) => !s.cached && s.name.startsWith('[') && !s.name.startsWith('[internal]') && !/^\[[^\]]+\] FROM /.test(s.name))
        .map((s) => s.name);
      expect(again.steps.filter((s) => / (COPY|RUN) /.test(s.name)).length, 'the build has COPY or RUN steps to compare').toBeGreaterThan(0);
      expect(rebuilt, `rebuilt after a comment change:\n${rebuilt.join('\n')}`).toEqual([]);
    });
  });
}
