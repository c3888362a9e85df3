// The recipe registry: the repository's recipes are valid and cover every base the Dockerfiles
// name, a manifest that disagrees with its Dockerfile is refused, and the recipe hash moves
// when (and only when) something the image is made from moves.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverBaseRefs, isProjectImage, listDockerfiles } from '../../src/forge/discover.ts';
import { basesDir } from '../../src/paths.ts';
import { RecipeHasher } from '../../src/forge/hash.ts';
import type { HostConfig } from '../../src/forge/host.ts';
import { chainMinutes, indexTags, loadRecipes, parentsOf, refsWithRecipe, resolveArgs } from '../../src/forge/recipes.ts';
import { testFolder } from '../support/temp-folder.ts';

const host = (over: Partial<HostConfig> = {}): HostConfig => ({
  npmRegistry: 'https://npm.example/',
  goproxy: 'https://go.example',
  debianMirror: 'http://apt.example/debian',
  debianSecurityMirror: 'http://apt.example/debian-security',
  pypiIndex: 'https://pypi.example/simple',
  mavenRepository: 'https://maven.example/maven2',
  caBundlePath: '/ca.pem',
  caBundleSha256: 'a'.repeat(64),
  sources: {},
  ...over,
});

/** A bases folder of these recipes, removed when the test finishes. */
async function tempBases(recipes: Record<string, { manifest: object; dockerfile: string; files?: Record<string, string> }>): Promise<string> {
  const dir = await testFolder('forge-bases-');
  for (const [name, r] of Object.entries(recipes)) {
    await mkdir(join(dir, name));
    await writeFile(join(dir, name, 'recipe.json'), JSON.stringify(r.manifest));
    await writeFile(join(dir, name, 'Dockerfile'), r.dockerfile);
    for (const [file, content] of Object.entries(r.files ?? {})) await writeFile(join(dir, name, file), content);
  }
  return dir;
}

const parentChild = {
  os: {
    manifest: { description: 'os', from: [], upstream: { os: '1' }, args: { MIRROR: '${host.debianMirror}' }, images: [{ target: 'os', tags: ['os:1'] }] },
    dockerfile: 'FROM scratch AS os\n',
  },
  lang: {
    manifest: { description: 'lang', from: ['os:1'], upstream: { lang: '2' }, images: [{ target: 'lang', tags: ['lang:2', 'lang:latest'] }] },
    dockerfile: 'FROM os:1 AS lang\nRUN true\n',
  },
};

describe('the repository recipes', () => {
  it('load, validate, and give each tag one recipe', async () => {
    const recipes = await loadRecipes(basesDir);
    expect(recipes.map((r) => r.name)).toEqual(expect.arrayContaining(['buildpack-deps', 'debian', 'distroless', 'golang', 'java', 'node']));
    const index = indexTags(recipes);
    for (const tag of [
      'debian:trixie-slim',
      'debian:trixie',
      'buildpack-deps:trixie',
      'node:24-trixie',
      'node:24',
      'node:24-trixie-slim',
      'node:24-slim',
      'golang:1.26-trixie',
      'golang:1.26',
      'eclipse-temurin:25-jdk',
      'eclipse-temurin:25-jre',
      'maven:3.9-eclipse-temurin-25',
    ]) {
      expect(index.has(tag), tag).toBe(true);
    }
    for (const image of ['static', 'base', 'cc', 'nodejs24']) {
      expect(index.has(`gcr.io/distroless/${image}-debian13:latest`)).toBe(true);
      expect(index.has(`gcr.io/distroless/${image}-debian13:nonroot`)).toBe(true);
    }
  });

  it('cover every base image a Dockerfile in the repository names', async () => {
    const index = indexTags(await loadRecipes(basesDir));
    const refs = (await discoverBaseRefs(await listDockerfiles())).filter((r) => !isProjectImage(r.ref));
    const missing = refs.filter((r) => !index.has(r.ref)).map((r) => `${r.ref} (${r.file}:${r.line})`);
    expect(missing).toEqual([]);
  });

  it("build distroless static without node, on Debian's CA bundle, and nodejs24 from the node stand-in", async () => {
    const index = indexTags(await loadRecipes(basesDir));
    const distroless = index.get('gcr.io/distroless/static-debian13:latest')!;
    expect(parentsOf(distroless.recipe, distroless.image)).toEqual(['debian:trixie-slim', 'lab-forge/debian-ca-certificates:trixie']);
    const nodejs = index.get('gcr.io/distroless/nodejs24-debian13:nonroot')!;
    expect(parentsOf(nodejs.recipe, nodejs.image)).toContain('node:24-trixie-slim');
  });

  it("provide the tutorial's Debian-based bases, on Debian 12 as the tutorial knew them, and none of its alpine ones", async () => {
    const tutorial = ['node:18', 'node:18-slim', 'python:3.11', 'python:3.11-slim', 'node:18-alpine', 'nginx:alpine', 'alpine:latest', 'golang:1.21-alpine'];
    expect(await refsWithRecipe(tutorial, basesDir)).toEqual(['node:18', 'node:18-slim', 'python:3.11', 'python:3.11-slim']);
    const index = indexTags(await loadRecipes(basesDir));
    const chain = (ref: string): string[] => {
      const entry = index.get(ref);
      return entry ? parentsOf(entry.recipe, entry.image).flatMap((parent) => [parent, ...chain(parent)]) : [];
    };
    expect(chain('node:18')).toEqual(expect.arrayContaining(['buildpack-deps:bookworm', 'debian:bookworm']));
    expect(chain('python:3.11-slim')).toEqual(['debian:bookworm-slim']);
    expect(index.get('node:18')?.recipe.manifest.upstream.node).toBe('18.20.8');
  });

  it('name no registry host in their args: those come from the host configuration', async () => {
    for (const recipe of await loadRecipes(basesDir)) {
      for (const [name, value] of Object.entries(recipe.manifest.args ?? {})) {
        expect(value, `${recipe.name} args.${name}`).not.toMatch(/^https?:\/\//);
      }
    }
  });
});

describe('manifest checks', () => {
  it('refuses a "from" that disagrees with the Dockerfile', async () => {
    const dir = await tempBases({
      bad: {
        manifest: { description: 'x', from: ['debian:trixie'], upstream: {}, images: [{ target: 'a', tags: ['x:1'] }] },
        dockerfile: 'FROM debian:trixie-slim AS a\n',
      },
    });
    await expect(loadRecipes(dir)).rejects.toThrowError(/used but not declared: debian:trixie-slim; declared but not used: debian:trixie/);
  });

  it('refuses an unknown target and a tag provided twice', async () => {
    const noTarget = await tempBases({
      a: { manifest: { description: 'x', from: [], upstream: {}, images: [{ target: 'missing', tags: ['x:1'] }] }, dockerfile: 'FROM scratch AS a\n' },
    });
    await expect(loadRecipes(noTarget)).rejects.toThrowError(/no stage named "missing"/);
    const twice = await tempBases({
      a: { manifest: { description: 'x', from: [], upstream: {}, images: [{ target: 'a', tags: ['x:1'] }] }, dockerfile: 'FROM scratch AS a\n' },
      b: {
        manifest: { description: 'x', from: [], upstream: {}, images: [{ target: 'b', tags: ['docker.io/library/x:1'] }] },
        dockerfile: 'FROM scratch AS b\n',
      },
    });
    await expect(loadRecipes(twice).then(indexTags)).rejects.toThrowError(/x:1 is provided by both a and b/);
  });

  it('refuses an unknown host setting', async () => {
    const dir = await tempBases({
      a: {
        manifest: { description: 'x', from: [], upstream: {}, args: { R: '${host.nope}' }, images: [{ target: 'a', tags: ['x:1'] }] },
        dockerfile: 'FROM scratch AS a\n',
      },
    });
    const [recipe] = await loadRecipes(dir);
    expect(() => resolveArgs(recipe!, host())).toThrowError(/unknown host setting host.nope/);
  });
});

describe('recipe hash', () => {
  const hashes = async (dir: string, h: HostConfig) => {
    const recipes = await loadRecipes(dir);
    const hasher = new RecipeHasher(indexTags(recipes), h, async () => null);
    return Object.fromEntries(await Promise.all(recipes.map(async (r) => [r.name, await hasher.hashOf(r)] as const)));
  };

  it('is stable when nothing changes', async () => {
    const dir = await tempBases(parentChild);
    expect(await hashes(dir, host())).toEqual(await hashes(dir, host()));
  });

  it("moves a child's hash when its parent's recipe changes", async () => {
    const dir = await tempBases(parentChild);
    const before = await hashes(dir, host());
    await writeFile(join(dir, 'os', 'Dockerfile'), 'FROM scratch AS os\nENV CHANGED=1\n');
    const after = await hashes(dir, host());
    expect(after.os).not.toBe(before.os);
    expect(after.lang).not.toBe(before.lang);
  });

  it('moves with the configured mirror and the CA bundle, not with unrelated settings', async () => {
    const dir = await tempBases(parentChild);
    const base = await hashes(dir, host());
    expect((await hashes(dir, host({ debianMirror: 'http://other/debian' }))).os).not.toBe(base.os);
    expect((await hashes(dir, host({ caBundleSha256: 'b'.repeat(64) }))).lang).not.toBe(base.lang);
    expect((await hashes(dir, host({ npmRegistry: 'https://other/' }))).os).toBe(base.os);
  });

  it('moves when a file of the recipe folder is added or made executable', async () => {
    const dir = await tempBases(parentChild);
    const base = await hashes(dir, host());
    await writeFile(join(dir, 'os', 'hook.sh'), 'echo\n');
    const added = await hashes(dir, host());
    expect(added.os).not.toBe(base.os);
    const copy = await testFolder('forge-bases-');
    await cp(dir, copy, { recursive: true });
    const { chmod } = await import('node:fs/promises');
    await chmod(join(copy, 'os', 'hook.sh'), 0o755);
    expect((await hashes(copy, host())).os).not.toBe(added.os);
  });
});

describe("the forge's order", () => {
  it("ranks static-web-server's chain first, then CPython's, then the Debian 12 chain, then the Dockerfile frontend's, the rest first come, over what pnpm bases asks for", async () => {
    const index = indexTags(await loadRecipes(basesDir));
    const refs = [...new Set((await discoverBaseRefs(await listDockerfiles())).map((f) => f.ref).filter((r) => !isProjectImage(r)))];
    const minutes = chainMinutes(index, [...refs, 'node:18', 'node:18-slim', 'python:3.11', 'python:3.11-slim']);
    // What a freed slot takes first when these wait side by side.
    expect(minutes.get('debian rootfs')).toBe(7);
    expect(minutes.get('debian#trixie')).toBe(7);
    expect(minutes.get('buildpack-deps#curl')).toBe(7);
    expect(minutes.get('static-web-server#static-web-server')).toBe(7);
    // buildpack-deps' full image builds its curl and scm stages itself: CPython's chain runs debian:trixie -> full -> python.
    expect(minutes.get('buildpack-deps#full')).toBe(6.5);
    expect(minutes.get('python#full')).toBe(4.5);
    expect(minutes.get('python#slim')).toBe(4.5);
    expect(minutes.get('debian-bookworm rootfs')).toBe(2);
    // The Dockerfile frontend every build names, made with golang from buildpack-deps' scm image
    // (moby/buildkit, 3.5 more, is asked for by remote-builder.test.ts only, not by a Dockerfile).
    for (const key of ['buildpack-deps#scm', 'golang#golang', 'dockerfile-frontend#dockerfile-frontend']) expect(minutes.get(key), key).toBe(1);
    expect(chainMinutes(index, ['moby/buildkit:v0.35.0']).get('golang#golang')).toBe(4.5);
    for (const key of ['node#slim', 'java#maven', 'node-18#full']) expect(minutes.get(key), key).toBe(0);
  });
});

describe('recipe hash and the manifest', () => {
  it("ignores the description, the official sizes and the build times the forge's order reads, which change no image", async () => {
    const dir = await tempBases(parentChild);
    const hashOf = async () => {
      const recipes = await loadRecipes(dir);
      return new RecipeHasher(indexTags(recipes), host(), async () => null).hashOf(recipes.find((r) => r.name === 'os')!);
    };
    const before = await hashOf();
    const manifest = {
      ...parentChild.os.manifest,
      description: 'reworded',
      images: [{ target: 'os', tags: ['os:1'], official: { uncompressedBytes: 1, source: 's', date: 'd' }, buildMinutes: 7 }],
    };
    await writeFile(join(dir, 'os', 'recipe.json'), JSON.stringify(manifest));
    expect(await hashOf()).toBe(before);
    await writeFile(join(dir, 'os', 'recipe.json'), JSON.stringify({ ...manifest, upstream: { os: '2' } }));
    expect(await hashOf()).not.toBe(before);
  });
});
