import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { injectedDockerfileName, packContext } from '../../src/engine/context-tar.ts';

async function names(stream: Readable): Promise<string[]> {
  const extract = tar.extract();
  const found: string[] = [];
  extract.on('entry', (header, entry, next) => {
    found.push(header.name);
    entry.on('end', next);
    entry.resume();
  });
  const done = new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  stream.pipe(extract as unknown as NodeJS.WritableStream);
  await done;
  return found.sort();
}

describe('the build context', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'lab-ctx-'));
    await mkdir(path.join(root, 'app/src'), { recursive: true });
    await mkdir(path.join(root, 'app/node_modules/x'), { recursive: true });
    await writeFile(path.join(root, 'app/src/index.ts'), 'export {};');
    await writeFile(path.join(root, 'app/node_modules/x/index.js'), '');
    await writeFile(path.join(root, 'app/.dockerignore'), 'node_modules\n');
    await writeFile(path.join(root, 'multi.Dockerfile'), 'FROM scratch\n');
    await writeFile(path.join(root, 'extra'), 'x');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('honours .dockerignore and adds a Dockerfile that lives outside the context', async () => {
    const { tar: stream, dockerfileName } = await packContext({ context: path.join(root, 'app'), dockerfile: path.join(root, 'multi.Dockerfile') });
    expect(dockerfileName).toBe(injectedDockerfileName);
    expect(await names(stream)).toEqual(['.dockerignore', injectedDockerfileName, 'src', 'src/index.ts']);
  });

  it('adds host files under the names the entry gives', async () => {
    const { tar: stream } = await packContext({
      context: path.join(root, 'app'),
      dockerfile: path.join(root, 'multi.Dockerfile'),
      extraFiles: { 'bin/extra': path.join(root, 'extra') },
    });
    expect(await names(stream)).toContain('bin/extra');
  });

  it('prefers <Dockerfile>.dockerignore beside the Dockerfile to the context\'s own, as the Docker CLI does', async () => {
    await writeFile(path.join(root, 'multi.Dockerfile.dockerignore'), '*\n!src\n');
    const { tar: stream } = await packContext({ context: path.join(root, 'app'), dockerfile: path.join(root, 'multi.Dockerfile') });
    expect(await names(stream)).toEqual([injectedDockerfileName, 'src', 'src/index.ts']);
  });
});
